/** `portalShares.*`: what the studio shared with the logged-in portal client (their own and their companies'). */
import { READS_IN_READ_ONLY } from '../../trpc/read-only-meta.ts';
import { z } from 'zod';
import { SHARE_TARGET_KINDS, shareCommentInput } from '@rsm/shared/sharing-schemas';
import { router } from '../../trpc/init.ts';
import { okOutput } from '../../trpc/outputs.ts';
import { portalProcedure } from '../../trpc/portal-procedure.ts';
import { linkNotValid, PLAY_DEDUPE_SECONDS, recordShareEvent, sharedItemView } from './share-access.service.ts';
import { addShareComment, listShareComments } from './share-comments.service.ts';
import { versionReachableByLink } from './share-view.ts';
import { listPortalShares, portalLink } from './portal-shares.service.ts';
import { commentThreadsOutput, commentViewOutput, sharedItemOutput } from './sharing.schemas.ts';

const linkId = z.string().uuid();

export const portalSharesRouter = router({
  list: portalProcedure
    .output(
      z.array(
        z.object({
          linkId: z.string(),
          targetKind: z.enum(SHARE_TARGET_KINDS),
          projectName: z.string(),
          trackTitle: z.string().nullable(),
          versionNumber: z.number().nullable(),
          companyName: z.string().nullable(),
          allowDownload: z.boolean(),
          expiresAt: z.string().nullable(),
          sharedAt: z.string(),
        }),
      ),
    )
    .query(async ({ ctx }) => listPortalShares(ctx.platform, await ctx.tenant(), ctx.client)),

  open: portalProcedure
    .input(z.object({ linkId }))
    .output(sharedItemOutput)
    .query(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const link = await portalLink(ctx.platform, db, ctx.client, input.linkId);
      const item = await sharedItemView(ctx.platform, db, ctx.studio, link);
      // In the portal the client is known: they may always comment.
      return { ...item, canComment: true };
    }),

  recordPlay: portalProcedure
    .meta(READS_IN_READ_ONLY)
    .input(z.object({ linkId, versionId: z.string().uuid() }))
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const link = await portalLink(ctx.platform, db, ctx.client, input.linkId);
      if (!(await versionReachableByLink(db, link, input.versionId))) throw linkNotValid();
      await recordShareEvent(ctx.platform, db, link, 'play', input.versionId, PLAY_DEDUPE_SECONDS);
      return { ok: true as const };
    }),

  comments: portalProcedure
    .input(z.object({ linkId, versionId: z.string().uuid() }))
    .output(commentThreadsOutput)
    .query(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      return listShareComments(db, await portalLink(ctx.platform, db, ctx.client, input.linkId), input.versionId);
    }),

  comment: portalProcedure
    .input(shareCommentInput.extend({ linkId }))
    .output(commentViewOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const link = await portalLink(ctx.platform, db, ctx.client, input.linkId);
      return addShareComment(db, link, input, { kind: 'client', id: ctx.client.id, name: ctx.client.name });
    }),
});
