/** Settings → Payments over tRPC: status for every member, changes for `money:manage` only. */
import { z } from 'zod';
import { router, studioProcedure } from '../../../trpc/init.ts';
import { paymentsStatus, refreshAccount, startOnboarding, type PaymentsStatus } from './payments.service.ts';

const statusOutput = z.object({
  configured: z.boolean(),
  acceptsOnlinePayment: z.boolean(),
  account: z
    .object({
      accountId: z.string(),
      chargesEnabled: z.boolean(),
      payoutsEnabled: z.boolean(),
      detailsSubmitted: z.boolean(),
      requirementsDue: z.array(z.string()),
      disabledReason: z.string().nullable(),
      syncedAt: z.string(),
    })
    .nullable(),
});

const shaped = (status: PaymentsStatus) => ({ ...status, account: status.account && { ...status.account, syncedAt: status.account.syncedAt.toISOString() } });

export const paymentsRouter = router({
  /** Read by any member: other screens show "pay online" controls only when `acceptsOnlinePayment`. */
  status: studioProcedure
    .requires('studio:read')
    .output(statusOutput)
    .query(async ({ ctx }) => shaped(await paymentsStatus(ctx.platform, ctx.studio.id))),

  /** Creates the studio's Stripe account if needed and answers the onboarding link to send the browser to. */
  connect: studioProcedure
    .requires('money:manage')
    .output(z.object({ url: z.string().url() }))
    .mutation(async ({ ctx }) => startOnboarding(ctx.platform, await ctx.tenant(), ctx.studio, ctx.actor)),

  /** Asks Stripe for the account's state now (back from onboarding). */
  refresh: studioProcedure
    .requires('money:manage')
    .output(statusOutput)
    .mutation(async ({ ctx }) => shaped(await refreshAccount(ctx.platform, await ctx.tenant(), ctx.studio, ctx.actor))),
});
