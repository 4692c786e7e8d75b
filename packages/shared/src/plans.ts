/**
 * The plans of the SaaS, in one table: prices, limits and features. The server enforces it (sessions, storage,
 * seats, AI credits), the web app shows it (Settings → Plan, the pricing section). Stripe prices are found by
 * their lookup key, never by a hard-coded price id. Amounts are integer cents (EUR); yearly is ten months' price.
 */
export const PLANS = ['starter', 'pro', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];
export type BillingInterval = 'monthly' | 'yearly';

const GB = 1000 ** 3;

export interface PlanDefinition {
  /** Per month, in cents (EUR). */
  monthlyCents: number;
  /** Per year, in cents (EUR): ten months' price. */
  yearlyCents: number;
  /** Sessions created per calendar month (studio's time zone); null = unlimited. */
  sessionsPerMonth: number | null;
  /** Stored files plus uploads in progress. */
  storageBytes: number;
  /** Staff members (every role, owners included) plus pending invitations; null = unlimited. */
  seats: number | null;
  /** AI assistant credits per calendar month (UTC). With `aiFairUse` this is a fair-use ceiling, not an advertised quota. */
  aiCreditsPerMonth: number;
  aiFairUse: boolean;
  /** Support priority (Enterprise). */
  prioritySupport: boolean;
  stripeLookupKeys: Record<BillingInterval, string>;
}

function plan(key: Plan, monthlyEuros: number, limits: Omit<PlanDefinition, 'monthlyCents' | 'yearlyCents' | 'stripeLookupKeys'>): PlanDefinition {
  return {
    monthlyCents: monthlyEuros * 100,
    yearlyCents: monthlyEuros * 100 * 10,
    ...limits,
    stripeLookupKeys: { monthly: `rsm_${key}_monthly`, yearly: `rsm_${key}_yearly` },
  };
}

export const PLAN_TABLE: Record<Plan, PlanDefinition> = {
  starter: plan('starter', 29, {
    sessionsPerMonth: 50,
    storageBytes: 10 * GB,
    seats: 3,
    aiCreditsPerMonth: 50,
    aiFairUse: false,
    prioritySupport: false,
  }),
  pro: plan('pro', 99, { sessionsPerMonth: null, storageBytes: 200 * GB, seats: 10, aiCreditsPerMonth: 500, aiFairUse: false, prioritySupport: false }),
  enterprise: plan('enterprise', 299, {
    sessionsPerMonth: null,
    storageBytes: 1000 * GB,
    seats: null,
    aiCreditsPerMonth: 5000,
    aiFairUse: true,
    prioritySupport: true,
  }),
};

export function planOf(key: Plan): PlanDefinition {
  return PLAN_TABLE[key];
}

/** The limits the app tracks usage of. */
export const LIMIT_KINDS = ['sessions', 'storage', 'seats', 'aiCredits'] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

/** How close a usage is to its limit: warnings from 80 % and 90 % on, reached at 100 %. */
export type LimitLevel = 'ok' | 'warn80' | 'warn90' | 'reached';

export function limitLevel(used: number, limit: number | null): LimitLevel {
  if (limit === null) return 'ok';
  if (limit <= 0 || used >= limit) return 'reached';
  // Integer comparisons: 40 of 50 is exactly 80 %, no float rounding.
  if (used * 10 >= limit * 9) return 'warn90';
  if (used * 10 >= limit * 8) return 'warn80';
  return 'ok';
}

/** The plan a Stripe lookup key names, with its interval; null for a key that is not ours. */
export function planFromLookupKey(lookupKey: string): { plan: Plan; interval: BillingInterval } | null {
  for (const key of PLANS)
    for (const interval of ['monthly', 'yearly'] as const) if (PLAN_TABLE[key].stripeLookupKeys[interval] === lookupKey) return { plan: key, interval };
  return null;
}
