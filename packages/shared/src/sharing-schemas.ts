/** Share links and deliverables: inputs shared by the API and the share dialog. */
import { z } from 'zod';
import { text, multilineText } from './text.ts';

const uuid = z.string().uuid();

export const SHARE_TARGET_KINDS = ['version', 'track', 'project'] as const;
export type ShareTargetKind = (typeof SHARE_TARGET_KINDS)[number];
export const shareTargetSchema = z.object({ kind: z.enum(SHARE_TARGET_KINDS), id: uuid });
export type ShareTarget = z.infer<typeof shareTargetSchema>;

export const SHARE_STATUSES = ['active', 'expired', 'revoked'] as const;
export type ShareStatus = (typeof SHARE_STATUSES)[number];

/** The link secret as it appears in a URL (base64url of 32 bytes). */
export const shareTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'errors.invalid_value');

export const sharePasswordSchema = z.string().min(4, 'sharing.errors.password_too_short').max(200, 'errors.too_long');

export const shareRecipientSchema = z.object({
  name: text().max(120, 'errors.too_long').default(''),
  email: z.union([z.literal(''), z.string().trim().toLowerCase().email('errors.email_invalid').max(254, 'errors.too_long')]).default(''),
  /** A client of the studio: the item then also appears in their portal. */
  clientId: uuid.nullable().optional(),
});

export const createShareLinksInput = z.object({
  target: shareTargetSchema,
  /** One link per recipient (each with its own counts); none = one link for anyone who has it. */
  recipients: z.array(shareRecipientSchema).max(20, 'sharing.errors.too_many_recipients').default([]),
  /** Applies to every recipient that names no client of its own. */
  clientId: uuid.nullable().optional(),
  password: sharePasswordSchema.nullable().optional(),
  expiresAt: z.string().datetime({ offset: true, message: 'errors.datetime_invalid' }).nullable().optional(),
  allowDownload: z.boolean().default(false),
});
export type CreateShareLinksInput = z.input<typeof createShareLinksInput>;

export const setShareExpiryInput = z.object({
  id: uuid,
  expiresAt: z.string().datetime({ offset: true, message: 'errors.datetime_invalid' }).nullable(),
});

export const setReleaseWhenPaidInput = z.object({
  versionId: uuid,
  releaseWhenPaid: z.boolean(),
  invoiceId: uuid.nullable().optional(),
});

export const shareCommentInput = z.object({
  versionId: uuid,
  body: multilineText().min(1, 'errors.required').max(5000, 'errors.too_long'),
  atMs: z.number().int().min(0),
  endMs: z.number().int().min(1).nullable().optional(),
  parentId: uuid.nullable().optional(),
});
