/**
 * The control database's summary of which studios have recorded work and when it is next due
 * (`studio_work`), so the outbox worker polls one table instead of a thousand databases (ADR 15).
 *
 * It may be early, never late: a studio is marked "due now" before a change in its database commits (the
 * change may record work), and only the worker, having looked inside, moves the mark to the true next due
 * time — and only if nobody marked the studio again while it looked.
 */
import { sql } from 'drizzle-orm';
import type { ControlDb } from '../postgres/control-db.ts';

/** The studio may have new work: have the worker look at it now. */
export async function markStudioWork(controlDb: ControlDb, studioId: string): Promise<void> {
  await controlDb.execute(sql`
    INSERT INTO studio_work (studio_id, next_due_at, marked_at) VALUES (${studioId}, now(), clock_timestamp())
    ON CONFLICT (studio_id) DO UPDATE SET next_due_at = LEAST(studio_work.next_due_at, now()), marked_at = clock_timestamp()`);
}

/** The control database's clock, read before the worker looks inside a studio (see settleStudioWork). */
export async function controlNow(controlDb: ControlDb): Promise<Date> {
  const result = await controlDb.execute<{ now: Date | string }>(sql`SELECT clock_timestamp() AS now`);
  return new Date(result.rows[0]!.now);
}

/**
 * After looking inside a studio (from `lookedAt`): its next due work, or none. Skipped when the studio was
 * marked again meanwhile, so a change committed during the look is not forgotten.
 */
export async function settleStudioWork(controlDb: ControlDb, studioId: string, lookedAt: Date, nextDueAt: Date | null): Promise<void> {
  if (nextDueAt === null) {
    await controlDb.execute(sql`DELETE FROM studio_work WHERE studio_id = ${studioId} AND marked_at < ${lookedAt.toISOString()}`);
    return;
  }
  await controlDb.execute(
    sql`UPDATE studio_work SET next_due_at = ${nextDueAt.toISOString()} WHERE studio_id = ${studioId} AND marked_at < ${lookedAt.toISOString()}`,
  );
}

/** Studios whose work is due by `now` (the business clock), most overdue first. */
export async function dueStudios(controlDb: ControlDb, now: Date, limit: number): Promise<string[]> {
  const result = await controlDb.execute<{ studio_id: string }>(
    sql`SELECT studio_id FROM studio_work WHERE next_due_at <= ${now.toISOString()} ORDER BY next_due_at LIMIT ${limit}`,
  );
  return result.rows.map((r) => r.studio_id);
}

/** Look at a studio again later (it could not be served now, e.g. still migrating). */
export async function postponeStudioWork(controlDb: ControlDb, studioId: string, untilMs: number): Promise<void> {
  await controlDb.execute(sql`UPDATE studio_work SET next_due_at = now() + make_interval(secs => ${untilMs / 1000}) WHERE studio_id = ${studioId}`);
}
