/**
 * Plan limits on bookings: a Starter studio creates at most 50 sessions per calendar month (in the
 * studio's time zone); Pro and Enterprise are unlimited. Counted from the sessions created this month,
 * whatever became of them, so cancelling and re-booking cannot dodge the limit.
 */
import { and, count, gte, lt, sql } from 'drizzle-orm';
import { limitsPlanOf, planLimitsOf } from '../plans/standing-guard.ts';
import { tenant } from '@rsm/db';
import { AppError } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import type { StudioContext } from '../studios/studio-context.ts';
import { wallClock, zonedTimeToInstant } from '@rsm/shared/zoned-time';
import { limitLevel } from '@rsm/shared/plans';

/** [start, end) of the studio's current calendar month, as instants. */
export function currentMonthRange(now: Date, timeZone: string): { from: Date; to: Date } {
  const { year, month } = wallClock(now, timeZone);
  const firstOf = (y: number, m: number) => zonedTimeToInstant({ year: y, month: m, day: 1, hour: 0, minute: 0 }, timeZone);
  return { from: firstOf(year, month), to: month === 12 ? firstOf(year + 1, 1) : firstOf(year, month + 1) };
}

export async function sessionUsage(db: Pick<TenantDb, 'select'>, studio: StudioContext, now: Date) {
  const { from, to } = currentMonthRange(now, studio.timeZone);
  const [row] = await db
    .select({ n: count() })
    .from(tenant.sessions)
    .where(and(gte(tenant.sessions.createdAt, from), lt(tenant.sessions.createdAt, to)));
  const limit = planLimitsOf(studio, now).sessionsPerMonth;
  const used = row?.n ?? 0;
  return { used, limit, warning: limitLevel(used, limit) !== 'ok' };
}

/**
 * Refuse when the month's sessions are used. Call it inside the transaction that inserts: for a limited
 * plan it takes a lock first, so concurrent bookings cannot all see "49 of 50" and overshoot.
 */
export async function assertCanCreateSessions(db: Pick<TenantDb, 'select' | 'execute'>, studio: StudioContext, now: Date, howMany = 1): Promise<void> {
  if (planLimitsOf(studio, now).sessionsPerMonth === null) return;
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext('plan-limit:sessions'))`);
  const { used, limit } = await sessionUsage(db, studio, now);
  if (limit !== null && used + howMany > limit) {
    const message =
      studio.locale === 'fr'
        ? `La formule Starter comprend ${limit} sessions par mois et celles de ce mois sont utilisées (${used}/${limit}). Passez à Pro pour des sessions illimitées.`
        : `The Starter plan includes ${limit} sessions a month and this month's are used (${used}/${limit}). Upgrade to Pro for unlimited sessions.`;
    throw new AppError('LIMIT_REACHED', message, {
      used,
      limit,
      plan: limitsPlanOf(studio, now),
    });
  }
}
