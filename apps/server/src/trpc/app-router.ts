/** The whole API, wired from each domain's router. */
import { router } from './init.ts';
import { authRouter } from '../modules/auth/auth.router.ts';
import { invitationsRouter, membersRouter } from '../modules/members/members.router.ts';
import { studioRouter } from '../modules/studios/studio.router.ts';
import { roomsRouter } from '../modules/rooms/rooms.router.ts';
import { dashboardRouter } from '../modules/dashboard/dashboard.router.ts';
import { operatorRouter } from '../modules/operator/operator.router.ts';
import { sessionsRouter } from '../modules/booking/sessions.router.ts';
import { bookingResourcesRouter } from '../modules/booking/resources.router.ts';
import { calendarFeedsRouter } from '../modules/booking/ical-feeds.router.ts';

export const appRouter = router({
  auth: authRouter,
  invitations: invitationsRouter,
  studio: studioRouter,
  members: membersRouter,
  rooms: roomsRouter,
  dashboard: dashboardRouter,
  operator: operatorRouter,
  sessions: sessionsRouter,
  booking: bookingResourcesRouter,
  calendarFeeds: calendarFeedsRouter,
});

export type AppRouter = typeof appRouter;
