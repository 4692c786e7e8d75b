/**
 * Staff side of the cancellation policy: the outcome before confirming a cancel, the cancel itself
 * (optionally waiving the policy, with a reason), and moving a paid deposit to a rebooked session.
 * `sessions.changeStatus` to cancelled applies the same policy; this router adds the preview and the waiver.
 */
import { z } from 'zod';
import { cancellationOutcomeOutput, rebookDepositInput, staffCancelInput, staffCancelPreviewInput } from '@rsm/shared/portal-schemas';
import { notFound } from '../../platform/errors.ts';
import { router, studioProcedure } from '../../trpc/init.ts';
import { outcomeFor, loadPolicy, rebookDeposit } from './cancellation.service.ts';
import { changeSessionStatus } from './sessions.service.ts';
import { announcePromotions } from './booking.jobs.ts';
import { sessionOutput, toSessionViews } from './sessions.views.ts';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';

const recordedOutput = cancellationOutcomeOutput.extend({
  recorded: z.boolean(),
  cancelledAt: z.string().nullable(),
  cancelledByKind: z.string().nullable(),
  reason: z.string(),
});

export const cancellationsRouter = router({
  /** What cancelling now would refund and keep; for a cancelled session, what was recorded. */
  preview: studioProcedure
    .requires('sessions:read')
    .input(staffCancelPreviewInput)
    .output(recordedOutput)
    .query(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const [session] = await db.select().from(tenant.sessions).where(eq(tenant.sessions.id, input.id));
      if (!session) throw notFound('session');
      if (session.status === 'cancelled' && session.refundableCents !== null && session.keptCents !== null) {
        const rec = (session.cancellationTier ?? {}) as {
          basis?: z.infer<typeof cancellationOutcomeOutput>['basis'];
          tier?: { daysBefore: number; refundPercent: number } | null;
          daysNotice?: number;
          paidCents?: number;
        };
        return {
          paidCents: rec.paidCents ?? session.refundableCents + session.keptCents,
          refundableCents: session.refundableCents,
          keptCents: session.keptCents,
          currency: session.currency,
          basis: rec.basis ?? 'tier',
          tier: rec.tier ?? null,
          daysNotice: rec.daysNotice ?? null,
          recorded: true,
          cancelledAt: session.cancelledAt?.toISOString() ?? null,
          cancelledByKind: session.cancelledByKind,
          reason: session.cancellationReason,
        };
      }
      const { tiers } = await loadPolicy(db);
      const outcome = outcomeFor(session, tiers, ctx.studio.timeZone, { byKind: 'staff', waived: input.waived, now: ctx.platform.clock.now() });
      return { ...outcome, currency: session.currency, recorded: false, cancelledAt: null, cancelledByKind: null, reason: '' };
    }),

  cancel: studioProcedure
    .requires('sessions:write')
    .input(staffCancelInput)
    .output(sessionOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const session = await changeSessionStatus(
        db,
        ctx.studio,
        ctx.actor,
        input.id,
        'cancelled',
        input.waived ? `policy waived: ${input.reason}` : input.reason,
        {
          byKind: 'staff',
          reason: input.reason,
          waived: input.waived,
          now: ctx.platform.clock.now(),
        },
      );
      await announcePromotions(ctx.platform, ctx.studio, session.promoted);
      const [view] = await toSessionViews(db, [session]);
      return view!;
    }),

  /** Moving money between bookings is for those who handle the studio's money. */
  rebookDeposit: studioProcedure
    .requires('money:manage')
    .input(rebookDepositInput)
    .output(sessionOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const session = await rebookDeposit(db, ctx.actor, input.fromSessionId, input.toSessionId, ctx.platform.clock.now());
      const [view] = await toSessionViews(db, [session]);
      return view!;
    }),
});
