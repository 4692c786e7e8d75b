/**
 * A studio's standing (issue 12): what it may do now, derived from its billing status and dates, so a trial or a
 * grace period ends on time without any job having to run. One function, read by the server (which refuses
 * changes of a read-only studio and everything of a suspended one), the web app (banners) and the operator console.
 */
import type { Plan } from './plans.ts';

export const STANDINGS = ['trial', 'active', 'past_due', 'read_only', 'suspended'] as const;
export type Standing = (typeof STANDINGS)[number];
export type BillingStatus = 'trial' | 'active' | 'past_due' | 'canceled';

export interface BillingFacts {
  plan: Plan;
  billingStatus: BillingStatus;
  trialEndsAt: Date | null;
  graceEndsAt: Date | null;
  suspendedAt: Date | null;
}

export const TRIAL_DAYS = 14;
export const GRACE_DAYS = 7;

export function studioStanding(s: BillingFacts, now: Date): Standing {
  if (s.suspendedAt) return 'suspended';
  switch (s.billingStatus) {
    case 'active':
      return 'active';
    case 'trial':
      return s.trialEndsAt === null || s.trialEndsAt.getTime() > now.getTime() ? 'trial' : 'read_only';
    case 'past_due':
      return s.graceEndsAt !== null && s.graceEndsAt.getTime() > now.getTime() ? 'past_due' : 'read_only';
    case 'canceled':
      return 'read_only';
  }
}

/** The plan whose limits apply: a trial is Pro (issue 12.2), otherwise the studio's plan. */
export function limitsPlan(s: BillingFacts, now: Date): Plan {
  return studioStanding(s, now) === 'trial' ? 'pro' : s.plan;
}

/** Whole days left before `end` (rounded up), 0 once passed; null without an end. */
export function daysLeft(end: Date | null, now: Date): number | null {
  if (!end) return null;
  return Math.max(0, Math.ceil((end.getTime() - now.getTime()) / 86_400_000));
}
