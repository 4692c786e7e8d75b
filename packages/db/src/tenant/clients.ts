/**
 * The CRM beside the `clients` table (booking.ts): a timeline of staff notes per client.
 * Authors are control-database users (their names are read from there), so no foreign key.
 * Search over clients uses a hand-written migration (unaccent + pg_trgm, see clients_search).
 */
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clients } from './booking.ts';

export const clientNotes = pgTable(
  'client_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    authorUserId: uuid('author_user_id'),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('client_notes_client_idx').on(t.clientId, t.createdAt)],
);
