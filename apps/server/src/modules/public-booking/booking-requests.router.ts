/** Staff answers to booking requests, and the deposit received (wired as sessions.markDepositReceived). */
import { z } from 'zod';
import { decisionInput } from '@rsm/shared/booking-page-schemas';
import { router, studioProcedure } from '../../trpc/init.ts';
import { announcePromotions } from '../booking/booking.jobs.ts';
import { sessionOutput, toSessionViews } from '../booking/sessions.views.ts';
import { approveRequest, declineRequest, listPendingRequests, recordDepositByHand } from './booking-requests.service.ts';
import { tellClient } from './public-booking.mails.ts';
import { depositLinkOnApproval } from './public-deposit.service.ts';

const requestOutput = z.object({
  id: z.string(),
  title: z.string(),
  roomId: z.string(),
  roomName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  clientId: z.string().nullable(),
  clientName: z.string().nullable(),
  clientEmail: z.string().nullable(),
  clientPhone: z.string().nullable(),
  message: z.string(),
  priceCents: z.number().int(),
  depositCents: z.number().int(),
  currency: z.string(),
  holdExpiresAt: z.string().nullable(),
  createdAt: z.string(),
});

export const bookingRequestsRouter = router({
  list: studioProcedure
    .requires('sessions:write')
    .input(z.object({ offset: z.number().int().min(0).max(100_000).default(0) }).default({ offset: 0 }))
    .output(z.object({ total: z.number().int(), items: z.array(requestOutput) }))
    .query(async ({ ctx, input }) => listPendingRequests(await ctx.tenant(), input)),

  approve: studioProcedure
    .requires('sessions:write')
    .input(decisionInput)
    .output(sessionOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const session = await approveRequest(db, ctx.studio, ctx.actor, input.id, input.message);
      // Approved with a deposit still due: the visitor gets their link to pay it online with the answer.
      const payUrl = session.depositReceivedAt ? null : await depositLinkOnApproval(ctx.platform, db, ctx.studio, session);
      await tellClient(ctx.platform, ctx.studio, db, session, 'public-booking-approved', input.message, payUrl);
      // Confirmed now: the usual confirmation with its calendar invitation, and the reminder.
      const [view] = await toSessionViews(db, [session]);
      return view!;
    }),

  decline: studioProcedure
    .requires('sessions:write')
    .input(decisionInput)
    .output(sessionOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const session = await declineRequest(db, ctx.studio, ctx.actor, input.id, input.message, ctx.platform.clock.now());
      await announcePromotions(ctx.platform, ctx.studio, session.promoted);
      // The decline mail carries the studio's message; no separate cancellation notice for a request never booked.
      await tellClient(ctx.platform, ctx.studio, db, session, 'public-booking-declined', input.message);
      const [view] = await toSessionViews(db, [session]);
      return view!;
    }),
});

/** sessions.markDepositReceived: records the receipt and confirms the hold; a second click is a no-op that says so. Money: owners and managers. */
export const markDepositReceivedProcedure = studioProcedure
  .requires('money:manage')
  .input(z.object({ id: z.string().uuid() }))
  .output(sessionOutput.extend({ alreadyRecorded: z.boolean() }))
  .mutation(async ({ ctx, input }) => {
    const db = await ctx.tenant();
    const { session, alreadyRecorded } = await recordDepositByHand(ctx.platform, db, ctx.studio, ctx.actor, input.id);
    if (!alreadyRecorded) await tellClient(ctx.platform, ctx.studio, db, session, 'public-booking-deposit-received', '');
    const [view] = await toSessionViews(db, [session]);
    return { ...view!, alreadyRecorded };
  });
