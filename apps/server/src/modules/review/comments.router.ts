/** Comment procedures for staff: the logged-in member is the author. Clients go through the share page / portal. */
import { z } from 'zod';
import {
  COMMENT_VISIBILITIES,
  commentCreateInput,
  commentEditInput,
  commentExportInput,
  commentIdInput,
  commentReplyInput,
  commentVisibilityInput,
  versionIdInput,
} from '@rsm/shared/review-schemas';
import { router, studioProcedure } from '../../trpc/init.ts';
import { okOutput } from '../../trpc/outputs.ts';
import type { Actor } from '../studios/studio-context.ts';
import {
  createComment,
  deleteComment,
  editComment,
  listThreads,
  replyToComment,
  setCommentVisibility,
  setThreadResolved,
  type CommentAuthor,
} from './comments.service.ts';
import { exportThreads } from './comments.export.ts';
import { queueCommentNotice } from './review.notifications.ts';
import { loadVersion } from './versions.service.ts';

const staff = (actor: Actor): CommentAuthor => ({ kind: 'staff', id: actor.userId, name: actor.name });

export const commentOutput = z.object({
  id: z.string(),
  versionId: z.string(),
  parentId: z.string().nullable(),
  author: z.object({ kind: z.enum(['staff', 'client']), id: z.string(), name: z.string() }),
  body: z.string(),
  visibility: z.enum(COMMENT_VISIBILITIES),
  atMs: z.number().int(),
  endMs: z.number().int().nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
  resolvedAt: z.string().nullable(),
  resolvedByName: z.string().nullable(),
});
export const threadsOutput = z.object({ durationMs: z.number().int().nullable(), threads: z.array(commentOutput.extend({ replies: z.array(commentOutput) })) });

export const commentsRouter = router({
  list: studioProcedure
    .requires('projects:read')
    .input(versionIdInput)
    .output(threadsOutput)
    .query(async ({ ctx, input }) => listThreads(await ctx.tenant(), input.versionId)),

  create: studioProcedure
    .requires('projects:write')
    .input(commentCreateInput)
    .output(commentOutput)
    .mutation(async ({ ctx, input }) => {
      const comment = await createComment(await ctx.tenant(), staff(ctx.actor), input);
      await queueCommentNotice(ctx.platform, ctx.studio.id, comment.versionId);
      return comment;
    }),

  reply: studioProcedure
    .requires('projects:write')
    .input(commentReplyInput)
    .output(commentOutput)
    .mutation(async ({ ctx, input }) => {
      const comment = await replyToComment(await ctx.tenant(), staff(ctx.actor), input);
      await queueCommentNotice(ctx.platform, ctx.studio.id, comment.versionId);
      return comment;
    }),

  edit: studioProcedure
    .requires('projects:write')
    .input(commentEditInput)
    .output(commentOutput)
    .mutation(async ({ ctx, input }) => editComment(await ctx.tenant(), staff(ctx.actor), input, ctx.platform.clock.now())),

  delete: studioProcedure
    .requires('projects:write')
    .input(commentIdInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await deleteComment(await ctx.tenant(), staff(ctx.actor), input.commentId, ctx.platform.clock.now());
      return { ok: true as const };
    }),

  /** Share a staff comment with the client, or make it internal again. */
  setVisibility: studioProcedure
    .requires('projects:write')
    .input(commentVisibilityInput)
    .output(commentOutput)
    .mutation(async ({ ctx, input }) => setCommentVisibility(await ctx.tenant(), staff(ctx.actor), input.commentId, input.visibility)),

  resolve: studioProcedure
    .requires('projects:write')
    .input(commentIdInput)
    .output(commentOutput)
    .mutation(async ({ ctx, input }) => setThreadResolved(await ctx.tenant(), staff(ctx.actor), input.commentId, true, ctx.platform.clock.now())),

  reopen: studioProcedure
    .requires('projects:write')
    .input(commentIdInput)
    .output(commentOutput)
    .mutation(async ({ ctx, input }) => setThreadResolved(await ctx.tenant(), staff(ctx.actor), input.commentId, false, ctx.platform.clock.now())),

  /** The file's text, its name and type; the browser saves it (no storage, nothing to clean up). */
  export: studioProcedure
    .requires('projects:read')
    .input(commentExportInput)
    .output(z.object({ filename: z.string(), mimeType: z.string(), content: z.string() }))
    .query(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const { version, track } = await loadVersion(db, input.versionId);
      const { threads } = await listThreads(db, input.versionId);
      return exportThreads(threads, input.format, { trackTitle: track.title, versionNumber: version.number }, input.includeResolved);
    }),
});
