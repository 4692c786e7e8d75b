/** The platform audit log for the operator: filters by action, studio, actor (e-mail) and date range; newest first. */
import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditQuery {
  action?: string | undefined;
  studioId?: string | undefined;
  actorEmail?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** The last row of the previous page: `<at ISO>|<id>`. */
  cursor?: string | undefined;
}

const a = control.platformAuditLog;

export async function listPlatformAudit(platform: Platform, query: AuditQuery) {
  const [cursorAt, cursorId] = query.cursor ? query.cursor.split('|') : [];
  const rows = await platform.controlDb
    .select({
      id: a.id,
      at: a.at,
      /** Microseconds kept for the cursor: a JS date would drop them and skip or repeat rows. */
      atExact: sql<string>`to_char(${a.at} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      action: a.action,
      studioId: a.studioId,
      studioSlug: control.studios.slug,
      studioName: control.studios.name,
      actorEmail: control.users.email,
      details: a.details,
      ip: a.ip,
    })
    .from(a)
    .leftJoin(control.users, eq(control.users.id, a.actorUserId))
    .leftJoin(control.studios, eq(control.studios.id, a.studioId))
    .where(
      and(
        query.action ? eq(a.action, query.action) : undefined,
        query.studioId ? eq(a.studioId, query.studioId) : undefined,
        query.actorEmail ? sql`lower(${control.users.email}) = ${query.actorEmail.trim().toLowerCase()}` : undefined,
        query.from ? gte(a.at, new Date(query.from)) : undefined,
        query.to ? lt(a.at, new Date(query.to)) : undefined,
        cursorAt && cursorId ? sql`(${a.at}, ${a.id}) < (${cursorAt}::timestamptz, ${cursorId}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(a.at), desc(a.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const items = page.map(({ atExact: _exact, ...r }) => ({
    ...r,
    at: r.at.toISOString(),
    details: (r.details ?? {}) as Record<string, unknown>,
  }));
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > AUDIT_PAGE_SIZE && last ? `${last.atExact}|${last.id}` : null };
}

/** The actions recorded so far, for the filter's choices. */
export async function platformAuditActions(platform: Platform): Promise<string[]> {
  const rows = await platform.controlDb.selectDistinct({ action: a.action }).from(a).orderBy(a.action);
  return rows.map((r) => r.action);
}
