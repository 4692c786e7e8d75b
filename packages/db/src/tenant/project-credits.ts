/**
 * Credits of a track: who played, sang, wrote, produced, engineered it, with what roles and
 * instruments, and their share of the royalties. The splits of one track never total more than
 * 100 %: a trigger (hand-written migration `projects_credit_splits`) locks the track and checks the
 * sum on every insert and split change, so two people adding credits at once cannot exceed it.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clients } from './booking.ts';
import { tracks } from './projects.ts';

export const trackCredits = pgTable(
  'track_credits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trackId: uuid('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    personName: text('person_name').notNull(),
    /** The studio's client this person is, when known (an artist of the roster). */
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'set null' }),
    roles: text('roles')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    instruments: text('instruments')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Share in percent (two decimals); null = no share (e.g. a session musician paid a fee). */
    splitPercent: numeric('split_percent', { precision: 5, scale: 2 }),
    position: integer('position').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('track_credits_track_idx').on(t.trackId, t.position),
    index('track_credits_client_idx').on(t.clientId),
    check('track_credits_split_range', sql`${t.splitPercent} IS NULL OR (${t.splitPercent} >= 0 AND ${t.splitPercent} <= 100)`),
    check('track_credits_name_present', sql`length(btrim(${t.personName})) > 0`),
  ],
);
