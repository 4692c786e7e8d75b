import { describe, expect, it } from 'vitest';
import { limitLevel, PLAN_TABLE, PLANS, planFromLookupKey } from './plans.ts';

describe('PLAN_TABLE', () => {
  it('prices Starter €29, Pro €99, Enterprise €299 a month in cents, a year at ten months', () => {
    expect(PLANS.map((p) => PLAN_TABLE[p].monthlyCents)).toEqual([2900, 9900, 29900]);
    for (const p of PLANS) expect(PLAN_TABLE[p].yearlyCents).toBe(PLAN_TABLE[p].monthlyCents * 10);
  });

  it('limits Starter to 50 sessions, 10 GB, 50 AI credits; Pro 200 GB and 500 credits; Enterprise 1 TB, fair use', () => {
    expect(PLAN_TABLE.starter).toMatchObject({ sessionsPerMonth: 50, storageBytes: 10e9, aiCreditsPerMonth: 50, aiFairUse: false });
    expect(PLAN_TABLE.pro).toMatchObject({ sessionsPerMonth: null, storageBytes: 200e9, aiCreditsPerMonth: 500, aiFairUse: false });
    expect(PLAN_TABLE.enterprise).toMatchObject({ sessionsPerMonth: null, storageBytes: 1e12, seats: null, aiFairUse: true });
  });

  it('names each Stripe price by a lookup key, and reads the key back', () => {
    expect(PLAN_TABLE.pro.stripeLookupKeys).toEqual({ monthly: 'rsm_pro_monthly', yearly: 'rsm_pro_yearly' });
    for (const p of PLANS)
      for (const interval of ['monthly', 'yearly'] as const) expect(planFromLookupKey(PLAN_TABLE[p].stripeLookupKeys[interval])).toEqual({ plan: p, interval });
    expect(planFromLookupKey('price_123')).toBeNull();
  });
});

describe('limitLevel', () => {
  it('warns from 80 % and 90 %, is reached at 100 %, never for an unlimited plan', () => {
    expect(limitLevel(39, 50)).toBe('ok');
    expect(limitLevel(40, 50)).toBe('warn80');
    expect(limitLevel(44, 50)).toBe('warn80');
    expect(limitLevel(45, 50)).toBe('warn90');
    expect(limitLevel(49, 50)).toBe('warn90');
    expect(limitLevel(50, 50)).toBe('reached');
    expect(limitLevel(51, 50)).toBe('reached');
    expect(limitLevel(7_999_999_999, 10e9)).toBe('ok');
    expect(limitLevel(8e9, 10e9)).toBe('warn80');
    expect(limitLevel(1_000_000, null)).toBe('ok');
    expect(limitLevel(0, 0)).toBe('reached');
  });
});
