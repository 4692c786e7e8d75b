/**
 * A studio's usage against its plan's limits (Settings → Plan): sessions this month, storage, seats, AI credits,
 * each with its level — ok, warn80, warn90, reached — from the one plan table. Each figure comes from the same
 * function that enforces its limit, so what the page shows is what the refusal counts.
 */
import { studioStanding } from '@rsm/shared/standing';
import { limitLevel, PLAN_TABLE, type LimitKind } from '@rsm/shared/plans';
import { limitsPlanOf } from './standing-guard.ts';
import type { LimitUsage, PlanUsage } from '@rsm/shared/plan-schemas';
import type { Platform } from '../../platform/platform.ts';
import type { Actor, StudioContext } from '../studios/studio-context.ts';
import { uploadGateway } from '../audio/audio.routes.ts';
import { sessionUsage } from '../booking/plan-limits.ts';
import { aiCreditsUsage } from './ai-credits.service.ts';
import { seatsUsed } from './seats.service.ts';
import { billingAvailable } from '../money/payments/stripe-billing-adapter.ts';

const usage = (kind: LimitKind, used: number, limit: number | null): LimitUsage => ({ kind, used, limit, level: limitLevel(used, limit) });

export async function planUsage(platform: Platform, studio: StudioContext, actor: Actor): Promise<PlanUsage> {
  const now = platform.clock.now();
  const effective = limitsPlanOf(studio, now);
  const plan = PLAN_TABLE[effective];
  // One tenant connection at a time: the storage figure opens its own.
  const sessions = await platform.directory.withTenant(studio.location, (db) => sessionUsage(db, studio, platform.clock.now()));
  const [storage, seats, credits] = await Promise.all([
    uploadGateway(platform).usage(platform, { studio, actor }),
    seatsUsed(platform.controlDb, studio.id, platform.clock.now()),
    aiCreditsUsage(platform, studio),
  ]);
  return {
    // During the trial the plan is Pro (its limits apply) and the trial's end is given; after it, neither.
    plan: effective,
    trialEndsAt: studioStanding(studio, now) === 'trial' ? (studio.trialEndsAt?.toISOString() ?? null) : null,
    monthlyCents: plan.monthlyCents,
    yearlyCents: plan.yearlyCents,
    aiFairUse: plan.aiFairUse,
    changedBy: billingAvailable(platform.config) ? 'stripe' : 'operator',
    limits: [
      usage('sessions', sessions.used, sessions.limit),
      usage('storage', storage.usedBytes, storage.quotaBytes),
      usage('seats', seats, plan.seats),
      usage('aiCredits', credits.used, credits.limit),
    ],
  };
}
