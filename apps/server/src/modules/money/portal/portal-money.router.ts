/** `portalMoney.*`: the client's quotes, invoices and credit notes in the portal, quote answers and online payment. */
import { READS_IN_READ_ONLY } from '../../../trpc/read-only-meta.ts';
import { z } from 'zod';
import type { RateRule } from '../../../platform/security/rate-limit.ts';
import { router } from '../../../trpc/init.ts';
import { portalProcedure } from '../../../trpc/portal-procedure.ts';
import { paymentsStatus } from '../payments/payments.service.ts';
import { startCheckout } from '../payments/checkout.service.ts';
import { answerQuoteFromPortal, listPortalDocuments } from './portal-money.service.ts';

const uuid = z.string().uuid();
export const PORTAL_PAY_LIMITS = (studioId: string, clientId: string): RateRule[] => [
  { key: `portal-pay:${studioId}:${clientId}`, limit: 30, windowSeconds: 15 * 60 },
];
const checkoutOutput = z.object({ url: z.string().url(), amountCents: z.number().int(), currency: z.string() });
const clientIdsOf = (client: { id: string; companyIds: string[] }) => [client.id, ...client.companyIds];

export const portalMoneyRouter = router({
  documents: portalProcedure
    .output(
      z.object({
        acceptsOnlinePayment: z.boolean(),
        items: z.array(
          z.object({
            id: z.string(),
            kind: z.enum(['quote', 'invoice', 'deposit_invoice', 'final_invoice', 'credit_note']),
            number: z.string(),
            status: z.string(),
            issueDate: z.string().nullable(),
            dueDate: z.string().nullable(),
            currency: z.string(),
            grossCents: z.number().int(),
            balanceCents: z.number().int(),
            overdue: z.boolean(),
            depositDueCents: z.number().int(),
            canAnswer: z.boolean(),
            canPay: z.boolean(),
          }),
        ),
      }),
    )
    .query(async ({ ctx }) => {
      const { acceptsOnlinePayment } = await paymentsStatus(ctx.platform, ctx.studio.id);
      const items = await listPortalDocuments(await ctx.tenant(), clientIdsOf(ctx.client), {
        timeZone: ctx.studio.timeZone,
        acceptsOnlinePayment,
        now: ctx.platform.clock.now(),
      });
      return { acceptsOnlinePayment, items };
    }),

  answerQuote: portalProcedure
    .input(z.object({ id: uuid, decision: z.enum(['accept', 'decline']), fullName: z.string().max(200) }))
    .output(z.object({ id: z.string(), status: z.enum(['accepted', 'declined']) }))
    .mutation(async ({ ctx, input }) =>
      answerQuoteFromPortal(await ctx.tenant(), clientIdsOf(ctx.client), {
        ...input,
        ip: ctx.ip,
        timeZone: ctx.studio.timeZone,
        now: ctx.platform.clock.now(),
      }),
    ),

  /** A Stripe Checkout page for an invoice's balance or an accepted quote's deposit; the browser goes there. */
  pay: portalProcedure
    .meta(READS_IN_READ_ONLY)
    .input(z.object({ id: uuid, kind: z.enum(['invoice', 'quote_deposit']) }))
    .output(checkoutOutput)
    .mutation(async ({ ctx, input }) => {
      // Each click asks Stripe for a session: bounded per client, so a script cannot flood the studio's account.
      await ctx.platform.rateLimiter.hit(PORTAL_PAY_LIMITS(ctx.studio.id, ctx.client.id));
      return startCheckout(ctx.platform, ctx.studio, await ctx.tenant(), {
        kind: input.kind,
        documentId: input.id,
        allowedClientIds: clientIdsOf(ctx.client),
        ...(ctx.client.email ? { customerEmail: ctx.client.email } : {}),
      });
    }),
});
