/**
 * Music projects, tracks and credits: the rules shared by the API and the forms. Messages are i18n
 * keys (`errors.*` in the common file, `projects.errors.*` in the projects domain file).
 */
import { z } from 'zod';
import { multilineText, text } from './text.ts';
import { centsSchema } from './schemas.ts';

export const PROJECT_TYPES = ['single', 'ep', 'album', 'podcast', 'other'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];
/** The Kanban columns, in order. */
export const PROJECT_STAGES = ['pre_production', 'recording', 'editing', 'mixing', 'mastering', 'delivered'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];
/** The stages a single track goes through (pre-production and delivery are the project's). */
export const TRACK_STAGES = ['recording', 'editing', 'mixing', 'mastering'] as const;
export type TrackStage = (typeof TRACK_STAGES)[number];
export const TRACK_STAGE_STATUSES = ['todo', 'in_progress', 'done'] as const;
export type TrackStageStatus = (typeof TRACK_STAGE_STATUSES)[number];

const TONICS = ['C', 'C#', 'Db', 'D', 'D#', 'Eb', 'E', 'F', 'F#', 'Gb', 'G', 'G#', 'Ab', 'A', 'A#', 'Bb', 'B'] as const;
/** "F# minor", "Bb major"…: both spellings of a black key, as musicians write either. */
export const MUSICAL_KEYS = TONICS.flatMap((tonic) => [`${tonic} major`, `${tonic} minor`]);

export const CREDIT_ROLES = [
  'producer',
  'co_producer',
  'executive_producer',
  'engineer',
  'recording_engineer',
  'mixing_engineer',
  'mastering_engineer',
  'assistant_engineer',
  'musician',
  'vocalist',
  'background_vocalist',
  'featured_artist',
  'songwriter',
  'composer',
  'lyricist',
  'arranger',
  'programmer',
] as const;
export type CreditRole = (typeof CREDIT_ROLES)[number];

export const projectStageSchema = z.enum(PROJECT_STAGES, { message: 'errors.invalid_value' });
export const projectTypeSchema = z.enum(PROJECT_TYPES, { message: 'errors.invalid_value' });

const uuid = z.string().uuid('errors.invalid_value');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.invalid_value')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'errors.invalid_value');
/** Notes and lyrics keep their leading spaces (indented verses). */
const longText = (max: number) => multilineText({ trim: false }).max(max, 'errors.too_long');

/** ISRC without separators and upper-cased: CC XXX YY NNNNN → 12 characters. */
export function normaliseIsrc(value: string): string {
  return value
    .replace(/^ISRC[\s:]*/i, '')
    .replace(/[\s-]/g, '')
    .toUpperCase();
}
const ISRC_PATTERN = /^[A-Z]{2}[A-Z0-9]{3}\d{7}$/;
export function isValidIsrc(value: string): boolean {
  return ISRC_PATTERN.test(normaliseIsrc(value));
}
/** The display form, CC-XXX-YY-NNNNN; anything not a valid ISRC is returned as it is. */
export function formatIsrc(value: string): string {
  const compact = normaliseIsrc(value);
  if (!ISRC_PATTERN.test(compact)) return value;
  return `${compact.slice(0, 2)}-${compact.slice(2, 5)}-${compact.slice(5, 7)}-${compact.slice(7)}`;
}
/** Empty (not assigned yet) or a valid ISRC, stored in its compact form. */
export const isrcSchema = z
  .string()
  .trim()
  .transform(normaliseIsrc)
  .refine((value) => value === '' || ISRC_PATTERN.test(value), 'projects.errors.isrc_invalid');

/** True when `value` has at most two decimals (checked in hundredths, away from float noise). */
export function hasAtMostTwoDecimals(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
}
export const bpmSchema = z
  .number({ message: 'projects.errors.bpm_invalid' })
  .gt(0, 'projects.errors.bpm_invalid')
  .max(999.99, 'projects.errors.bpm_invalid')
  .refine(hasAtMostTwoDecimals, 'projects.errors.bpm_invalid');
export const musicalKeySchema = z.union([z.literal(''), z.enum(MUSICAL_KEYS as [string, ...string[]], { message: 'errors.invalid_value' })]);
export const durationSecondsSchema = z
  .number()
  .int('projects.errors.duration_invalid')
  .min(1, 'projects.errors.duration_invalid')
  .max(86_400, 'projects.errors.duration_invalid');
export const stageStatusSchema = z.partialRecord(z.enum(TRACK_STAGES), z.enum(TRACK_STAGE_STATUSES));

/** Share in percent with two decimals; the database refuses a track whose shares pass 100. */
export const splitPercentSchema = z
  .number({ message: 'projects.errors.split_invalid' })
  .min(0, 'projects.errors.split_invalid')
  .max(100, 'projects.errors.split_invalid')
  .refine(hasAtMostTwoDecimals, 'projects.errors.split_invalid');

/** Shares added up in hundredths, so 33.33 + 33.33 + 33.34 is exactly 100. */
export function splitTotalHundredths(splits: readonly (number | null | undefined)[]): number {
  return splits.reduce<number>((sum, split) => sum + (split == null ? 0 : Math.round(split * 100)), 0);
}

export const projectMemberInput = z.object({ userId: uuid, role: text().max(60, 'errors.too_long').default('') });

/** Every field of a project, as an update replaces them (no defaults: nothing is reset by omission). */
export const projectFieldsInput = z.object({
  name: text().min(1, 'errors.required').max(160, 'errors.too_long'),
  clientId: uuid.nullable(),
  type: projectTypeSchema,
  dueDate: isoDate.nullable(),
  budgetCents: centsSchema.nullable(),
  notes: longText(20_000),
});
const f = projectFieldsInput.shape;
export const createProjectInput = z.object({
  name: f.name,
  clientId: f.clientId.default(null),
  type: f.type.default('single'),
  dueDate: f.dueDate.default(null),
  budgetCents: f.budgetCents.default(null),
  notes: f.notes.default(''),
  stage: projectStageSchema.default('pre_production'),
  members: z.array(projectMemberInput).max(50, 'errors.too_long').default([]),
});
export type CreateProjectInput = z.input<typeof createProjectInput>;
export const updateProjectInput = projectFieldsInput.extend({ id: uuid });

export const PROJECT_SORTS = ['updated', 'name', 'due', 'stage', 'client', 'created'] as const;
export const listProjectsInput = z.object({
  search: text().max(100, 'errors.too_long').default(''),
  stages: z.array(projectStageSchema).max(PROJECT_STAGES.length).default([]),
  types: z.array(projectTypeSchema).max(PROJECT_TYPES.length).default([]),
  clientId: uuid.nullable().default(null),
  archived: z.enum(['active', 'archived', 'all']).default('active'),
  sort: z.enum(PROJECT_SORTS).default('updated'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export type ListProjectsInput = z.input<typeof listProjectsInput>;

/** Drop a card in `stage` right after `afterId` (null: at the top), or right before `beforeId`; neither: at the bottom. */
export const moveProjectInput = z.object({ id: uuid, stage: projectStageSchema, afterId: uuid.nullable().optional(), beforeId: uuid.nullable().optional() });
export const setProjectMembersInput = z.object({ projectId: uuid, members: z.array(projectMemberInput).max(50, 'errors.too_long') });
export const projectSessionInput = z.object({ projectId: uuid, sessionId: uuid });
export const projectNotesInput = z.object({ id: uuid, notes: longText(20_000) });

/** No defaults here: an update changes only the fields it names (a default would wipe the others). */
export const trackFieldsInput = z.object({
  title: text().min(1, 'errors.required').max(200, 'errors.too_long'),
  isrc: isrcSchema,
  bpm: bpmSchema.nullable(),
  musicalKey: musicalKeySchema,
  durationSeconds: durationSecondsSchema.nullable(),
  stageStatus: stageStatusSchema,
  lyrics: longText(50_000),
  notes: longText(20_000),
});
export const createTrackInput = z.object({ projectId: uuid, title: trackFieldsInput.shape.title });
/** A partial update: only the fields given change. `number` moves the track to that position. */
export const updateTrackInput = trackFieldsInput.partial().extend({ id: uuid, number: z.number().int().min(1, 'errors.invalid_value').max(10_000).optional() });
export const reorderInput = z.object({ parentId: uuid, ids: z.array(uuid).min(1).max(1000) });

const nameList = (max: number) => z.array(text().min(1, 'errors.required').max(60, 'errors.too_long')).max(max, 'errors.too_long');
/** Every field of a credit: an update replaces them all (no defaults). */
export const creditFieldsInput = z.object({
  personName: text().min(1, 'errors.required').max(160, 'errors.too_long'),
  clientId: uuid.nullable(),
  roles: z
    .array(z.enum(CREDIT_ROLES, { message: 'errors.invalid_value' }))
    .min(1, 'projects.errors.role_required')
    .max(CREDIT_ROLES.length),
  instruments: nameList(20),
  splitPercent: splitPercentSchema.nullable(),
});
const c = creditFieldsInput.shape;
export const createCreditInput = creditFieldsInput.extend({
  trackId: uuid,
  clientId: c.clientId.default(null),
  instruments: c.instruments.default([]),
  splitPercent: c.splitPercent.default(null),
});
export const updateCreditInput = creditFieldsInput.extend({ id: uuid });
