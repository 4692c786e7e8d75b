/** What Settings → Plan reads: the studio's plan and its usage against each limit (plans.usage). */
import { z } from 'zod';
import { LIMIT_KINDS, PLANS } from './plans.ts';

export const limitUsageOutput = z.object({
  kind: z.enum(LIMIT_KINDS),
  used: z.number().int(),
  /** null: unlimited on this plan. */
  limit: z.number().int().nullable(),
  level: z.enum(['ok', 'warn80', 'warn90', 'reached']),
});
export type LimitUsage = z.infer<typeof limitUsageOutput>;

export const planUsageOutput = z.object({
  plan: z.enum(PLANS),
  trialEndsAt: z.string().nullable(),
  monthlyCents: z.number().int(),
  yearlyCents: z.number().int(),
  aiFairUse: z.boolean(),
  /** Who changes the plan: the owners through Stripe Billing, or the operator when Stripe is not set up on the server. */
  changedBy: z.enum(['operator', 'stripe']),
  limits: z.array(limitUsageOutput),
});
export type PlanUsage = z.infer<typeof planUsageOutput>;
