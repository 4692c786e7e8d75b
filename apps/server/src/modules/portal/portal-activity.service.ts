/** What clients did in the portal, for the staff to see on the client's page. */
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';

export const PORTAL_ACTIONS = [
  'link_requested',
  'link_sent_by_staff',
  'login',
  'logout',
  'session_viewed',
  'session_cancelled',
  'session_rescheduled',
  'profile_updated',
  'password_set',
  'password_removed',
] as const;
export type PortalAction = (typeof PORTAL_ACTIONS)[number];

export async function recordPortalActivity(
  db: TenantDb,
  clientId: string,
  action: PortalAction,
  details: Record<string, unknown>,
  ip: string,
  at: Date,
): Promise<void> {
  await db.insert(tenant.portalActivity).values({ clientId, action, details, ip, at });
}

/** Cursor = `<at ISO>|<id>` of the last row seen (newest first). */
function parseCursor(cursor: string | null | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = cursor.split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('BAD_REQUEST', 'Invalid cursor');
  return { at: date, id };
}

export async function listPortalActivity(db: TenantDb, clientId: string, cursor: string | null | undefined, limit: number) {
  const after = parseCursor(cursor);
  const a = tenant.portalActivity;
  const rows = await db
    .select()
    .from(a)
    .where(and(eq(a.clientId, clientId), after ? or(lt(a.at, after.at), and(eq(a.at, after.at), sql`${a.id} < ${after.id}`)) : undefined))
    .orderBy(desc(a.at), desc(a.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({ id: r.id, at: r.at.toISOString(), action: r.action, details: r.details as Record<string, unknown>, ip: r.ip })),
    nextCursor: rows.length > limit && last ? `${last.at.toISOString()}|${last.id}` : null,
  };
}
