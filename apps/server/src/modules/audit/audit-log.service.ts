/**
 * Reading the studio's audit log: filtered pages newest first with a keyset cursor on (at, id), the filter
 * choices (entity kinds and actors that occur), and the CSV export. Actor names come from the control
 * database through `names`, so a former member still has a name; nothing else about them is shown.
 */
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AUDIT_EXPORT_MAX_ROWS, type AuditEntry, type AuditFilters } from '@rsm/shared/audit-schemas';
import { AppError } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';

const a = tenant.auditLog;

/** Names of users by id (those without one are left out). */
export type ActorNames = (userIds: string[]) => Promise<Map<string, string>>;

const MAX_DETAILS = 20;
const MAX_DETAIL_LENGTH = 300;
/** The exact timestamp (microseconds, UTC): a JavaScript Date keeps milliseconds, too coarse for a keyset. */
const exactAt = sql<string>`to_char(${a.at} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)~([0-9a-f-]{36})$/;

function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}~${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new AppError('BAD_REQUEST', 'This page of the activity log no longer exists');
  return { at: match[1]!, id: match[2]! };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function conditions(filters: AuditFilters): SQL | undefined {
  return and(
    filters.actorUserId ? eq(a.actorUserId, filters.actorUserId) : undefined,
    filters.entity ? eq(a.entity, filters.entity) : undefined,
    // "session" matches session.created and session.moved; "session.created" only itself.
    filters.action ? sql`(${a.action} = ${filters.action} OR ${a.action} LIKE ${`${escapeLike(filters.action)}.%`})` : undefined,
    filters.from ? gte(a.at, new Date(filters.from)) : undefined,
    filters.to ? lt(a.at, new Date(filters.to)) : undefined,
  );
}

function detailsOf(details: unknown): AuditEntry['details'] {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return [];
  return Object.entries(details as Record<string, unknown>)
    .slice(0, MAX_DETAILS)
    .map(([key, value]) => ({
      key,
      value: (value === null || typeof value !== 'object' ? String(value ?? '') : JSON.stringify(value)).slice(0, MAX_DETAIL_LENGTH),
    }));
}

async function page(db: TenantDb, names: ActorNames, filters: AuditFilters, cursor: string | undefined, limit: number) {
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await db
    .select({ id: a.id, at: a.at, exactAt, actorUserId: a.actorUserId, action: a.action, entity: a.entity, entityId: a.entityId, details: a.details })
    .from(a)
    .where(and(conditions(filters), after ? sql`(${a.at}, ${a.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined))
    .orderBy(desc(a.at), desc(a.id))
    .limit(limit + 1);
  const shown = rows.slice(0, limit);
  const actorIds = [...new Set(shown.flatMap((r) => (r.actorUserId ? [r.actorUserId] : [])))];
  const known = actorIds.length > 0 ? await names(actorIds) : new Map<string, string>();
  const items: AuditEntry[] = shown.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actorUserId ? { userId: r.actorUserId, name: known.get(r.actorUserId) ?? null } : null,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    details: detailsOf(r.details),
  }));
  const last = shown[shown.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.exactAt, last.id) : null };
}

export function listAudit(db: TenantDb, names: ActorNames, input: AuditFilters & { cursor?: string; limit: number }) {
  return page(db, names, input, input.cursor, input.limit);
}

/** The kinds of things and the people that occur in the log, read by skipping along their indexes. */
export async function auditFacets(db: TenantDb, names: ActorNames) {
  const distinct = async (column: string) => {
    const col = sql.identifier(column);
    const result = await db.execute<{ v: string | null }>(sql`
      WITH RECURSIVE skip AS (
        (SELECT ${col} AS v FROM audit_log WHERE ${col} IS NOT NULL ORDER BY ${col} LIMIT 1)
        UNION ALL
        SELECT (SELECT ${col} FROM audit_log WHERE ${col} > skip.v ORDER BY ${col} LIMIT 1) FROM skip WHERE skip.v IS NOT NULL)
      SELECT v::text FROM skip WHERE v IS NOT NULL`);
    return result.rows.map((r) => r.v!);
  };
  const entities = await distinct('entity');
  const actorIds = await distinct('actor_user_id');
  const known = actorIds.length > 0 ? await names(actorIds) : new Map<string, string>();
  const actors = actorIds.map((userId) => ({ userId, name: known.get(userId) ?? null })).sort((x, y) => (x.name ?? '\uffff').localeCompare(y.name ?? '\uffff'));
  return { entities, actors };
}

/** Every row the filters select, newest first, up to AUDIT_EXPORT_MAX_ROWS, read page by page. */
export async function auditRowsForExport(db: TenantDb, names: ActorNames, filters: AuditFilters): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(db, names, filters, cursor, Math.min(1_000, AUDIT_EXPORT_MAX_ROWS - out.length));
    out.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor && out.length < AUDIT_EXPORT_MAX_ROWS);
  return out;
}
