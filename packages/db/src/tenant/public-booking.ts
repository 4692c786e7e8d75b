/**
 * Requests made on the public booking page, waiting for the visitor to confirm their e-mail address.
 * Nothing is booked until the visitor opens the mailed link and presses Confirm: the token (only its
 * SHA-256 is stored) is single use and lapses after 30 minutes. The row keeps what the visitor typed so
 * the booking made at confirmation is exactly what they asked for.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { rooms } from './schema.ts';
import { sessions } from './booking.ts';
import { moneyDocuments } from './money-documents.ts';

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

/**
 * The Stripe Checkout Sessions started for a deposit (issue #11): a booked session's (`session_id`) or an accepted
 * quote's (`quote_id`), exactly one of the two. A client who opens the payment page twice (two tabs, a link from
 * the mail and one from the portal) would otherwise hold two payable pages; before a new one is started, every one
 * still open here is expired on Stripe (and `closed_at` set), so only the newest can be paid; once the deposit is
 * paid (online or recorded by hand) those still open are expired too. A payment that still gets through (race) is
 * refunded by the recorder.
 */
export const bookingDepositCheckouts = pgTable(
  'booking_deposit_checkouts',
  {
    /** Stripe's Checkout Session id (`cs_…`), on the studio's connected account. */
    id: text('id').primaryKey(),
    sessionId: uuid('session_id').references(() => sessions.id, { onDelete: 'cascade' }),
    quoteId: uuid('quote_id').references(() => moneyDocuments.id, { onDelete: 'cascade' }),
    amountCents: integer('amount_cents').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When it was found no longer payable (expired by us or by Stripe, or completed). */
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('booking_deposit_checkouts_session_idx').on(t.sessionId),
    index('booking_deposit_checkouts_quote_idx').on(t.quoteId),
    check('booking_deposit_checkouts_one_target', sql`num_nonnulls(${t.sessionId}, ${t.quoteId}) = 1`),
  ],
);
