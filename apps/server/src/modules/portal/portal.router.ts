/**
 * `portal.*`: the studio's clients. Log-in procedures are on publicStudioProcedure (studio from the URL,
 * nobody logged in); everything else on portalProcedure (this studio's portal cookie).
 */
import { READS_IN_READ_ONLY } from '../../trpc/read-only-meta.ts';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { SESSION_STATUSES } from '@rsm/shared/booking-schemas';
import { idInput } from '@rsm/shared/schemas';
import {
  cancellationOutcomeOutput,
  portalCancelInput,
  portalConfirmLinkInput,
  portalPasswordLoginInput,
  portalProfileInput,
  portalRequestLinkInput,
  portalRescheduleInput,
  portalSessionsInput,
  portalSetPasswordInput,
  portalSlotsInput,
} from '@rsm/shared/portal-schemas';
import { okOutput } from '../../trpc/outputs.ts';
import { publicStudioProcedure, router } from '../../trpc/init.ts';
import { portalProcedure } from '../../trpc/portal-procedure.ts';
import { announcePromotions } from '../booking/booking.jobs.ts';
import { queueClientChangeNotice } from '../booking/client-change.notices.ts';
import { confirmLoginLink, loginWithPassword, portalCookieName, requestLoginLink, revokePortalSession, setPortalPassword } from './portal-auth.service.ts';
import { recordPortalActivity } from './portal-activity.service.ts';
import { PORTAL_CONFIRM_LIMITS, PORTAL_LINK_LIMITS, PORTAL_PASSWORD_LIMITS } from './portal-limits.ts';
import {
  cancelFromPortal,
  loadVisibleSession,
  visibleClientIds,
  listPortalSessions,
  portalSessionDetail,
  portalSessionView,
  previewPortalCancel,
  rescheduleFromPortal,
  rescheduleSlots,
} from './portal-sessions.service.ts';
import { portalProfile, updatePortalProfile } from './portal-profile.service.ts';
import { takesCardPayments } from '../money/payments/booking-deposits.ts';
import { startCheckout } from '../money/payments/checkout.service.ts';
import { PORTAL_PAY_LIMITS } from '../money/portal/portal-money.router.ts';

const sessionView = z.object({
  id: z.string(),
  title: z.string(),
  roomName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(SESSION_STATUSES),
  holdExpiresAt: z.string().nullable(),
  priceCents: z.number().int(),
  currency: z.string(),
  depositCents: z.number().int(),
  depositReceived: z.boolean(),
  payDepositOnline: z.boolean(),
  depositMoved: z.boolean(),
  companyName: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  refundableCents: z.number().int().nullable(),
  keptCents: z.number().int().nullable(),
});

const profileOutput = z.object({
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  addressLine1: z.string(),
  addressLine2: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
  locale: z.string(),
  hasPassword: z.boolean(),
  companies: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const portalRouter = router({
  /** The header of every portal page: the studio's name and brand. Public: the log-in page shows it too. */
  studio: publicStudioProcedure
    .output(
      z.object({
        name: z.string(),
        slug: z.string(),
        brandColor: z.string(),
        hasLogo: z.boolean(),
        logoDataUrl: z.string().nullable(),
        locale: z.string(),
        timeZone: z.string(),
      }),
    )
    .query(async ({ ctx }) => {
      const db = await ctx.tenant();
      const [policy] = await db
        .select({ brandColor: tenant.bookingPolicy.brandColor, logo: tenant.bookingPolicy.logo, logoMime: tenant.bookingPolicy.logoMime })
        .from(tenant.bookingPolicy)
        .where(eq(tenant.bookingPolicy.id, 1));
      const logo = policy?.logo && policy.logoMime ? `data:${policy.logoMime};base64,${policy.logo.toString('base64')}` : null;
      return {
        name: ctx.studio.name,
        slug: ctx.studio.slug,
        brandColor: policy?.brandColor ?? '#6366f1',
        hasLogo: logo !== null,
        logoDataUrl: logo,
        locale: ctx.studio.locale,
        timeZone: ctx.studio.timeZone,
      };
    }),

  /** Always the same answer, known address or not. */
  requestLink: publicStudioProcedure
    .meta(READS_IN_READ_ONLY)
    .input(portalRequestLinkInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await ctx.platform.rateLimiter.hit(PORTAL_LINK_LIMITS(ctx.studio.id, ctx.ip, input.email));
      await requestLoginLink(ctx.platform, await ctx.tenant(), ctx.studio, input.email, ctx.ip);
      return { ok: true as const };
    }),

  /** The Confirm button of the page the link opens: the only thing that consumes a link. */
  confirmLink: publicStudioProcedure
    .meta(READS_IN_READ_ONLY)
    .input(portalConfirmLinkInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await ctx.platform.rateLimiter.hit(PORTAL_CONFIRM_LIMITS(ctx.ip));
      const session = await confirmLoginLink(ctx.platform, await ctx.tenant(), input.token, ctx.ip, ctx.userAgent);
      ctx.setCookie(portalCookieName(ctx.studio.id), session.token, session.expiresAt);
      return { ok: true as const };
    }),

  loginWithPassword: publicStudioProcedure
    .meta(READS_IN_READ_ONLY)
    .input(portalPasswordLoginInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await ctx.platform.rateLimiter.hit(PORTAL_PASSWORD_LIMITS(ctx.studio.id, ctx.ip, input.email));
      const session = await loginWithPassword(ctx.platform, await ctx.tenant(), input.email, input.password, ctx.ip, ctx.userAgent);
      ctx.setCookie(portalCookieName(ctx.studio.id), session.token, session.expiresAt);
      return { ok: true as const };
    }),

  logout: portalProcedure
    .meta(READS_IN_READ_ONLY)
    .output(okOutput)
    .mutation(async ({ ctx }) => {
      const db = await ctx.tenant();
      const now = ctx.platform.clock.now();
      await revokePortalSession(db, ctx.portalSessionId, now);
      await recordPortalActivity(db, ctx.client.id, 'logout', {}, ctx.ip, now);
      ctx.clearCookie(portalCookieName(ctx.studio.id));
      return { ok: true as const };
    }),

  me: portalProcedure.output(profileOutput).query(async ({ ctx }) => portalProfile(await ctx.tenant(), ctx.client)),

  sessions: portalProcedure
    .input(portalSessionsInput)
    .output(z.object({ items: z.array(sessionView), nextCursor: z.string().nullable() }))
    .query(async ({ ctx, input }) =>
      listPortalSessions(await ctx.tenant(), ctx.client, input, ctx.platform.clock.now(), await takesCardPayments(ctx.platform, ctx.studio.id)),
    ),

  session: portalProcedure
    .input(idInput)
    .output(
      sessionView.extend({
        canChange: z.boolean(),
        cutoffHours: z.number().int(),
        policyText: z.string(),
        tiers: z.array(z.object({ daysBefore: z.number().int(), refundPercent: z.number().int() })),
      }),
    )
    .query(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const now = ctx.platform.clock.now();
      const detail = await portalSessionDetail(db, ctx.client, input.id, now, await takesCardPayments(ctx.platform, ctx.studio.id));
      await recordPortalActivity(db, ctx.client.id, 'session_viewed', { sessionId: input.id }, ctx.ip, now);
      return detail;
    }),

  /** A Stripe Checkout page for the session's deposit (booking_deposit); the client comes back to the session's page. */
  payDeposit: portalProcedure
    .input(idInput)
    .output(z.object({ url: z.string().url(), amountCents: z.number().int(), currency: z.string() }))
    .mutation(async ({ ctx, input }) => {
      // Each click asks Stripe for a session: bounded per client, so a script cannot flood the studio's account.
      await ctx.platform.rateLimiter.hit(PORTAL_PAY_LIMITS(ctx.studio.id, ctx.client.id));
      const db = await ctx.tenant();
      // Another client's session is "not found" before anything else is said about it.
      await loadVisibleSession(db, ctx.client, input.id);
      const page = `${ctx.platform.config.APP_URL}/s/${ctx.studio.slug}/portal/sessions/${input.id}`;
      return startCheckout(ctx.platform, ctx.studio, db, {
        kind: 'booking_deposit',
        documentId: input.id,
        allowedClientIds: visibleClientIds(ctx.client),
        ...(ctx.client.email ? { customerEmail: ctx.client.email } : {}),
        returnTo: { paid: `${page}?payment=paid`, cancelled: `${page}?payment=cancelled` },
      });
    }),

  cancellationPreview: portalProcedure
    .input(idInput)
    .output(cancellationOutcomeOutput)
    .query(async ({ ctx, input }) => previewPortalCancel(await ctx.tenant(), ctx.studio, ctx.client, input.id, ctx.platform.clock.now())),

  cancel: portalProcedure
    .input(portalCancelInput)
    .output(sessionView)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const now = ctx.platform.clock.now();
      const session = await cancelFromPortal(db, ctx.studio, ctx.client, input.id, input.reason, now);
      await recordPortalActivity(
        db,
        ctx.client.id,
        'session_cancelled',
        { sessionId: input.id, refundableCents: session.refundableCents, keptCents: session.keptCents },
        ctx.ip,
        now,
      );
      await announcePromotions(ctx.platform, ctx.studio, session.promoted);
      await queueClientChangeNotice(ctx.platform, ctx.studio.id, session.id, 'cancelled');
      return portalSessionView(db, ctx.client, session);
    }),

  rescheduleSlots: portalProcedure
    .input(portalSlotsInput)
    .output(z.array(z.object({ startsAt: z.string(), endsAt: z.string() })))
    .query(async ({ ctx, input }) => {
      const slots = await rescheduleSlots(
        await ctx.tenant(),
        ctx.studio,
        ctx.client,
        input.id,
        { from: new Date(input.from), to: new Date(input.to) },
        ctx.platform.clock.now(),
      );
      return slots.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() }));
    }),

  reschedule: portalProcedure
    .input(portalRescheduleInput)
    .output(sessionView)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const now = ctx.platform.clock.now();
      const { session, previousStartsAt, previousEndsAt } = await rescheduleFromPortal(db, ctx.studio, ctx.client, input.id, new Date(input.startsAt), now);
      await recordPortalActivity(
        db,
        ctx.client.id,
        'session_rescheduled',
        { sessionId: input.id, from: previousStartsAt.toISOString(), to: session.startsAt.toISOString() },
        ctx.ip,
        now,
      );
      await announcePromotions(ctx.platform, ctx.studio, session.promoted);
      await queueClientChangeNotice(ctx.platform, ctx.studio.id, session.id, 'rescheduled', { startsAt: previousStartsAt, endsAt: previousEndsAt });
      return portalSessionView(db, ctx.client, session);
    }),

  updateProfile: portalProcedure
    .input(portalProfileInput)
    .output(profileOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const changed = await updatePortalProfile(db, ctx.client, input);
      await recordPortalActivity(db, ctx.client.id, 'profile_updated', { fields: changed }, ctx.ip, ctx.platform.clock.now());
      return portalProfile(db, ctx.client);
    }),

  setPassword: portalProcedure
    .input(portalSetPasswordInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      await setPortalPassword(db, ctx.client.id, input.password);
      await recordPortalActivity(db, ctx.client.id, 'password_set', {}, ctx.ip, ctx.platform.clock.now());
      return { ok: true as const };
    }),

  removePassword: portalProcedure.output(okOutput).mutation(async ({ ctx }) => {
    const db = await ctx.tenant();
    await setPortalPassword(db, ctx.client.id, null);
    await recordPortalActivity(db, ctx.client.id, 'password_removed', {}, ctx.ip, ctx.platform.clock.now());
    return { ok: true as const };
  }),
});
