/**
 * Review of track versions: timestamped comments (a point, or a range with `end_ms`) at a position of
 * one version, with one level of replies. Staff and the studio's clients (portal / share page) both
 * write them, so the author is a kind + id + the name shown at the time (a snapshot: renaming a client
 * later does not rewrite the conversation). Nothing is hard-deleted: `deleted_at` hides the text.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { trackVersions } from './projects.ts';

export const COMMENT_AUTHOR_KINDS = ['staff', 'client'] as const;
/** Who may read a comment: the studio's staff only, or the client too (portal and share pages). */
export const COMMENT_VISIBILITIES = ['internal', 'client'] as const;
export const commentAuthorKindEnum = pgEnum('comment_author_kind', COMMENT_AUTHOR_KINDS);

export const versionComments = pgTable(
  'version_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => trackVersions.id, { onDelete: 'cascade' }),
    /** The thread's first comment; null for a thread root. Replies to a reply attach to the root. */
    parentId: uuid('parent_id').references((): AnyPgColumn => versionComments.id, { onDelete: 'cascade' }),
    authorKind: commentAuthorKindEnum('author_kind').notNull(),
    /** A control-database user id (staff) or a tenant client id (client). */
    authorId: uuid('author_id').notNull(),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    /** Position in the version, in milliseconds; a reply carries its thread's position. */
    atMs: integer('at_ms').notNull(),
    /** End of a range comment; null for a point. */
    endMs: integer('end_ms'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedByKind: commentAuthorKindEnum('resolved_by_kind'),
    resolvedById: uuid('resolved_by_id'),
    resolvedByName: text('resolved_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** 'internal' (staff only, the default for staff) or 'client' (also on share pages and in the portal). */
    visibility: text('visibility', { enum: COMMENT_VISIBILITIES }).notNull().default('internal'),
    /** Set when the engineers were told about it (mails are batched per version). */
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
  },
  (t) => [
    check('version_comments_at_nonneg', sql`${t.atMs} >= 0`),
    check('version_comments_range', sql`${t.endMs} IS NULL OR ${t.endMs} > ${t.atMs}`),
    check('version_comments_body_len', sql`char_length(${t.body}) BETWEEN 1 AND 5000`),
    check('version_comments_visibility', sql`${t.visibility} IN ('internal', 'client')`),
    // The comments pane and the waveform markers read a version's threads in time order.
    index('version_comments_version_time_idx').on(t.versionId, t.atMs, t.createdAt),
    index('version_comments_parent_idx').on(t.parentId),
    // The notification job claims a version's comments nobody was told about yet.
    index('version_comments_unnotified_idx')
      .on(t.versionId)
      .where(sql`${t.notifiedAt} IS NULL`),
  ],
);
