/**
 * Storage reserved by uploads in progress. An upload admitted against the plan's storage quota holds its
 * declared size here until it is finished (the same transaction records its `stored_files` row and drops the
 * reservation), cancelled, discarded, or until `expires_at` passes without activity.
 *
 * Why here, in the studio's own database, and not in the control database: the quota is the sum of this table
 * and `stored_files`, which lives here, so one statement reads both under one snapshot and the finish moves the
 * bytes from reserved to stored in one commit (never counted twice, never missed). Every app server sees the
 * same rows (each server's staging directory does not), and the per-studio lock that serialises admissions
 * (`pg_advisory_xact_lock`, scoped to this database) makes busy studios never wait on each other.
 */
import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const uploadReservations = pgTable(
  'upload_reservations',
  {
    /** The tus upload id (32 hex digits). */
    uploadId: text('upload_id').primaryKey(),
    /** The upload's declared length: the whole of it is reserved from the start. */
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Pushed back by every chunk received; past it the reservation no longer counts (an abandoned upload). */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('upload_reservations_expires_idx').on(t.expiresAt),
    check('upload_reservations_size_nonneg', sql`${t.sizeBytes} >= 0`),
    check('upload_reservations_id_format', sql`${t.uploadId} ~ '^[0-9a-f]{32}$'`),
  ],
);
