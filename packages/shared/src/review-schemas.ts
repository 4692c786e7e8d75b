/**
 * Inputs of the review domain (track versions, timestamped comments), shared by the server procedures
 * and the web forms so a rule is written once.
 */
import { z } from 'zod';
import { multilineText } from './text.ts';

export const VERSION_LABELS = ['demo', 'rough_mix', 'mix', 'master', 'stems', 'other'] as const;
export type VersionLabel = (typeof VERSION_LABELS)[number];

/** Longest comment body (also a CHECK in the database). */
export const COMMENT_MAX_LENGTH = 5000;
/** Longest version note. */
export const VERSION_NOTE_MAX_LENGTH = 2000;

const uuid = z.string().uuid();

export const trackIdInput = z.object({ trackId: uuid });
export const versionIdInput = z.object({ versionId: uuid });

export const versionUpdateInput = z
  .object({
    versionId: uuid,
    label: z.enum(VERSION_LABELS).optional(),
    note: multilineText().max(VERSION_NOTE_MAX_LENGTH).optional(),
  })
  .refine((v) => v.label !== undefined || v.note !== undefined, { message: 'Nothing to change', path: ['label'] });

export const setApprovedMasterInput = z.object({ trackId: uuid, versionId: uuid.nullable() });

const body = multilineText().min(1).max(COMMENT_MAX_LENGTH);
const ms = z
  .number()
  .int()
  .min(0)
  .max(24 * 3600 * 1000);

/** 'internal': the studio's staff only; 'client': also the client, on share pages and in the portal. */
export const COMMENT_VISIBILITIES = ['internal', 'client'] as const;
export type CommentVisibility = (typeof COMMENT_VISIBILITIES)[number];
/** Staff choose when writing; without a choice a staff comment is internal. */
const visibility = z.enum(COMMENT_VISIBILITIES).optional();

export const commentCreateInput = z
  .object({ versionId: uuid, atMs: ms, endMs: ms.nullable().optional(), body, visibility })
  .refine((c) => c.endMs == null || c.endMs > c.atMs, { message: 'The range must end after it starts', path: ['endMs'] });
export type CommentCreateInput = z.output<typeof commentCreateInput>;

export const commentReplyInput = z.object({ parentId: uuid, body, visibility });
export const commentVisibilityInput = z.object({ commentId: uuid, visibility: z.enum(COMMENT_VISIBILITIES) });
export const commentEditInput = z.object({ commentId: uuid, body });
export const commentIdInput = z.object({ commentId: uuid });

export const COMMENT_EXPORT_FORMATS = ['csv', 'audacity', 'reaper'] as const;
export type CommentExportFormat = (typeof COMMENT_EXPORT_FORMATS)[number];
export const commentExportInput = z.object({ versionId: uuid, format: z.enum(COMMENT_EXPORT_FORMATS), includeResolved: z.boolean().default(true) });
