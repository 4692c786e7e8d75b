/**
 * Holds: a hold blocks its slot until it expires; later holds on the same slot wait in line without
 * blocking. When a hold lapses (no deposit or confirmation in time) it is released and the next hold in
 * line that now fits is promoted (waiting-list.ts) — it starts blocking, with a fresh hold of its own
 * length. Run by the job runner at each hold's expiry time; `now` is passed in so tests control the clock.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordCancellation } from './cancellation.service.ts';
import { lockSession, writeTransaction } from './session-locks.ts';
import { promoteWaiting, type PromotedHold } from './waiting-list.ts';

export interface HoldExpiryResult {
  expired: { id: string; title: string; clientId: string | null } | null;
  promoted: PromotedHold[];
}

export async function expireHold(db: TenantDb, sessionId: string, now: Date, timeZone = 'UTC'): Promise<HoldExpiryResult> {
  return writeTransaction(db, async (tx) => {
    const [exists] = await tx.select({ id: tenant.sessions.id }).from(tenant.sessions).where(eq(tenant.sessions.id, sessionId));
    if (!exists) return { expired: null, promoted: [] };
    const { session, resources } = await lockSession(tx, sessionId);
    if (session.status !== 'hold' || !session.holdExpiresAt || session.holdExpiresAt > now) return { expired: null, promoted: [] };
    const [cancelled] = await tx
      .update(tenant.sessions)
      .set({ status: 'cancelled', holdExpiresAt: null, updatedAt: now })
      .where(eq(tenant.sessions.id, sessionId))
      .returning();
    await recordCancellation(tx, cancelled!, timeZone, { byKind: 'system', reason: 'hold expired', now });
    await tx.update(tenant.sessionResources).set({ blocking: false }).where(eq(tenant.sessionResources.sessionId, sessionId));
    await tx.insert(tenant.sessionStatusHistory).values({ sessionId, fromStatus: 'hold', toStatus: 'cancelled', changedBy: null, note: 'hold expired' });
    const freed = resources.filter((r) => r.blocking).map((r) => ({ kind: r.kind, resourceId: r.resourceId, blocked: r.blocked }));
    const promoted = await promoteWaiting(tx, freed, now, sessionId, 'promoted: the hold before it expired');
    return { expired: { id: session.id, title: session.title, clientId: session.clientId }, promoted };
  });
}

/** Holds whose expiry has passed (a safety net beside the per-hold jobs, e.g. after a long outage). */
export async function overdueHolds(db: TenantDb, now: Date): Promise<string[]> {
  const rows = await db
    .select({ id: tenant.sessions.id })
    .from(tenant.sessions)
    .where(and(eq(tenant.sessions.status, 'hold'), sql`${tenant.sessions.holdExpiresAt} <= ${now.toISOString()}`))
    .orderBy(asc(tenant.sessions.holdExpiresAt))
    .limit(500);
  return rows.map((r) => r.id);
}

export async function clientEmails(db: TenantDb, clientIds: string[]): Promise<Map<string, { name: string; email: string }>> {
  if (clientIds.length === 0) return new Map();
  const rows = await db
    .select({ id: tenant.clients.id, name: tenant.clients.name, email: tenant.clients.email })
    .from(tenant.clients)
    .where(inArray(tenant.clients.id, clientIds));
  return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email }]));
}
