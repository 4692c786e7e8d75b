/** The operator's SaaS figures (MRR, ARR, paying studios, conversion, churn) from the subscription history. */
import { isNotNull, lte } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';
import { saasMetrics, type MonthFigures } from './saas-metrics.ts';

export async function operatorMetrics(platform: Platform): Promise<{ months: MonthFigures[]; current: MonthFigures }> {
  const now = platform.clock.now();
  const c = control.subscriptionChanges;
  // The whole history up to now: a studio's state at a month's start may come from a change years earlier.
  const [history, trials] = await Promise.all([
    platform.controlDb.select({ studioId: c.studioId, at: c.at, mrrCents: c.mrrCents }).from(c).where(lte(c.at, now)),
    platform.controlDb
      .select({ studioId: control.studios.id, trialEndsAt: control.studios.trialEndsAt })
      .from(control.studios)
      .where(isNotNull(control.studios.trialEndsAt)),
  ]);
  const months = saasMetrics(history, trials, now);
  return { months, current: months[months.length - 1]! };
}
