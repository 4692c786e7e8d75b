/** What Settings → Plan reads and sends about the studio's subscription (Stripe Billing, issue 12.3). */
import { z } from 'zod';
import { PLANS } from './plans.ts';
import { STANDINGS } from './standing.ts';

export const BILLING_INTERVALS = ['monthly', 'yearly'] as const;

export const planChoiceInput = z.object({ plan: z.enum(PLANS), interval: z.enum(BILLING_INTERVALS) });
export type PlanChoice = z.infer<typeof planChoiceInput>;

export const billingOverviewOutput = z.object({
  /** False without Stripe on the server: plans are set by the operator only. */
  billingAvailable: z.boolean(),
  standing: z.enum(STANDINGS),
  plan: z.enum(PLANS),
  billingStatus: z.enum(['trial', 'active', 'past_due', 'canceled']),
  interval: z.enum(BILLING_INTERVALS).nullable(),
  /** A Stripe subscription that still bills (active or past due). */
  subscribed: z.boolean(),
  currentPeriodEnd: z.string().nullable(),
  cancelAtPeriodEnd: z.boolean(),
  /** The smaller plan the subscription moves to at the period end. */
  scheduledPlan: z.enum(PLANS).nullable(),
  trialEndsAt: z.string().nullable(),
  graceEndsAt: z.string().nullable(),
  nextInvoice: z.object({ amountCents: z.number().int(), currency: z.string(), at: z.string() }).nullable(),
});
export type BillingOverview = z.infer<typeof billingOverviewOutput>;

/** A Checkout Session's id, as Stripe puts it in the success URL. */
export const confirmCheckoutInput = z.object({
  sessionId: z
    .string()
    .max(255)
    .regex(/^cs_[A-Za-z0-9_]+$/),
});
export const confirmCheckoutOutput = z.object({ subscribed: z.boolean() });

export const redirectOutput = z.object({ url: z.string().url() });
/** The Customer Portal's page, or null when the studio has nothing to manage there (no Stripe, never subscribed). */
export const portalOutput = z.object({ url: z.string().url().nullable() });
export const planChangeOutput = z.object({ outcome: z.enum(['upgraded', 'scheduled', 'unscheduled']) });
