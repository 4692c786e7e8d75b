/**
 * The subscription history (control table subscription_changes, issue 12.5): every change of a studio's plan or
 * billing status, written in the same transaction as the change by whoever makes it (Stripe webhooks, the operator),
 * so MRR, ARR, conversion and churn are computed from facts, never from the studios' current rows alone.
 */
import { control } from '@rsm/db';
import { PLAN_TABLE, type BillingInterval, type Plan } from '@rsm/shared/plans';
import type { BillingStatus } from '@rsm/shared/standing';
import type { Platform } from '../../platform/platform.ts';

type ControlWriter = Pick<Platform['controlDb'], 'insert'>;

export interface SubscriptionChange {
  studioId: string;
  plan: Plan;
  billingStatus: BillingStatus;
  billingInterval: BillingInterval | null;
  /** True when the studio pays for it (a Stripe subscription); a plan the operator sets is worth nothing. */
  paid: boolean;
  source: 'stripe' | 'operator' | 'signup';
  at?: Date;
}

/** Monthly recurring revenue of a plan in cents: a yearly price counts for a twelfth, rounded to the cent. */
export function monthlyRecurringCents(plan: Plan, interval: BillingInterval | null): number {
  const p = PLAN_TABLE[plan];
  return interval === 'yearly' ? Math.round(p.yearlyCents / 12) : p.monthlyCents;
}

export async function recordSubscriptionChange(db: ControlWriter, change: SubscriptionChange): Promise<void> {
  // Revenue counts while the studio pays or is in its grace period (the invoice is still owed); not once canceled.
  const earning = change.paid && (change.billingStatus === 'active' || change.billingStatus === 'past_due');
  await db.insert(control.subscriptionChanges).values({
    studioId: change.studioId,
    plan: change.plan,
    billingStatus: change.billingStatus,
    billingInterval: change.billingInterval,
    mrrCents: earning ? monthlyRecurringCents(change.plan, change.billingInterval) : 0,
    source: change.source,
    ...(change.at ? { at: change.at } : {}),
  });
}
