/**
 * What the operator does to a studio (issue 12.5): suspend / resume with a reason, extend a trial, set the plan
 * (without Stripe, plans are set by the operator only). Each change and its platform audit row (actor, action,
 * studio, reason and the values before, address) are written in one transaction; the control cache follows the
 * studios row through its UPDATE trigger. Suspension touches nothing but the two suspension columns: the studio's
 * data stays as it is, and the standing guard refuses every way in while it is set.
 */
import { and, eq, gt } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { Plan } from '@rsm/shared/plans';
import { studioStanding } from '@rsm/shared/standing';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { ControlTx } from '../../platform/postgres/control-db.ts';
import { recordSubscriptionChange } from '../plans/subscription-history.ts';

export interface OperatorActor {
  userId: string;
  ip: string;
}

export const OPERATOR_ACTIONS = ['operator.studio_suspended', 'operator.studio_resumed', 'operator.trial_extended', 'operator.plan_set'] as const;
export type OperatorAction = (typeof OPERATOR_ACTIONS)[number];

type StudioRow = typeof control.studios.$inferSelect;

/** Lock the studio's row, let `change` update it, and audit the action — all or nothing. */
async function act(
  platform: Platform,
  actor: OperatorActor,
  studioId: string,
  action: OperatorAction,
  change: (tx: ControlTx, studio: StudioRow, now: Date) => Promise<Record<string, unknown>>,
): Promise<void> {
  const now = platform.clock.now();
  await platform.controlDb.transaction(async (tx) => {
    const [studio] = await tx.select().from(control.studios).where(eq(control.studios.id, studioId)).for('update');
    if (!studio) throw new AppError('NOT_FOUND', 'No such studio', { what: 'studio' });
    const details = await change(tx, studio, now);
    await tx.insert(control.platformAuditLog).values({ actorUserId: actor.userId, action, studioId, details, ip: actor.ip, at: now });
  });
}

export function suspendStudio(platform: Platform, actor: OperatorActor, input: { studioId: string; reason: string }) {
  return act(platform, actor, input.studioId, 'operator.studio_suspended', async (tx, studio, now) => {
    if (studio.suspendedAt) throw new AppError('CONFLICT', 'This studio is already suspended');
    await tx.update(control.studios).set({ suspendedAt: now, suspendedReason: input.reason, updatedAt: now }).where(eq(control.studios.id, studio.id));
    return { reason: input.reason };
  });
}

export function resumeStudio(platform: Platform, actor: OperatorActor, input: { studioId: string; reason?: string | undefined }) {
  return act(platform, actor, input.studioId, 'operator.studio_resumed', async (tx, studio, now) => {
    if (!studio.suspendedAt) throw new AppError('CONFLICT', 'This studio is not suspended');
    await tx.update(control.studios).set({ suspendedAt: null, suspendedReason: null, updatedAt: now }).where(eq(control.studios.id, studio.id));
    return { reason: input.reason ?? null, suspendedAt: studio.suspendedAt.toISOString(), suspendedReason: studio.suspendedReason };
  });
}

/**
 * Give a studio in its trial, or whose trial ended without paying, `days` more from the later of its trial's end and
 * now; it is back in its trial. A studio that pays, or paid once (then canceled), has no trial to extend.
 */
export function extendTrial(platform: Platform, actor: OperatorActor, input: { studioId: string; days: number; reason?: string | undefined }) {
  return act(platform, actor, input.studioId, 'operator.trial_extended', async (tx, studio, now) => {
    const endedUnpaid = studio.billingStatus === 'canceled' && !studio.stripeSubscriptionId && !(await everPaid(tx, studio.id));
    if (studio.billingStatus !== 'trial' && !endedUnpaid)
      throw new AppError('CONFLICT', 'Only a studio in its trial, or whose trial ended unpaid, can have its trial extended');
    const from = Math.max(studio.trialEndsAt?.getTime() ?? now.getTime(), now.getTime());
    const trialEndsAt = new Date(from + input.days * 86_400_000);
    await tx.update(control.studios).set({ trialEndsAt, billingStatus: 'trial', updatedAt: now }).where(eq(control.studios.id, studio.id));
    if (studio.billingStatus !== 'trial')
      await recordSubscriptionChange(tx, {
        studioId: studio.id,
        plan: studio.plan,
        billingStatus: 'trial',
        billingInterval: null,
        paid: false,
        source: 'operator',
        at: now,
      });
    return {
      reason: input.reason ?? null,
      days: input.days,
      previousTrialEndsAt: studio.trialEndsAt?.toISOString() ?? null,
      trialEndsAt: trialEndsAt.toISOString(),
      previousStanding: studioStanding(studio, now),
    };
  });
}

/** Whether the subscription history shows the studio paying at any time. */
async function everPaid(tx: ControlTx, studioId: string): Promise<boolean> {
  const c = control.subscriptionChanges;
  const [row] = await tx
    .select({ id: c.id })
    .from(c)
    .where(and(eq(c.studioId, studioId), gt(c.mrrCents, 0)))
    .limit(1);
  return row !== undefined;
}

/**
 * Put a studio on a plan without payment (billing status active, worth no MRR in the history). A studio paying
 * through Stripe changes its plan there: the operator setting it here would be undone by the next webhook.
 */
export function setStudioPlan(platform: Platform, actor: OperatorActor, input: { studioId: string; plan: Plan; reason: string }) {
  return act(platform, actor, input.studioId, 'operator.plan_set', async (tx, studio, now) => {
    if (studio.stripeSubscriptionId)
      throw new AppError('CONFLICT', 'This studio pays through a Stripe subscription: change its plan in Stripe (or cancel it) instead');
    await tx
      .update(control.studios)
      .set({ plan: input.plan, billingStatus: 'active', billingInterval: null, graceEndsAt: null, scheduledPlan: null, updatedAt: now })
      .where(eq(control.studios.id, studio.id));
    await recordSubscriptionChange(tx, {
      studioId: studio.id,
      plan: input.plan,
      billingStatus: 'active',
      billingInterval: null,
      paid: false,
      source: 'operator',
      at: now,
    });
    return { reason: input.reason, plan: input.plan, previousPlan: studio.plan, previousBillingStatus: studio.billingStatus };
  });
}
