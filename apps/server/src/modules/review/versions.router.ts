/**
 * Version stack procedures (staff). Uploading, processing and signed playback URLs are the audio
 * module's (`audio.versionUrls`); nothing here overwrites or deletes.
 */
import { z } from 'zod';
import { PROCESSING_ERROR_CODES } from '../audio/processing-errors.ts';
import { setApprovedMasterInput, trackIdInput, versionIdInput, versionUpdateInput, VERSION_LABELS } from '@rsm/shared/review-schemas';
import { router, studioProcedure } from '../../trpc/init.ts';
import { okOutput } from '../../trpc/outputs.ts';
import { userNames } from '../members/user-names.ts';
import { listVersions, setApprovedMaster, setCurrentVersion, updateVersion } from './versions.service.ts';

const versionOutput = z.object({
  id: z.string(),
  trackId: z.string(),
  number: z.number().int(),
  label: z.enum(VERSION_LABELS),
  note: z.string(),
  uploadedBy: z.string().nullable(),
  uploaderName: z.string().nullable(),
  createdAt: z.string(),
  processing: z.enum(['pending', 'ready', 'failed']),
  /** A sentence for staff (English; the web app translates by code). Never ffmpeg's words. */
  processingError: z.string().nullable(),
  processingErrorCode: z.enum(PROCESSING_ERROR_CODES).nullable(),
  durationMs: z.number().int().nullable(),
  sampleRate: z.number().int().nullable(),
  channels: z.number().int().nullable(),
  integratedLufs: z.number().nullable(),
  truePeakDb: z.number().nullable(),
  hasPeaks: z.boolean(),
  hasPreview: z.boolean(),
  originalName: z.string(),
  format: z.string(),
  sizeBytes: z.number().int(),
  isCurrent: z.boolean(),
  isApprovedMaster: z.boolean(),
  releaseWhenPaid: z.boolean(),
  comments: z.object({ open: z.number().int(), resolved: z.number().int() }),
});

export const versionsRouter = router({
  list: studioProcedure
    .requires('projects:read')
    .input(trackIdInput)
    .output(
      z.object({
        trackId: z.string(),
        title: z.string(),
        projectId: z.string(),
        currentVersionId: z.string().nullable(),
        approvedMasterVersionId: z.string().nullable(),
        versions: z.array(versionOutput),
      }),
    )
    .query(async ({ ctx, input }) => {
      const stack = await listVersions(await ctx.tenant(), input.trackId);
      const names = await userNames(
        ctx.platform,
        stack.versions.map((v) => v.uploadedBy),
      );
      return { ...stack, versions: stack.versions.map((v) => ({ ...v, uploaderName: v.uploadedBy ? (names.get(v.uploadedBy) ?? null) : null })) };
    }),

  update: studioProcedure
    .requires('projects:write')
    .input(versionUpdateInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await updateVersion(await ctx.tenant(), ctx.actor, input);
      return { ok: true as const };
    }),

  setCurrent: studioProcedure
    .requires('projects:write')
    .input(versionIdInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await setCurrentVersion(await ctx.tenant(), ctx.actor, input.versionId);
      return { ok: true as const };
    }),

  /** `versionId: null` clears the approval. */
  setApprovedMaster: studioProcedure
    .requires('projects:write')
    .input(setApprovedMasterInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await setApprovedMaster(await ctx.tenant(), ctx.actor, input.trackId, input.versionId);
      return { ok: true as const };
    }),
});
