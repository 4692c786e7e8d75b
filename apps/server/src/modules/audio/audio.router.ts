/** Audio procedures for the web app: where and how much to upload, and signed URLs of a version's files. */
import { z } from 'zod';
import { PROCESSING_ERROR_CODES } from './processing-errors.ts';
import { router, studioProcedure } from '../../trpc/init.ts';
import { uploadGateway } from './audio.routes.ts';
import { versionUrls } from './file-urls.ts';

const formats = ['wav', 'aiff', 'flac', 'mp3', 'aac', 'm4a', 'ogg', 'zip'] as const;

export const audioRouter = router({
  uploadConfig: studioProcedure
    .requires('projects:write')
    .output(
      z.object({
        endpoint: z.string(),
        maxBytes: z.number().int(),
        usedBytes: z.number().int(),
        quotaBytes: z.number().int(),
        remainingBytes: z.number().int(),
        formats: z.array(z.enum(formats)),
      }),
    )
    .query(async ({ ctx }) => {
      const { usedBytes, quotaBytes } = await uploadGateway(ctx.platform).usage(ctx.platform, { studio: ctx.studio, actor: ctx.actor });
      return {
        endpoint: `/s/${ctx.studio.slug}/uploads/`,
        maxBytes: ctx.platform.config.UPLOAD_MAX_BYTES,
        usedBytes,
        quotaBytes,
        remainingBytes: Math.max(0, quotaBytes - usedBytes),
        formats: [...formats],
      };
    }),

  versionUrls: studioProcedure
    .requires('projects:read')
    .input(z.object({ versionId: z.string().uuid() }))
    .output(
      z.object({
        versionId: z.string(),
        processing: z.enum(['pending', 'ready', 'failed']),
        processingError: z.string().nullable(),
        processingErrorCode: z.enum(PROCESSING_ERROR_CODES).nullable(),
        audio: z.string(),
        preview: z.string().nullable(),
        peaks: z.string().nullable(),
        playback: z.string(),
        download: z.string().nullable(),
        downloadAllowed: z.boolean(),
        durationMs: z.number().int().nullable(),
        expiresAt: z.string(),
      }),
    )
    .query(async ({ ctx, input }) => versionUrls(ctx.platform, await ctx.tenant(), ctx.studio, input.versionId, 'staff')),
});
