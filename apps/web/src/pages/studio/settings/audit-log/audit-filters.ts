/**
 * The page's filters as the form holds them (dates as the studio's calendar days) and as the API takes them
 * (instants): a day runs from the studio's midnight to the next, whatever the browser's time zone.
 */
import { zonedTimeToInstant } from '@rsm/shared/zoned-time';
import type { AuditFilters } from '@rsm/shared/audit-schemas';

export interface AuditFilterForm {
  actorUserId: string;
  entity: string;
  action: string;
  /** YYYY-MM-DD or empty. */
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilterForm = { actorUserId: '', entity: '', action: '', from: '', to: '' };

function dayStart(day: string, timeZone: string, plusDays = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return zonedTimeToInstant({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) + plusDays, hour: 0, minute: 0 }, timeZone).toISOString();
}

export function toApiFilters(form: AuditFilterForm, timeZone: string): AuditFilters {
  const from = dayStart(form.from, timeZone);
  // "To" is the last day shown, included: the API's bound is the next midnight, excluded.
  const to = dayStart(form.to, timeZone, 1);
  return {
    ...(form.actorUserId ? { actorUserId: form.actorUserId } : {}),
    ...(form.entity ? { entity: form.entity } : {}),
    ...(form.action.trim() ? { action: form.action.trim() } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}
