/**
 * publicQuote.*: the quote answer page's procedures (studio from the URL, no user; the link token is the
 * credential). Listed among the global prefixes of the isolation suites: it acts on no member's studio.
 */
import { z } from 'zod';
import { shareTokenSchema } from '@rsm/shared/sharing-schemas';
import { publicStudioProcedure, router } from '../../../trpc/init.ts';
import { answerQuote, payQuoteDeposit, viewQuote } from './public-quote.service.ts';

const STATUSES = ['sent', 'accepted', 'declined', 'expired', 'invoiced'] as const;

const publicQuoteOutput = z.object({
  studio: z.object({ name: z.string(), legalName: z.string() }),
  number: z.string(),
  status: z.enum(STATUSES),
  issueDate: z.string(),
  validUntil: z.string().nullable(),
  currency: z.string(),
  language: z.enum(['en', 'fr']),
  buyerName: z.string(),
  lines: z.array(
    z.object({
      description: z.string(),
      quantity: z.string(),
      unit: z.string(),
      unitPriceCents: z.number().int(),
      netCents: z.number().int(),
      vatRate: z.string(),
    }),
  ),
  vatBreakdown: z.array(z.object({ vatRate: z.string(), taxableBaseCents: z.number().int(), vatCents: z.number().int() })),
  totals: z.object({ netCents: z.number().int(), vatCents: z.number().int(), grossCents: z.number().int() }),
  deposit: z.object({ basisPoints: z.number().int().nullable(), cents: z.number().int().nullable() }).nullable(),
  notes: z.string(),
  respondedName: z.string().nullable(),
  respondedAt: z.string().nullable(),
  /** A "Pay the deposit" button: the deposit is asked, unpaid, and the studio takes card payments. */
  payDepositOnline: z.boolean(),
});

export const publicQuoteRouter = router({
  view: publicStudioProcedure
    .input(z.object({ token: shareTokenSchema }))
    .output(publicQuoteOutput)
    .query(async ({ ctx, input }) => viewQuote(ctx.platform, await ctx.tenant(), ctx.studio, ctx.ip, input.token)),
  respond: publicStudioProcedure
    .input(z.object({ token: shareTokenSchema, decision: z.enum(['accept', 'decline']), fullName: z.string().max(200) }))
    .output(z.object({ number: z.string(), status: z.enum(['accepted', 'declined']) }))
    .mutation(async ({ ctx, input }) => {
      const { number, status } = await answerQuote(ctx.platform, await ctx.tenant(), ctx.studio, ctx.ip, input);
      return { number, status };
    }),
  payDeposit: publicStudioProcedure
    .input(z.object({ token: shareTokenSchema }))
    .output(z.object({ url: z.string().url() }))
    .mutation(async ({ ctx, input }) => payQuoteDeposit(ctx.platform, await ctx.tenant(), ctx.studio, ctx.ip, input.token)),
});
