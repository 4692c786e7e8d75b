/**
 * The waiting list: holds queued behind another hold keep their rows with `blocking = false`. Whenever a
 * slot may have been freed — a hold lapsing, a cancel, a decline, a move away, a shorter session, an
 * engineer or piece of gear taken off — the writer calls `promoteWaiting` in its own transaction, under
 * its locks, with the rows that stopped blocking. Each waiting hold that now fits starts blocking (oldest
 * first) with a fresh hold of its own length; one that still overlaps something keeps waiting.
 */
import { and, eq, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { isOverlapRefusal, type WantedResource } from './conflicts.ts';
import { DEFAULT_HOLD_HOURS, holdExpiry } from './deadlines.ts';
import { lockSession, type Tx } from './session-locks.ts';

export interface PromotedHold {
  id: string;
  title: string;
  clientId: string | null;
  holdExpiresAt: Date;
}

type FreedRow = Pick<WantedResource, 'kind' | 'resourceId' | 'blocked'>;

/** Queued holds whose rows overlap `freed`, oldest first (`except`: the session that freed them). */
async function waitingOn(tx: Tx, freed: readonly FreedRow[], except: string | null): Promise<string[]> {
  const rows = await tx.execute<{ id: string }>(sql`
    SELECT s.id FROM sessions s
    WHERE s.status = 'hold' AND (${except}::uuid IS NULL OR s.id <> ${except}::uuid)
      AND NOT EXISTS (SELECT 1 FROM session_resources b WHERE b.session_id = s.id AND b.blocking)
      AND EXISTS (
        SELECT 1 FROM session_resources mine
        JOIN unnest(${sql.param(freed.map((f) => f.kind))}::resource_kind[], ${sql.param(freed.map((f) => f.resourceId))}::uuid[], ${sql.param(freed.map((f) => f.blocked))}::tstzrange[]) AS freed(kind, resource_id, blocked)
          ON freed.kind = mine.kind AND freed.resource_id = mine.resource_id AND freed.blocked && mine.blocked
        WHERE mine.session_id = s.id)
    ORDER BY s.created_at, s.id`);
  return rows.rows.map((r) => r.id);
}

/** Make one waiting hold block, if it still waits and nothing is in the way; null when it keeps waiting. */
async function promoteOne(tx: Tx, id: string, now: Date, note: string): Promise<PromotedHold | null> {
  try {
    return await tx.transaction(async (savepoint) => {
      const { session, resources } = await lockSession(savepoint, id);
      if (session.status !== 'hold' || resources.some((r) => r.blocking)) return null;
      await savepoint.update(tenant.sessionResources).set({ blocking: true }).where(eq(tenant.sessionResources.sessionId, id));
      const expires = holdExpiry(now, session.holdMinutes ?? DEFAULT_HOLD_HOURS * 60, session.startsAt);
      const [row] = await savepoint
        .update(tenant.sessions)
        .set({ holdExpiresAt: expires, updatedAt: now })
        .where(and(eq(tenant.sessions.id, id), eq(tenant.sessions.status, 'hold')))
        .returning();
      await savepoint.insert(tenant.sessionStatusHistory).values({ sessionId: id, fromStatus: 'hold', toStatus: 'hold', changedBy: null, note });
      return { id, title: row!.title, clientId: row!.clientId, holdExpiresAt: expires };
    });
  } catch (error) {
    if (isOverlapRefusal(error)) return null; // still overlaps another session: it keeps waiting
    throw error;
  }
}

/**
 * Promote the holds waiting on rows that stopped blocking. Call it in the writer's transaction, after the
 * rows changed; the caller schedules each promoted hold's expiry once committed (announcePromotions).
 */
export async function promoteWaiting(
  tx: Tx,
  freed: readonly FreedRow[],
  now: Date,
  except: string | null,
  note = 'promoted: the slot before it was freed',
): Promise<PromotedHold[]> {
  if (freed.length === 0) return [];
  const promoted: PromotedHold[] = [];
  for (const id of await waitingOn(tx, freed, except)) {
    const done = await promoteOne(tx, id, now, note);
    if (done) promoted.push(done);
  }
  return promoted;
}
