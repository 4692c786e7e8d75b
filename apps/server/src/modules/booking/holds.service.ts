/**
 * Holds: a hold blocks its slot until it expires; later holds on the same slot wait in line without
 * blocking. When a hold lapses (no deposit or confirmation in time) it is released and the next hold in
 * line that now fits is promoted — it starts blocking, with a fresh hold period. Run by the job runner at
 * each hold's expiry time; `now` is passed in so tests control the clock.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { isOverlapRefusal } from './conflicts.ts';
import { addMinutes } from './time.ts';
import { DEFAULT_HOLD_HOURS, lockResources } from './sessions.service.ts';
import { recordCancellation } from './cancellation.service.ts';

export interface HoldExpiryResult {
  expired: { id: string; title: string; clientId: string | null } | null;
  promoted: { id: string; title: string; clientId: string | null; holdExpiresAt: Date }[];
}

export async function expireHold(db: TenantDb, sessionId: string, now: Date, holdHours = DEFAULT_HOLD_HOURS, timeZone = 'UTC'): Promise<HoldExpiryResult> {
  return db.transaction(async (tx) => {
    const [session] = await tx.select().from(tenant.sessions).where(eq(tenant.sessions.id, sessionId)).for('update');
    if (!session || session.status !== 'hold' || !session.holdExpiresAt || session.holdExpiresAt > now) return { expired: null, promoted: [] };
    const resources = await tx.select().from(tenant.sessionResources).where(eq(tenant.sessionResources.sessionId, sessionId));
    await lockResources(tx, resources);
    const [cancelled] = await tx.update(tenant.sessions).set({ status: 'cancelled', holdExpiresAt: null, updatedAt: now }).where(eq(tenant.sessions.id, sessionId)).returning();
    await recordCancellation(tx, cancelled!, timeZone, { byKind: 'system', reason: 'hold expired', now });
    await tx.update(tenant.sessionResources).set({ blocking: false }).where(eq(tenant.sessionResources.sessionId, sessionId));
    await tx.insert(tenant.sessionStatusHistory).values({ sessionId, fromStatus: 'hold', toStatus: 'cancelled', changedBy: null, note: 'hold expired' });

    // Holds waiting on any of the freed resources, oldest first.
    const waiting = await tx.execute<{ id: string }>(sql`
      SELECT DISTINCT s.id, s.created_at FROM sessions s
      JOIN session_resources mine ON mine.session_id = s.id
      JOIN session_resources freed ON freed.session_id = ${sessionId} AND freed.kind = mine.kind AND freed.resource_id = mine.resource_id AND freed.blocked && mine.blocked
      WHERE s.status = 'hold' AND s.id <> ${sessionId}
        AND NOT EXISTS (SELECT 1 FROM session_resources b WHERE b.session_id = s.id AND b.blocking)
      ORDER BY s.created_at`);
    const promoted: HoldExpiryResult['promoted'] = [];
    for (const { id } of waiting.rows) {
      try {
        await tx.transaction(async (savepoint) => {
          const expires = addMinutes(now, holdHours * 60);
          await savepoint.update(tenant.sessionResources).set({ blocking: true }).where(eq(tenant.sessionResources.sessionId, id));
          const [row] = await savepoint.update(tenant.sessions).set({ holdExpiresAt: expires, updatedAt: now }).where(and(eq(tenant.sessions.id, id), eq(tenant.sessions.status, 'hold'))).returning();
          await savepoint.insert(tenant.sessionStatusHistory).values({ sessionId: id, fromStatus: 'hold', toStatus: 'hold', changedBy: null, note: 'promoted: the hold before it expired' });
          promoted.push({ id, title: row!.title, clientId: row!.clientId, holdExpiresAt: expires });
        });
      } catch (error) {
        if (!isOverlapRefusal(error)) throw error; // still overlaps another session: it keeps waiting
      }
    }
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
  const rows = await db.select({ id: tenant.clients.id, name: tenant.clients.name, email: tenant.clients.email }).from(tenant.clients).where(inArray(tenant.clients.id, clientIds));
  return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email }]));
}
