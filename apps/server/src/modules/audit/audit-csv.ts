/**
 * The activity log as CSV for a spreadsheet: a UTF-8 byte-order mark (so Excel reads accents right), RFC 4180
 * quoting and formula-safe cells (see projects/csv.ts).
 */
import type { AuditEntry } from '@rsm/shared/audit-schemas';
import { toCsv } from '../projects/csv.ts';

const HEADERS = ['time (UTC)', 'actor', 'actor id', 'action', 'entity', 'entity id', 'details'];

export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((e) => [
    e.at,
    e.actor ? (e.actor.name ?? '') : '',
    e.actor?.userId ?? '',
    e.action,
    e.entity,
    e.entityId ?? '',
    e.details.map((d) => `${d.key}=${d.value}`).join('; '),
  ]);
  return `\uFEFF${toCsv([HEADERS, ...rows])}`;
}
