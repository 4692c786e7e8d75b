/**
 * The public booking page's API: no user, the studio from the URL, NOT_FOUND while the page is disabled.
 * Anything that writes or tries tokens is rate limited per IP (and per address for requests).
 */
import { z } from 'zod';
import {
  publicAvailabilityInput,
  publicBookingRequestInput,
  publicQuoteInput,
  publicTokenInput,
  REQUEST_CONFIRM_MINUTES,
} from '@rsm/shared/booking-page-schemas';
import { AppError } from '../../platform/errors.ts';
import { TOKEN_LIMITS, type RateRule } from '../../platform/security/rate-limit.ts';
import { publicStudioProcedure, router } from '../../trpc/init.ts';
import { standingOf } from '../plans/standing-guard.ts';
import { asLocale, sendBookedMails, sendLimitReached, sendVerification } from './public-booking.mails.ts';
import { publicPage, publicQuote, publicSlots } from './public-page.service.ts';
import { confirmBooking, peekRequest, requestBooking } from './public-requests.service.ts';
import { payDepositByLink, viewDeposit } from './public-deposit.service.ts';
import { takesCardPayments } from '../money/payments/booking-deposits.ts';
import { shareTokenSchema } from '@rsm/shared/sharing-schemas';
import { depositPageUrl } from './public-booking.mails.ts';

const READ_LIMITS = (ip: string): RateRule[] => [{ key: `public-booking:read:ip:${ip}`, limit: 600, windowSeconds: 15 * 60 }];
export const REQUEST_LIMITS = (ip: string, studioId: string, email: string): RateRule[] => [
  { key: `public-booking:request:ip:${ip}`, limit: 10, windowSeconds: 60 * 60 },
  { key: `public-booking:request:email:${studioId}:${email.toLowerCase()}`, limit: 5, windowSeconds: 60 * 60 },
];

const tier = z.object({ daysBefore: z.number().int(), refundPercent: z.number().int() });
const cents = z.number().int().nullable();

const pageOutput = z.object({
  /** The studio is read-only (issue 12.2): the page is shown, booking is paused with a polite message. */
  paused: z.boolean(),
  studioName: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  locale: z.enum(['en', 'fr']),
  brandColor: z.string(),
  welcomeText: z.string(),
  logoVersion: z.number().nullable(),
  rooms: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      color: z.string(),
      hourlyRateCents: z.number().int(),
      halfDayRateCents: cents,
      dayRateCents: cents,
      hourlyRateWithEngineerCents: cents,
      minDurationMinutes: z.number().int(),
      incrementMinutes: z.number().int(),
    }),
  ),
  instantBooking: z.boolean(),
  requireApproval: z.boolean(),
  holdHours: z.number().int(),
  depositPercent: z.number().int(),
  depositDueHours: z.number().int(),
  transferDetails: z.string(),
  cancellationTiers: z.array(tier),
  policyText: z.string(),
  minNoticeHours: z.number().int(),
  bookingWindowDays: z.number().int(),
});

const bookedOutput = z.object({
  outcome: z.enum(['confirmed', 'hold', 'pending']),
  roomName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  priceCents: z.number().int(),
  currency: z.string(),
  depositCents: z.number().int(),
  depositDueAt: z.string().nullable(),
  holdExpiresAt: z.string().nullable(),
  transferDetails: z.string(),
  /** The deposit link's token (the same as in the mail), when the deposit can be paid online now. */
  depositToken: z.string().nullable(),
});

const billingAddressInput = z.object({
  addressLine1: z.string().trim().max(200),
  postalCode: z.string().trim().max(20),
  city: z.string().trim().min(1, 'errors.required').max(100),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'errors.invalid_value'),
});

const depositView = z.object({
  studioName: z.string(),
  roomName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.string(),
  depositCents: z.number().int(),
  currency: z.string(),
  depositDueAt: z.string().nullable(),
  depositPaid: z.boolean(),
  depositInvoiceNumber: z.string().nullable(),
  /** A "Pay the deposit online" button: a deposit due, unpaid, and the studio takes card payments. */
  payOnline: z.boolean(),
  needsBillingAddress: z.boolean(),
});

export const publicBookingRouter = router({
  page: publicStudioProcedure.output(pageOutput).query(async ({ ctx }) => {
    await ctx.platform.rateLimiter.hit(READ_LIMITS(ctx.ip));
    const page = await publicPage(await ctx.tenant(), ctx.studio);
    return { ...page, paused: standingOf(ctx.studio, ctx.platform.clock.now()) === 'read_only' };
  }),

  availability: publicStudioProcedure
    .input(publicAvailabilityInput)
    .output(z.array(z.object({ startsAt: z.string(), endsAt: z.string(), openingDay: z.string() })))
    .query(async ({ ctx, input }) => {
      await ctx.platform.rateLimiter.hit(READ_LIMITS(ctx.ip));
      const slots = await publicSlots(await ctx.tenant(), ctx.studio, ctx.platform.clock.now(), {
        roomId: input.roomId,
        from: new Date(input.from),
        to: new Date(input.to),
        durationMinutes: input.durationMinutes,
      });
      return slots.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), openingDay: s.openingDay }));
    }),

  quote: publicStudioProcedure
    .input(publicQuoteInput)
    .output(z.object({ totalCents: z.number().int(), depositCents: z.number().int(), currency: z.string() }))
    .query(async ({ ctx, input }) => {
      await ctx.platform.rateLimiter.hit(READ_LIMITS(ctx.ip));
      const quote = await publicQuote(await ctx.tenant(), ctx.studio, {
        roomId: input.roomId,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
      });
      return { totalCents: quote.totalCents, depositCents: quote.depositCents, currency: quote.currency };
    }),

  /** Always the same answer, whoever the address belongs to; the link goes to that address only. */
  request: publicStudioProcedure
    .input(publicBookingRequestInput)
    .output(z.object({ ok: z.literal(true), expiresInMinutes: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.platform.rateLimiter.hit(REQUEST_LIMITS(ctx.ip, ctx.studio.id, input.email));
      const now = ctx.platform.clock.now();
      const slot = { roomId: input.roomId, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) };
      const stored = await requestBooking(await ctx.tenant(), ctx.studio, now, { ...input, ...slot }, ctx.ip);
      if (stored) {
        await sendVerification(
          ctx.platform,
          ctx.studio,
          { name: input.name, email: input.email, locale: asLocale(input.locale, ctx.studio.locale) },
          { roomName: stored.roomName, ...slot },
          stored.token,
        );
      } else {
        ctx.log.info({ reason: 'honeypot' }, 'public booking request ignored');
      }
      return { ok: true as const, expiresInMinutes: REQUEST_CONFIRM_MINUTES };
    }),

  /** The confirm page's summary; reading it (or a scanner following the link) books nothing. */
  peek: publicStudioProcedure
    .input(publicTokenInput)
    .output(z.object({ roomId: z.string(), roomName: z.string(), startsAt: z.string(), endsAt: z.string(), name: z.string(), expiresAt: z.string() }))
    .query(async ({ ctx, input }) => {
      await ctx.platform.rateLimiter.hit(TOKEN_LIMITS(ctx.ip, 'public-booking-token'));
      const request = await peekRequest(await ctx.tenant(), ctx.platform.clock.now(), input.token);
      return { ...request, startsAt: request.startsAt.toISOString(), endsAt: request.endsAt.toISOString(), expiresAt: request.expiresAt.toISOString() };
    }),

  confirm: publicStudioProcedure
    .input(publicTokenInput)
    .output(bookedOutput)
    .mutation(async ({ ctx, input }) => {
      await ctx.platform.rateLimiter.hit(TOKEN_LIMITS(ctx.ip, 'public-booking-token'));
      const db = await ctx.tenant();
      const now = ctx.platform.clock.now();
      let booked;
      try {
        booked = await confirmBooking(ctx.platform, db, ctx.studio, now, input.token);
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'LIMIT_REACHED')) throw error;
        const request = await peekRequest(db, now, input.token).catch(() => null);
        if (request) await sendLimitReached(ctx.platform, ctx.studio, request);
        // The visitor learns that the studio cannot take the booking online, not the studio's plan.
        throw new AppError('LIMIT_REACHED', 'This studio cannot take more bookings online this month. Please contact the studio directly.', {
          reason: 'studioLimit',
        });
      }
      const { session } = booked;
      const depositToken = booked.depositToken && (await takesCardPayments(ctx.platform, ctx.studio.id)) ? booked.depositToken : null;
      const facts = {
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        roomName: booked.roomName,
        depositCents: session.depositCents,
        depositDueAt: session.depositDueAt,
        holdExpiresAt: session.holdExpiresAt,
        currency: session.currency,
        payUrl: depositToken ? depositPageUrl(ctx.platform, ctx.studio, depositToken) : null,
      };
      await sendBookedMails(ctx.platform, ctx.studio, { outcome: booked.outcome, request: booked.request, facts, transferDetails: booked.transferDetails });
      return {
        outcome: booked.outcome,
        roomName: booked.roomName,
        startsAt: session.startsAt.toISOString(),
        endsAt: session.endsAt.toISOString(),
        priceCents: session.priceCents,
        currency: session.currency,
        depositCents: session.depositCents,
        depositDueAt: session.depositDueAt?.toISOString() ?? null,
        holdExpiresAt: session.holdExpiresAt?.toISOString() ?? null,
        transferDetails: session.depositCents > 0 ? booked.transferDetails : '',
        depositToken,
      };
    }),

  /** The deposit page behind the link: what is due, whether it is paid, whether it can be paid online. */
  deposit: publicStudioProcedure
    .input(z.object({ token: shareTokenSchema }))
    .output(depositView)
    .query(async ({ ctx, input }) => viewDeposit(ctx.platform, await ctx.tenant(), ctx.studio, ctx.ip, input.token)),

  /** The Stripe Checkout page for the deposit (the billing address first, when the client has none on file). */
  payDeposit: publicStudioProcedure
    .input(z.object({ token: shareTokenSchema, billing: billingAddressInput.nullable().default(null) }))
    .output(z.object({ url: z.string().url() }))
    .mutation(async ({ ctx, input }) => payDepositByLink(ctx.platform, await ctx.tenant(), ctx.studio, ctx.ip, input.token, input.billing)),
});
