/** `money.online.*` (money:manage): a pay link to send a client, and refunds of online payments. */
import { z } from 'zod';
import { router, studioProcedure } from '../../../trpc/init.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { startCheckout } from './checkout.service.ts';
import { refundOnlinePayment } from './refunds.service.ts';

const manage = studioProcedure.requires('money:manage');

export const onlinePaymentsRouter = router({
  payLink: manage
    .input(z.object({ id: z.string().uuid(), kind: z.enum(['invoice', 'quote_deposit']) }))
    .output(z.object({ url: z.string().url(), amountCents: z.number().int(), currency: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const checkout = await startCheckout(ctx.platform, ctx.studio, db, { kind: input.kind, documentId: input.id, allowedClientIds: null });
      await recordAudit(db, ctx.actor, 'payment.link_created', 'money_document', input.id, { kind: input.kind, amountCents: checkout.amountCents });
      return checkout;
    }),
  /** Whole when `amountCents` is omitted. */
  refund: manage
    .input(z.object({ paymentId: z.string().uuid(), amountCents: z.number().int().positive().optional() }))
    .output(z.object({ refundedCents: z.number().int(), refundedTotalCents: z.number().int(), leftCents: z.number().int() }))
    .mutation(async ({ ctx, input }) => refundOnlinePayment(ctx.platform, ctx.studio, await ctx.tenant(), ctx.actor, input)),
});
