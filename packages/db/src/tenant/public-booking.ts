/**
 * Requests made on the public booking page, waiting for the visitor to confirm their e-mail address.
 * Nothing is booked until the visitor opens the mailed link and presses Confirm: the token (only its
 * SHA-256 is stored) is single use and lapses after 30 minutes. The row keeps what the visitor typed so
 * the booking made at confirmation is exactly what they asked for.
 */
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { rooms } from './schema.ts';

export const bookingRequests = pgTable(
  'booking_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone').notNull().default(''),
    message: text('message').notNull().default(''),
    /** The visitor's language, for the mails that follow. */
    locale: text('locale').notNull().default('en'),
    policyAcceptedAt: timestamp('policy_accepted_at', { withTimezone: true }).notNull(),
    ip: text('ip').notNull().default(''),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Set when the link was used (whatever the outcome): a token works once. */
    usedAt: timestamp('used_at', { withTimezone: true }),
    sessionId: uuid('session_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('booking_requests_order', sql`${t.endsAt} > ${t.startsAt}`), index('booking_requests_expires_idx').on(t.expiresAt)],
);
