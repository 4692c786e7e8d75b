/**
 * Work that must follow a commit (a hold's expiry, a reminder, a notice), recorded in the same transaction
 * as the change that calls for it — by a trigger on `sessions` (hand-written migration 0016) or explicitly —
 * and drained by the outbox worker (ADR 15). A crash after the commit cannot lose it.
 */
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** What to do: 'hold-expiry', 'hold-expiring', 'reminder', 'session-notice'. */
    kind: text('kind').notNull(),
    /** One pending row per key: recording the same work again (a hold's new expiry) moves it instead of adding one. */
    dedupeKey: text('dedupe_key').notNull(),
    payload: jsonb('payload').notNull().default({}),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Taken by a worker until then (or, after a failure, not retried before then). */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastError: text('last_error'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('outbox_pending_key_uq')
      .on(t.dedupeKey)
      .where(sql`${t.doneAt} IS NULL`),
    index('outbox_due_idx')
      .on(t.dueAt)
      .where(sql`${t.doneAt} IS NULL`),
    index('outbox_done_idx').on(t.doneAt),
  ],
);
