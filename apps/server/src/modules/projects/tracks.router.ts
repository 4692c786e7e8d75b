import { z } from 'zod';
import { idInput } from '@rsm/shared/schemas';
import { createCreditInput, createTrackInput, reorderInput, updateCreditInput, updateTrackInput } from '@rsm/shared/projects-schemas';
import { okOutput } from '../../trpc/outputs.ts';
import { router, studioProcedure } from '../../trpc/init.ts';
import { createCredit, deleteCredit, exportCreditsCsv, listCredits, reorderCredits, updateCredit } from './credits.service.ts';
import { createTrack, deleteTrack, getTrack, listTracks, reorderTracks, updateTrack } from './tracks.service.ts';
import { creditOutput, idOutput, trackDetailOutput, trackOutput } from './projects.views.ts';

const read = studioProcedure.requires('projects:read');
const write = studioProcedure.requires('projects:write');
const ok = { ok: true as const };

export const tracksRouter = router({
  list: read
    .input(z.object({ projectId: z.string().uuid() }))
    .output(z.array(trackOutput))
    .query(async ({ ctx, input }) => listTracks(await ctx.tenant(), input.projectId)),

  get: read
    .input(idInput)
    .output(trackDetailOutput)
    .query(async ({ ctx, input }) => getTrack(await ctx.tenant(), input.id)),

  create: write
    .input(createTrackInput)
    .output(idOutput)
    .mutation(async ({ ctx, input }) => ({ id: await createTrack(await ctx.tenant(), ctx.actor, input.projectId, input.title) })),

  update: write
    .input(updateTrackInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      const { id, ...fields } = input;
      await updateTrack(await ctx.tenant(), ctx.actor, id, fields);
      return ok;
    }),

  reorder: write
    .input(reorderInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await reorderTracks(await ctx.tenant(), ctx.actor, input.parentId, input.ids);
      return ok;
    }),

  delete: write
    .input(idInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await deleteTrack(await ctx.tenant(), ctx.actor, input.id);
      return ok;
    }),
});

export const creditsRouter = router({
  list: read
    .input(z.object({ trackId: z.string().uuid() }))
    .output(z.array(creditOutput))
    .query(async ({ ctx, input }) => listCredits(await ctx.tenant(), input.trackId)),

  create: write
    .input(createCreditInput)
    .output(idOutput)
    .mutation(async ({ ctx, input }) => {
      const { trackId, ...fields } = input;
      return { id: await createCredit(await ctx.tenant(), ctx.actor, trackId, fields) };
    }),

  update: write
    .input(updateCreditInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      const { id, ...fields } = input;
      await updateCredit(await ctx.tenant(), ctx.actor, id, fields);
      return ok;
    }),

  delete: write
    .input(idInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await deleteCredit(await ctx.tenant(), ctx.actor, input.id);
      return ok;
    }),

  reorder: write
    .input(reorderInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await reorderCredits(await ctx.tenant(), ctx.actor, input.parentId, input.ids);
      return ok;
    }),

  /** A query: reading the credits changes nothing. The browser saves `csv` as `filename`. */
  exportCsv: read
    .input(z.object({ projectId: z.string().uuid() }))
    .output(z.object({ filename: z.string(), csv: z.string(), rows: z.number().int() }))
    .query(async ({ ctx, input }) => exportCreditsCsv(await ctx.tenant(), input.projectId)),
});
