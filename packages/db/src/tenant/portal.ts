/**
 * Client portal: magic-link log-in tokens, portal sessions (separate from staff sessions, which live in
 * the control database) and what clients did in the portal. Only SHA-256 hashes of secrets are stored.
 */
import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clients } from './booking.ts';

/** A magic link sent by e-mail: single use, short-lived. `purpose` = 'login' (room for e.g. 'email_change'). */
export const portalLoginTokens = pgTable(
  'portal_login_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    purpose: text('purpose').notNull().default('login'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdIp: text('created_ip').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Retiring a client's older unused links reads by client.
  (t) => [
    index('portal_login_tokens_client_idx')
      .on(t.clientId, t.purpose)
      .where(sql`${t.usedAt} IS NULL`),
  ],
);

/** A logged-in portal browser. 30-day sliding expiry; logging out revokes. */
export const portalSessions = pgTable(
  'portal_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    userAgent: text('user_agent').notNull().default(''),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('portal_sessions_client_idx').on(t.clientId)],
);

/** What a client did in the portal (log-ins, views, cancels, reschedules, profile edits), shown to staff. */
export const portalActivity = pgTable(
  'portal_activity',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    action: text('action').notNull(),
    details: jsonb('details').notNull().default({}),
    ip: text('ip').notNull().default(''),
  },
  // Staff read one client's activity, newest first, paginated by (at, id).
  (t) => [index('portal_activity_client_at_idx').on(t.clientId, t.at.desc(), t.id.desc())],
);
