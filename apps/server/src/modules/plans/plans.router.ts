/**
 * The studio's plan: usage against its limits (owners and managers), and its Stripe subscription — subscribing,
 * changing plan, cancelling and resuming, the Customer Portal (owners: `billing:manage`). The subscription's
 * procedures are allowed to a read-only studio: choosing a plan is how it gets out of read-only.
 */
import { z } from 'zod';
import { planUsageOutput } from '@rsm/shared/plan-schemas';
import {
  billingOverviewOutput,
  confirmCheckoutInput,
  confirmCheckoutOutput,
  planChangeOutput,
  planChoiceInput,
  portalOutput,
  redirectOutput,
} from '@rsm/shared/billing-schemas';
import { router, studioProcedure } from '../../trpc/init.ts';
import { planUsage } from './plan-usage.service.ts';
import { billingOverview, changePlan, confirmCheckout, portalUrl, setCancelAtPeriodEnd, startCheckout } from './billing/billing.service.ts';

const done = z.object({ ok: z.literal(true) });
const readOnlyAllowed = { readOnlyAllowed: true };

export const plansRouter = router({
  usage: studioProcedure
    .requires('plan:read')
    .output(planUsageOutput)
    .query(async ({ ctx }) => planUsage(ctx.platform, ctx.studio, ctx.actor)),
  billing: studioProcedure
    .requires('plan:read')
    .output(billingOverviewOutput)
    .query(async ({ ctx }) => billingOverview(ctx.platform, ctx.studio)),
  checkout: studioProcedure
    .requires('billing:manage')
    .meta(readOnlyAllowed)
    .input(planChoiceInput)
    .output(redirectOutput)
    .mutation(async ({ ctx, input }) => startCheckout(ctx.platform, ctx.studio, ctx.actor, input)),
  /** Back from Checkout: applies the session's subscription at once (the webhook may come later). */
  confirmCheckout: studioProcedure
    .requires('billing:manage')
    .meta(readOnlyAllowed)
    .input(confirmCheckoutInput)
    .output(confirmCheckoutOutput)
    .mutation(async ({ ctx, input }) => confirmCheckout(ctx.platform, ctx.studio, input.sessionId)),
  changePlan: studioProcedure
    .requires('billing:manage')
    .meta(readOnlyAllowed)
    .input(planChoiceInput)
    .output(planChangeOutput)
    .mutation(async ({ ctx, input }) => changePlan(ctx.platform, ctx.studio, ctx.actor, input)),
  cancel: studioProcedure
    .requires('billing:manage')
    .meta(readOnlyAllowed)
    .output(done)
    .mutation(async ({ ctx }) => {
      await setCancelAtPeriodEnd(ctx.platform, ctx.studio, true);
      return { ok: true as const };
    }),
  resume: studioProcedure
    .requires('billing:manage')
    .meta(readOnlyAllowed)
    .output(done)
    .mutation(async ({ ctx }) => {
      await setCancelAtPeriodEnd(ctx.platform, ctx.studio, false);
      return { ok: true as const };
    }),
  /** A Customer Portal page (card, our invoices): a query, it changes nothing of ours. */
  portal: studioProcedure
    .requires('billing:manage')
    .output(portalOutput)
    .query(async ({ ctx }) => portalUrl(ctx.platform, ctx.studio)),
});
