/** Output shapes of the sharing procedures (staff, public share page, portal). */
import { z } from 'zod';
import { SHARE_STATUSES, SHARE_TARGET_KINDS } from '@rsm/shared/sharing-schemas';

export const shareLinkOutput = z.object({
  id: z.string(),
  targetKind: z.enum(SHARE_TARGET_KINDS),
  trackTitle: z.string().nullable(),
  versionNumber: z.number().nullable(),
  recipientName: z.string(),
  recipientEmail: z.string(),
  clientId: z.string().nullable(),
  clientName: z.string().nullable(),
  hasPassword: z.boolean(),
  allowDownload: z.boolean(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  status: z.enum(SHARE_STATUSES),
  viewCount: z.number(),
  playCount: z.number(),
  downloadCount: z.number(),
  lastAccessedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const createdLinkOutput = z.object({
  id: z.string(),
  url: z.string(),
  recipientName: z.string(),
  recipientEmail: z.string(),
  clientId: z.string().nullable(),
});

export const shareActivityOutput = z.array(
  z.object({ kind: z.enum(['view', 'play', 'download']), at: z.string(), versionNumber: z.number().nullable(), trackTitle: z.string().nullable() }),
);

export const deliverableStatusOutput = z.object({ versionId: z.string(), releaseWhenPaid: z.boolean(), invoiceId: z.string().nullable(), locked: z.boolean() });

const versionDownload = z.discriminatedUnion('state', [
  z.object({ state: z.literal('available'), url: z.string() }),
  z.object({ state: z.literal('stream_only') }),
  z.object({ state: z.literal('locked'), reason: z.string() }),
]);

export const sharedItemOutput = z.object({
  linkId: z.string(),
  targetKind: z.enum(SHARE_TARGET_KINDS),
  projectName: z.string(),
  recipientName: z.string(),
  allowDownload: z.boolean(),
  expiresAt: z.string().nullable(),
  canComment: z.boolean(),
  tracks: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      position: z.number(),
      versions: z.array(
        z.object({
          id: z.string(),
          number: z.number(),
          label: z.string(),
          note: z.string(),
          durationMs: z.number().nullable(),
          ready: z.boolean(),
          createdAt: z.string(),
          streamUrl: z.string(),
          peaksUrl: z.string().nullable(),
          download: versionDownload,
        }),
      ),
    }),
  ),
});

export const studioBrandingOutput = z.object({ name: z.string(), slug: z.string(), brandColor: z.string(), hasLogo: z.boolean() });

export const openShareOutput = z.discriminatedUnion('state', [
  z.object({ state: z.literal('password_required'), studio: studioBrandingOutput }),
  z.object({ state: z.literal('open'), studio: studioBrandingOutput, grant: z.string().nullable(), item: sharedItemOutput }),
]);

// Comments on shared items are the review module's comments, answered in the same shapes.
export { commentOutput as commentViewOutput, threadsOutput as commentThreadsOutput } from '../review/comments.router.ts';
