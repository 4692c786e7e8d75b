/** The studio's activity log (audit): filters shared by the list, the CSV export and the page's form. */
import { z } from 'zod';

export const AUDIT_PAGE_SIZE = 50;
/** The most rows one CSV export holds (newest first); a narrower period exports the rest. */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;

const instant = z.string().datetime({ offset: true, message: 'errors.datetime_invalid' });

export const auditFiltersInput = z.object({
  actorUserId: z.string().uuid().optional(),
  /** What kind of thing changed: session, client, room… */
  entity: z.string().trim().min(1).max(40).optional(),
  /** An action or the start of one: "session" matches session.created, session.moved… */
  action: z.string().trim().min(1).max(80).optional(),
  /** From this instant (included)… */
  from: instant.optional(),
  /** …to this one (excluded). */
  to: instant.optional(),
});
export type AuditFilters = z.infer<typeof auditFiltersInput>;

export const auditListInput = auditFiltersInput.extend({
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(AUDIT_PAGE_SIZE),
});

export const auditEntryOutput = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ userId: z.string(), name: z.string().nullable() }).nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  /** The details recorded with the change, each value as text. */
  details: z.array(z.object({ key: z.string(), value: z.string() })),
});
export type AuditEntry = z.infer<typeof auditEntryOutput>;

export const auditListOutput = z.object({ items: z.array(auditEntryOutput), nextCursor: z.string().nullable() });

export const auditFacetsOutput = z.object({
  entities: z.array(z.string()),
  actors: z.array(z.object({ userId: z.string(), name: z.string().nullable() })),
});
