import { z } from 'zod';
import { router, studioProcedure } from '../../trpc/init.ts';
import { roomOutput } from '../rooms/rooms.router.ts';
import { dashboardSummary } from './dashboard.service.ts';
import { nextSteps } from './next-steps.service.ts';

export const dashboardRouter = router({
  summary: studioProcedure
    .requires('studio:read')
    .output(
      z.object({
        plan: z.enum(['starter', 'pro', 'enterprise']),
        trialEndsAt: z.string().nullable(),
        trialDaysLeft: z.number().int().nullable(),
        roomsActive: z.number().int(),
        membersCount: z.number().int(),
        rooms: z.array(roomOutput),
      }),
    )
    .query(async ({ ctx }) => dashboardSummary(ctx.platform, await ctx.tenant(), ctx.studio)),

  /** Each step of getting started, done or not (the dashboard's checklist). */
  nextSteps: studioProcedure
    .requires('studio:read')
    .output(z.object({ firstSession: z.boolean(), openingHours: z.boolean(), bookingPage: z.boolean(), team: z.boolean() }))
    .query(async ({ ctx }) => nextSteps(ctx.platform, await ctx.tenant(), ctx.studio)),
});
