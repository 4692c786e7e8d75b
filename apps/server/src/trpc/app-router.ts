/** The whole API, wired from each domain's router. */
import { router } from './init.ts';
import { authRouter } from '../modules/auth/auth.router.ts';
import { invitationsRouter, membersRouter } from '../modules/members/members.router.ts';
import { publicStudioRouter, studioRouter } from '../modules/studios/studio.router.ts';
import { roomsRouter } from '../modules/rooms/rooms.router.ts';
import { dashboardRouter } from '../modules/dashboard/dashboard.router.ts';
import { operatorRouter } from '../modules/operator/operator.router.ts';
import { sessionsRouter } from '../modules/booking/sessions.router.ts';
import { bookingResourcesRouter } from '../modules/booking/resources.router.ts';
import { calendarFeedsRouter } from '../modules/booking/ical-feeds.router.ts';
import { bookingPageRouter } from '../modules/public-booking/booking-page-settings.router.ts';
import { publicBookingRouter } from '../modules/public-booking/public-booking.router.ts';
import { bookingRequestsRouter } from '../modules/public-booking/booking-requests.router.ts';
import { deliverablesRouter, sharingRouter } from '../modules/sharing/sharing.router.ts';
import { shareRouter } from '../modules/sharing/share.router.ts';
import { portalSharesRouter } from '../modules/sharing/portal-shares.router.ts';
import { versionsRouter } from '../modules/review/versions.router.ts';
import { commentsRouter } from '../modules/review/comments.router.ts';
import { portalRouter } from '../modules/portal/portal.router.ts';
import { portalMoneyRouter } from '../modules/money/portal/portal-money.router.ts';
import { clientPortalRouter } from '../modules/portal/client-portal.router.ts';
import { cancellationsRouter } from '../modules/booking/cancellation.router.ts';
import { projectsRouter } from '../modules/projects/projects.router.ts';
import { creditsRouter, tracksRouter } from '../modules/projects/tracks.router.ts';
import { clientsRouter } from '../modules/clients/clients.router.ts';
import { audioRouter } from '../modules/audio/audio.router.ts';
import { moneyRouter } from '../modules/money/money.router.ts';
import { publicQuoteRouter } from '../modules/money/delivery/public-quote.router.ts';
import { paymentsRouter } from '../modules/money/payments/payments.router.ts';
import { auditRouter } from '../modules/audit/audit.router.ts';
import { accountRouter } from '../modules/two-factor/account.router.ts';
import { studioSecurityRouter } from '../modules/two-factor/studio-security.router.ts';
import { plansRouter } from '../modules/plans/plans.router.ts';

export const appRouter = router({
  auth: authRouter,
  invitations: invitationsRouter,
  studio: studioRouter,
  publicStudio: publicStudioRouter,
  members: membersRouter,
  rooms: roomsRouter,
  dashboard: dashboardRouter,
  operator: operatorRouter,
  sessions: sessionsRouter,
  booking: bookingResourcesRouter,
  calendarFeeds: calendarFeedsRouter,
  bookingPage: bookingPageRouter,
  publicBooking: publicBookingRouter,
  bookingRequests: bookingRequestsRouter,
  sharing: sharingRouter,
  deliverables: deliverablesRouter,
  share: shareRouter,
  portalShares: portalSharesRouter,
  versions: versionsRouter,
  comments: commentsRouter,
  portal: portalRouter,
  portalMoney: portalMoneyRouter,
  clientPortal: clientPortalRouter,
  cancellations: cancellationsRouter,
  projects: projectsRouter,
  tracks: tracksRouter,
  credits: creditsRouter,
  clients: clientsRouter,
  audio: audioRouter,
  money: moneyRouter,
  publicQuote: publicQuoteRouter,
  payments: paymentsRouter,
  audit: auditRouter,
  account: accountRouter,
  studioSecurity: studioSecurityRouter,
  plans: plansRouter,
});

export type AppRouter = typeof appRouter;
