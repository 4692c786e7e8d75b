/**
 * The cancellation policy: what part of what a client paid comes back when a session is cancelled.
 * Pure (no database, no clock): the callers pass the tiers, the session start, the moment of the
 * cancellation (the studio's business clock) and the amount paid so far.
 *
 * "Days before" is counted in **calendar days in the studio's time zone**: the number of midnights
 * between the day of the cancellation and the day the session starts, both read on the studio's wall
 * clock. Cancelling on Thursday (any hour) a session on Saturday (any hour) is 2 days before; on the
 * session's own day it is 0. Calendar days, not 24-hour periods, so that a client reads the policy
 * the way a person does ("two days before") and DST changes never shift a tier.
 *
 * The tier used is the one with the largest `daysBefore` not above the notice given; with less notice
 * than every tier nothing is refunded. Cancelling at or after the start refunds nothing. A studio with
 * no tiers has no policy: everything paid is refundable. Amounts are split with `prorate` (half away
 * from zero) and always add up: refundable + kept = paid.
 */
import { prorate } from '@rsm/shared/money';
import { wallClock } from '@rsm/shared/zoned-time';

export interface PolicyTier {
  daysBefore: number;
  refundPercent: number;
}

/** Why the refund is what it is; stored (with the tier) on the cancelled session for the money issue. */
export type OutcomeBasis =
  /** A tier of the policy applied. */
  | 'tier'
  /** Less notice than the smallest tier: nothing refunded. */
  | 'below_tiers'
  /** Cancelled at or after the start. */
  | 'after_start'
  /** The studio has no tiers: everything refunded. */
  | 'no_policy'
  /** Nothing was paid: nothing to refund or keep. */
  | 'nothing_paid'
  /** Staff waived the policy (full refund), with a reason. */
  | 'waived'
  /** The studio released the time itself (a hold expired): everything refunded. */
  | 'released'
  /** The deposit was carried over to a rebooked session. */
  | 'moved';

export interface CancellationOutcome {
  paidCents: number;
  refundableCents: number;
  keptCents: number;
  /** Calendar days of notice in the studio's zone (negative after the start day). */
  daysNotice: number;
  basis: OutcomeBasis;
  tier: PolicyTier | null;
}

export interface CancellationInput {
  tiers: readonly PolicyTier[];
  startsAt: Date;
  cancelledAt: Date;
  timeZone: string;
  paidCents: number;
  /** Staff waive the policy: full refund. */
  waived?: boolean;
}

const DAY_MS = 86_400_000;

/** Calendar days between the studio-zone dates of `from` and `to` (to − from). */
export function calendarDaysBetween(from: Date, to: Date, timeZone: string): number {
  const a = wallClock(from, timeZone);
  const b = wallClock(to, timeZone);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

/** Valid tiers sorted by daysBefore descending (duplicates: the first one given wins). */
export function normalizeTiers(tiers: readonly PolicyTier[]): PolicyTier[] {
  const seen = new Set<number>();
  return tiers
    .filter(
      (t) => Number.isSafeInteger(t.daysBefore) && t.daysBefore >= 0 && Number.isSafeInteger(t.refundPercent) && t.refundPercent >= 0 && t.refundPercent <= 100,
    )
    .filter((t) => (seen.has(t.daysBefore) ? false : (seen.add(t.daysBefore), true)))
    .sort((x, y) => y.daysBefore - x.daysBefore);
}

/** The tier for a notice of `daysNotice` days, or null when every tier needs more notice. */
export function pickTier(tiers: readonly PolicyTier[], daysNotice: number): PolicyTier | null {
  return normalizeTiers(tiers).find((t) => daysNotice >= t.daysBefore) ?? null;
}

export function computeCancellation(input: CancellationInput): CancellationOutcome {
  const paid = input.paidCents;
  if (!Number.isSafeInteger(paid) || paid < 0) throw new RangeError('paidCents must be a non-negative integer');
  const daysNotice = calendarDaysBetween(input.cancelledAt, input.startsAt, input.timeZone);
  const result = (basis: OutcomeBasis, refundable: number, tier: PolicyTier | null = null): CancellationOutcome => ({
    paidCents: paid,
    refundableCents: refundable,
    keptCents: paid - refundable,
    daysNotice,
    basis,
    tier,
  });
  if (input.waived) return result('waived', paid);
  if (paid === 0) return result('nothing_paid', 0);
  if (input.cancelledAt.getTime() >= input.startsAt.getTime()) return result('after_start', 0);
  const tiers = normalizeTiers(input.tiers);
  if (tiers.length === 0) return result('no_policy', paid);
  const tier = pickTier(tiers, daysNotice);
  if (!tier) return result('below_tiers', 0);
  return result('tier', prorate(paid, tier.refundPercent, 100), tier);
}

/**
 * What the client has paid for a session so far. Today: the deposit once the studio marked it received.
 * The money issue adds payments here (one place), so every cancel path follows.
 */
export function amountPaidCents(session: { depositCents: number; depositReceivedAt: Date | null }): number {
  return session.depositReceivedAt ? session.depositCents : 0;
}

/** The jsonb stored in sessions.cancellation_tier: the tier used (or null) and why. */
export function tierRecord(outcome: CancellationOutcome, note = ''): Record<string, unknown> {
  return { basis: outcome.basis, tier: outcome.tier, daysNotice: outcome.daysNotice, paidCents: outcome.paidCents, ...(note ? { note } : {}) };
}
