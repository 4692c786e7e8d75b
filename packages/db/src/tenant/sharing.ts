/**
 * Share links: a version, a track or a whole project opened by a secret link, per recipient, with an
 * optional password and expiry, stream-only or downloadable, revocable. Only the token's SHA-256 is
 * stored (the link is shown once). Events feed the per-link play / download counts and activity list.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clients } from './booking.ts';
import { projects, trackVersions, tracks } from './projects.ts';

export const SHARE_TARGET_KINDS = ['version', 'track', 'project'] as const;
export const shareTargetKindEnum = pgEnum('share_target_kind', SHARE_TARGET_KINDS);
export const SHARE_EVENT_KINDS = ['view', 'play', 'download'] as const;
export const shareEventKindEnum = pgEnum('share_event_kind', SHARE_EVENT_KINDS);

export const shareLinks = pgTable(
  'share_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    targetKind: shareTargetKindEnum('target_kind').notNull(),
    /**
     * The target's project, track and version, as foreign keys so deleting a track or version removes its
     * links (no dangling link): a project link has only project_id, a track link also track_id, a version
     * link all three.
     */
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    trackId: uuid('track_id').references(() => tracks.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id').references(() => trackVersions.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    recipientName: text('recipient_name').notNull().default(''),
    recipientEmail: text('recipient_email').notNull().default(''),
    /** When the recipient is a client, the shared item also appears in their portal. */
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'set null' }),
    /** argon2id; null = no password. */
    passwordHash: text('password_hash'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    allowDownload: boolean('allow_download').notNull().default(false),
    viewCount: integer('view_count').notNull().default(0),
    playCount: integer('play_count').notNull().default(0),
    downloadCount: integer('download_count').notNull().default(0),
    lastAccessedAt: timestamp('last_accessed_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'share_links_target_shape',
      sql`(${t.targetKind} = 'project' AND ${t.trackId} IS NULL AND ${t.versionId} IS NULL)
        OR (${t.targetKind} = 'track' AND ${t.trackId} IS NOT NULL AND ${t.versionId} IS NULL)
        OR (${t.targetKind} = 'version' AND ${t.trackId} IS NOT NULL AND ${t.versionId} IS NOT NULL)`,
    ),
    check('share_links_counts_nonneg', sql`${t.viewCount} >= 0 AND ${t.playCount} >= 0 AND ${t.downloadCount} >= 0`),
    // Staff list the links of a project / track / version, newest first.
    index('share_links_project_idx').on(t.projectId, t.createdAt.desc()),
    index('share_links_track_idx').on(t.trackId),
    index('share_links_version_idx').on(t.versionId),
    // The portal lists a client's live links.
    index('share_links_client_idx')
      .on(t.clientId)
      .where(sql`${t.revokedAt} IS NULL`),
  ],
);

export const shareLinkEvents = pgTable(
  'share_link_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    linkId: uuid('link_id')
      .notNull()
      .references(() => shareLinks.id, { onDelete: 'cascade' }),
    kind: shareEventKindEnum('kind').notNull(),
    /** The version played or downloaded (null for a view of the link). */
    versionId: uuid('version_id').references(() => trackVersions.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Activity list newest first, and the play de-duplication lookup (latest play of a link).
  (t) => [index('share_link_events_link_at_idx').on(t.linkId, t.at.desc())],
);
