import { z } from 'zod';
import { can } from '@rsm/shared/roles';
import { text } from '@rsm/shared/text';
import { router, studioProcedure } from '../../trpc/init.ts';
import { createFeed, listFeeds, revokeFeed } from './ical-feeds.service.ts';
import { okOutput } from '../../trpc/outputs.ts';

const scope = z.enum(['studio', 'room', 'engineer']);

export const calendarFeedsRouter = router({
  list: studioProcedure
    .requires('sessions:read')
    .output(
      z.array(
        z.object({
          id: z.string(),
          scope,
          resourceId: z.string().nullable(),
          label: z.string(),
          createdAt: z.string(),
          createdBy: z.string().nullable(),
          createdByName: z.string().nullable(),
        }),
      ),
    )
    .query(async ({ ctx }) => (await listFeeds(ctx.platform, ctx.studio.id)).map((f) => ({ ...f, createdAt: f.createdAt.toISOString() }))),

  /** The URL is shown once: only its hash is kept. */
  create: studioProcedure
    .requires('sessions:read')
    .input(z.object({ scope, resourceId: z.string().uuid().nullable().optional(), label: text().max(80).default('') }))
    .output(z.object({ id: z.string(), url: z.string() }))
    .mutation(async ({ ctx, input }) => createFeed(ctx.platform, await ctx.tenant(), ctx.studio, ctx.actor, input)),

  revoke: studioProcedure
    .requires('sessions:read')
    .input(z.object({ id: z.string().uuid() }))
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await revokeFeed(ctx.platform, ctx.studio.id, ctx.actor, input.id, can(ctx.actor.role, 'resources:write'));
      return { ok: true as const };
    }),
});
