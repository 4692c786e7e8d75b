/**
 * AI assistant credits (issue 12.4): each studio has its plan's credits per calendar month (in the studio's time
 * zone). The assistant calls `consumeAiCredits` before doing paid work; it records the use and refuses past the
 * month's credits. The counter lives in the control database, one row per studio and month, raised by one
 * conditional upsert: concurrent uses can never pass the limit, and a new month starts again at zero.
 */
import { and, eq, sql } from 'drizzle-orm';
import { limitsPlanOf, planLimitsOf } from './standing-guard.ts';
import { control } from '@rsm/db';
import { wallClock } from '@rsm/shared/zoned-time';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { StudioContext } from '../studios/studio-context.ts';
import { planName } from './plan-names.ts';

type CreditStudio = Pick<StudioContext, 'id' | 'plan' | 'timeZone' | 'locale' | 'billingStatus' | 'trialEndsAt' | 'graceEndsAt' | 'suspendedAt'>;

/** 'YYYY-MM' of the studio's current calendar month. */
export function creditMonth(now: Date, timeZone: string): string {
  const { year, month } = wallClock(now, timeZone);
  return `${year}-${String(month).padStart(2, '0')}`;
}

export async function aiCreditsUsage(platform: Platform, studio: CreditStudio): Promise<{ used: number; limit: number; month: string }> {
  const month = creditMonth(platform.clock.now(), studio.timeZone);
  const [row] = await platform.controlDb
    .select({ used: control.aiCreditUsage.used })
    .from(control.aiCreditUsage)
    .where(and(eq(control.aiCreditUsage.studioId, studio.id), eq(control.aiCreditUsage.month, month)));
  return { used: row?.used ?? 0, limit: planLimitsOf(studio, platform.clock.now()).aiCreditsPerMonth, month };
}

/**
 * Use `credits` of this month's AI credits, or refuse with LIMIT_REACHED (nothing recorded) when they would pass
 * the plan's monthly credits. Returns the month's total used after this call.
 */
export async function consumeAiCredits(platform: Platform, studio: CreditStudio, credits: number): Promise<{ used: number; limit: number }> {
  if (!Number.isInteger(credits) || credits <= 0) throw new AppError('BAD_REQUEST', 'AI credits are used in whole positive numbers', { credits });
  const limit = planLimitsOf(studio, platform.clock.now()).aiCreditsPerMonth;
  const month = creditMonth(platform.clock.now(), studio.timeZone);
  const u = control.aiCreditUsage;
  const rows =
    credits > limit
      ? []
      : await platform.controlDb
          .insert(u)
          .values({ studioId: studio.id, month, used: credits })
          .onConflictDoUpdate({
            target: [u.studioId, u.month],
            set: { used: sql`${u.used} + ${credits}`, updatedAt: sql`now()` },
            setWhere: sql`${u.used} + ${credits} <= ${limit}`,
          })
          .returning({ used: u.used });
  const [row] = rows;
  if (row) return { used: row.used, limit };
  const { used } = await aiCreditsUsage(platform, studio);
  const effective = limitsPlanOf(studio, platform.clock.now());
  const plan = planName(effective);
  const message =
    studio.locale === 'fr'
      ? `La formule ${plan} comprend ${limit} crédits d'assistant IA par mois et ceux de ce mois sont utilisés (${used}/${limit}). Ils reviennent le mois prochain, ou changez de formule.`
      : `The ${plan} plan includes ${limit} AI assistant credits a month and this month's are used (${used}/${limit}). They come back next month, or upgrade the plan.`;
  throw new AppError('LIMIT_REACHED', message, { kind: 'aiCredits', limit, used, requested: credits, plan: effective });
}
