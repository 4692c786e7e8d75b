/**
 * Music projects: a client's single, EP, album…, its tracks and every version of every track.
 * Files themselves live in the studio's storage (local disk or S3); `stored_files` records them so
 * quota, checksums and authorization are answered from the database.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clients, sessions } from './booking.ts';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const PROJECT_TYPES = ['single', 'ep', 'album', 'podcast', 'other'] as const;
export const PROJECT_STAGES = ['pre_production', 'recording', 'editing', 'mixing', 'mastering', 'delivered'] as const;
export const projectTypeEnum = pgEnum('project_type', PROJECT_TYPES);
export const projectStageEnum = pgEnum('project_stage', PROJECT_STAGES);

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'set null' }),
    type: projectTypeEnum('type').notNull().default('single'),
    stage: projectStageEnum('stage').notNull().default('pre_production'),
    /** Order of the card inside its Kanban column (fractional, so a drag writes one row). */
    stagePosition: real('stage_position').notNull().default(0),
    dueDate: date('due_date'),
    budgetCents: bigint('budget_cents', { mode: 'number' }),
    currency: text('currency').notNull(),
    notes: text('notes').notNull().default(''),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    ...timestamps,
  },
  (t) => [
    check('projects_budget_nonneg', sql`${t.budgetCents} IS NULL OR ${t.budgetCents} >= 0`),
    index('projects_board_idx')
      .on(t.stage, t.stagePosition)
      .where(sql`${t.archivedAt} is null`),
    index('projects_client_idx').on(t.clientId),
  ],
);

/** Staff on a project (user ids of the control database) and what they do there. */
export const projectMembers = pgTable(
  'project_members',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    role: text('role').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index('project_members_user_idx').on(t.userId)],
);

export const projectSessions = pgTable(
  'project_sessions',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.sessionId] }), index('project_sessions_session_idx').on(t.sessionId)],
);

export const tracks = pgTable(
  'tracks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** Track number on the release; the list order. */
    position: integer('position').notNull(),
    title: text('title').notNull(),
    isrc: text('isrc').notNull().default(''),
    bpm: numeric('bpm', { precision: 6, scale: 2 }),
    musicalKey: text('musical_key').notNull().default(''),
    durationSeconds: integer('duration_seconds'),
    /** Progress per stage: { recording: 'todo' | 'in_progress' | 'done', … }. */
    stageStatus: jsonb('stage_status')
      .$type<Record<string, 'todo' | 'in_progress' | 'done'>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    lyrics: text('lyrics').notNull().default(''),
    notes: text('notes').notNull().default(''),
    currentVersionId: uuid('current_version_id'),
    approvedMasterVersionId: uuid('approved_master_version_id'),
    ...timestamps,
  },
  (t) => [index('tracks_project_idx').on(t.projectId, t.position), check('tracks_bpm_pos', sql`${t.bpm} IS NULL OR ${t.bpm} > 0`)],
);

/** A file the studio stores (audio version, stems archive…). `storage_key` is relative to the studio's storage root. */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storageKey: text('storage_key').notNull(),
    originalName: text('original_name').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    /** Detected from the content, not from the name: wav, aiff, flac, mp3, m4a, ogg, zip. */
    format: text('format').notNull(),
    mimeType: text('mime_type').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('stored_files_key_idx').on(t.storageKey), check('stored_files_size_nonneg', sql`${t.sizeBytes} >= 0`)],
);

export const VERSION_LABELS = ['demo', 'rough_mix', 'mix', 'master', 'stems', 'other'] as const;
export const versionLabelEnum = pgEnum('version_label', VERSION_LABELS);
export const versionProcessingEnum = pgEnum('version_processing', ['pending', 'ready', 'failed']);

/** Every upload of a track is a new version; nothing is overwritten. */
export const trackVersions = pgTable(
  'track_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trackId: uuid('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    label: versionLabelEnum('label').notNull().default('mix'),
    note: text('note').notNull().default(''),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    /** Filled by the processing job: audio facts, loudness, peaks and preview files. */
    processing: versionProcessingEnum('processing').notNull().default('pending'),
    processingError: text('processing_error'),
    durationMs: integer('duration_ms'),
    sampleRate: integer('sample_rate'),
    channels: integer('channels'),
    /** Integrated loudness (EBU R128, LUFS) and true peak (dBTP), for level-matched A/B. */
    integratedLufs: real('integrated_lufs'),
    truePeakDb: real('true_peak_db'),
    peaksKey: text('peaks_key'),
    previewKey: text('preview_key'),
    /** "Deliverable, released when paid": downloads stay locked until the linked invoice is paid. */
    releaseWhenPaid: boolean('release_when_paid').notNull().default(false),
    invoiceId: uuid('invoice_id'),
    uploadedBy: uuid('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('track_versions_number_idx').on(t.trackId, t.number), check('track_versions_number_pos', sql`${t.number} > 0`)],
);
