/**
 * The public share page's procedures (studio from the URL, no user). The link token is the credential;
 * a password-protected link also needs the unlock grant `open` returned after the right password.
 */
import { READS_IN_READ_ONLY } from '../../trpc/read-only-meta.ts';
import { z } from 'zod';
import { shareCommentInput, shareTokenSchema } from '@rsm/shared/sharing-schemas';
import { publicStudioProcedure, router } from '../../trpc/init.ts';
import { okOutput } from '../../trpc/outputs.ts';
import { linkNotValid, openShare, PLAY_DEDUPE_SECONDS, recordShareEvent, requireOpenLink } from './share-access.service.ts';
import { addShareComment, listShareComments } from './share-comments.service.ts';
import { versionReachableByLink } from './share-view.ts';
import { commentThreadsOutput, commentViewOutput, openShareOutput } from './sharing.schemas.ts';

const access = { token: shareTokenSchema, grant: z.string().max(200).nullable().optional() };

export const shareRouter = router({
  open: publicStudioProcedure
    .meta(READS_IN_READ_ONLY)
    .input(z.object({ ...access, password: z.string().max(200).nullable().optional() }))
    .output(openShareOutput)
    .mutation(async ({ ctx, input }) => openShare(ctx.platform, await ctx.tenant(), ctx.studio, ctx.ip, input)),

  /** Called when playback starts; repeated starts within a few seconds count once. */
  recordPlay: publicStudioProcedure
    .meta(READS_IN_READ_ONLY)
    .input(z.object({ ...access, versionId: z.string().uuid() }))
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const link = await requireOpenLink(ctx.platform, db, ctx.ip, input);
      if (!(await versionReachableByLink(db, link, input.versionId))) throw linkNotValid();
      await recordShareEvent(ctx.platform, db, link, 'play', input.versionId, PLAY_DEDUPE_SECONDS);
      return { ok: true as const };
    }),

  comments: publicStudioProcedure
    .input(z.object({ ...access, versionId: z.string().uuid() }))
    .output(commentThreadsOutput)
    .query(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      return listShareComments(db, await requireOpenLink(ctx.platform, db, ctx.ip, input), input.versionId);
    }),

  comment: publicStudioProcedure
    .input(shareCommentInput.extend(access))
    .output(commentViewOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      return addShareComment(db, await requireOpenLink(ctx.platform, db, ctx.ip, input), input);
    }),
});
