/**
 * Booking engine tables: what can be booked (rooms from schema.ts, engineers, gear), when it can be
 * booked (opening hours, closures, working hours, time off), who books (clients) and the sessions.
 *
 * Overlaps are refused by the database: every session holds one `session_resources` row per thing it
 * occupies (its room, each room linked to it, each engineer, each piece of gear), with the time range it
 * blocks (buffers included for rooms). An EXCLUDE constraint on (kind, resource_id, blocked) over the
 * rows that block makes a double booking impossible, whatever the application does. Cancelled sessions
 * and holds queued behind another hold keep their rows with `blocking = false`.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { rooms } from './schema.ts';

/** A PostgreSQL tstzrange, exchanged as its text form `[start,end)`. */
export const tstzrange = customType<{ data: string; driverData: string }>({ dataType: () => 'tstzrange' });

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** Rooms that block each other (live room + booth). Stored in both directions. */
export const roomLinks = pgTable(
  'room_links',
  {
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    linkedRoomId: uuid('linked_room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.linkedRoomId] }), check('room_links_distinct', sql`${t.roomId} <> ${t.linkedRoomId}`)],
);

/** Weekly opening hours, in the studio's time zone; room_id null = the whole studio. Weekday 1 = Monday … 7 = Sunday. */
export const openingHours = pgTable(
  'opening_hours',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roomId: uuid('room_id').references(() => rooms.id, { onDelete: 'cascade' }),
    weekday: smallint('weekday').notNull(),
    opensAt: time('opens_at').notNull(),
    closesAt: time('closes_at').notNull(),
  },
  (t) => [check('opening_hours_weekday', sql`${t.weekday} BETWEEN 1 AND 7`), index('opening_hours_room_idx').on(t.roomId, t.weekday)],
);

/** Dated closures (holidays, maintenance); room_id null = the whole studio. */
export const closures = pgTable(
  'closures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roomId: uuid('room_id').references(() => rooms.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull().default(''),
  },
  (t) => [check('closures_order', sql`${t.endsAt} > ${t.startsAt}`), index('closures_range_idx').on(t.startsAt, t.endsAt)],
);

/** Staff who can be booked with a session. user_id links to the control database's user when they have an account. */
export const engineers = pgTable(
  'engineers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').unique(),
    name: text('name').notNull(),
    email: text('email').notNull().default(''),
    bookable: boolean('bookable').notNull().default(true),
    hourlyRateCents: integer('hourly_rate_cents').notNull().default(0),
    color: text('color').notNull().default('#0ea5e9'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [check('engineers_rate_nonneg', sql`${t.hourlyRateCents} >= 0`)],
);

export const engineerHours = pgTable(
  'engineer_hours',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    engineerId: uuid('engineer_id')
      .notNull()
      .references(() => engineers.id, { onDelete: 'cascade' }),
    weekday: smallint('weekday').notNull(),
    startsAt: time('starts_at').notNull(),
    endsAt: time('ends_at').notNull(),
  },
  (t) => [check('engineer_hours_weekday', sql`${t.weekday} BETWEEN 1 AND 7`), index('engineer_hours_engineer_idx').on(t.engineerId)],
);

export const engineerTimeOff = pgTable(
  'engineer_time_off',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    engineerId: uuid('engineer_id')
      .notNull()
      .references(() => engineers.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull().default(''),
  },
  (t) => [check('engineer_time_off_order', sql`${t.endsAt} > ${t.startsAt}`), index('engineer_time_off_idx').on(t.engineerId, t.startsAt)],
);

export const gearStatusEnum = pgEnum('gear_status', ['available', 'maintenance', 'retired']);

/** Equipment. The equipment module will add maintenance schedules and more; bookable items join sessions. */
export const gearItems = pgTable(
  'gear_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    category: text('category').notNull().default(''),
    serialNumber: text('serial_number').notNull().default(''),
    bookable: boolean('bookable').notNull().default(true),
    status: gearStatusEnum('status').notNull().default('available'),
    dailyRateCents: integer('daily_rate_cents').notNull().default(0),
    notes: text('notes').notNull().default(''),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [check('gear_rate_nonneg', sql`${t.dailyRateCents} >= 0`)],
);

/** The studio's clients (artists, bands, labels…). The clients module extends this table. */
export const clientKindEnum = pgEnum('client_kind', ['person', 'company']);

export const clients = pgTable(
  'clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A person (artist, band member, manager…) or a company (label, management, production company, band as a business). */
    kind: clientKindEnum('kind').notNull().default('person'),
    /** For companies: label, management, production, band, other. Free text for people (empty). */
    companyType: text('company_type').notNull().default(''),
    name: text('name').notNull(),
    email: text('email').notNull().default(''),
    phone: text('phone').notNull().default(''),
    addressLine1: text('address_line1').notNull().default(''),
    addressLine2: text('address_line2').notNull().default(''),
    postalCode: text('postal_code').notNull().default(''),
    city: text('city').notNull().default(''),
    country: text('country').notNull().default(''),
    website: text('website').notNull().default(''),
    vatNumber: text('vat_number').notNull().default(''),
    /** Language of the mails this client receives ('en' | 'fr'); empty = the studio's. */
    locale: text('locale').notNull().default(''),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Optional portal password (argon2id); the portal works by magic link without one. */
    portalPasswordHash: text('portal_password_hash'),
    /** Set when the client was erased (GDPR): the row stays only as an anonymous reference. */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('clients_email_idx').on(sql`lower(${t.email})`),
    // One client per e-mail address in a studio (case-insensitive): the public booking page and the portal
    // find a client by address, and two records of one person split their history. Erased clients have no
    // address left; archived ones keep theirs (restoring one must not create a duplicate).
    uniqueIndex('clients_email_unique')
      .on(sql`lower(${t.email})`)
      .where(sql`${t.email} <> '' AND ${t.erasedAt} IS NULL`),
    index('clients_tags_idx').using('gin', t.tags),
  ],
);

export const CLIENT_CONTACT_ROLES = ['artist', 'band_member', 'manager', 'label_contact', 'payer'] as const;

/** A person who is a contact of a company, with their roles there. */
export const clientContacts = pgTable(
  'client_contacts',
  {
    companyId: uuid('company_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    roles: text('roles')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The contact may see the company's sessions (and later projects, invoices) in the portal. */
    canSeeCompanyItems: boolean('can_see_company_items').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.personId] }),
    index('client_contacts_person_idx').on(t.personId),
    check('client_contacts_not_self', sql`${t.companyId} <> ${t.personId}`),
  ],
);

export const sessionStatusEnum = pgEnum('session_status', ['hold', 'confirmed', 'in_progress', 'completed', 'cancelled', 'no_show']);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    notes: text('notes').notNull().default(''),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'set null' }),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: sessionStatusEnum('status').notNull(),
    /** A hold blocks the slot until then; a queued hold (not blocking) waits for the one before it. */
    holdExpiresAt: timestamp('hold_expires_at', { withTimezone: true }),
    /** How long this hold asked to last: a hold promoted from the waiting list gets this much again, not a default. */
    holdMinutes: integer('hold_minutes'),
    priceCents: integer('price_cents').notNull().default(0),
    currency: text('currency').notNull(),
    priceBreakdown: jsonb('price_breakdown').notNull().default([]),
    seriesId: uuid('series_id'),
    createdBy: uuid('created_by'),
    /** Who asked for it: staff in the app, a visitor on the public booking page, a client in the portal. */
    source: text('source').notNull().default('staff'),
    /** Booking requests the studio must approve: 'pending' | 'approved' | 'declined'; null when none was needed. */
    approvalStatus: text('approval_status'),
    /** The visitor's message with a request, and the studio's answer when approving or declining. */
    requestMessage: text('request_message').notNull().default(''),
    decisionMessage: text('decision_message').notNull().default(''),
    /** Deposit asked for this booking (cents, same currency), and when it is due; receipt confirmed by the studio. */
    depositCents: integer('deposit_cents').notNull().default(0),
    depositDueAt: timestamp('deposit_due_at', { withTimezone: true }),
    depositReceivedAt: timestamp('deposit_received_at', { withTimezone: true }),
    /**
     * The public booking's deposit link (sha-256 of the token mailed to the visitor): pays the deposit online
     * without an account. Null for sessions booked otherwise (the portal pays them).
     */
    depositLinkHash: text('deposit_link_hash'),
    /** The deposit invoice issued when the deposit was paid online (money_documents.id). */
    depositInvoiceId: uuid('deposit_invoice_id'),
    /** The cancellation policy the client accepted (tiers as they were then). */
    policyAcceptedAt: timestamp('policy_accepted_at', { withTimezone: true }),
    policySnapshot: jsonb('policy_snapshot'),
    /** Outcome of a cancellation under the policy, for the money issue to act on. */
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledByKind: text('cancelled_by_kind'),
    cancellationReason: text('cancellation_reason').notNull().default(''),
    refundableCents: integer('refundable_cents'),
    keptCents: integer('kept_cents'),
    cancellationTier: jsonb('cancellation_tier'),
    /** A deposit carried over from a cancelled booking to this rebooked one. */
    depositMovedFromId: uuid('deposit_moved_from_id'),
    /**
     * Bumped by a trigger on every UPDATE of the row (hand-written migration), so an edit sent with the
     * version it was made on is refused when someone else changed the session meanwhile.
     */
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    check('sessions_order', sql`${t.endsAt} > ${t.startsAt}`),
    check('sessions_price_nonneg', sql`${t.priceCents} >= 0`),
    check('sessions_hold_expiry', sql`${t.status} <> 'hold' OR ${t.holdExpiresAt} IS NOT NULL`),
    index('sessions_starts_idx').on(t.startsAt),
    index('sessions_room_starts_idx').on(t.roomId, t.startsAt),
    index('sessions_client_idx').on(t.clientId),
    index('sessions_hold_expiry_idx')
      .on(t.holdExpiresAt)
      .where(sql`${t.status} = 'hold'`),
    index('sessions_series_idx').on(t.seriesId),
    uniqueIndex('sessions_deposit_link_idx')
      .on(t.depositLinkHash)
      .where(sql`${t.depositLinkHash} IS NOT NULL`),
    index('sessions_pending_approval_idx')
      .on(t.startsAt)
      .where(sql`${t.approvalStatus} = 'pending'`),
  ],
);

export const resourceKindEnum = pgEnum('resource_kind', ['room', 'engineer', 'gear']);

/** What a session occupies and when; the EXCLUDE constraint (hand-written migration) lives here. */
export const sessionResources = pgTable(
  'session_resources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    kind: resourceKindEnum('kind').notNull(),
    resourceId: uuid('resource_id').notNull(),
    /** True for the room booked; false for a room blocked only because it is linked to it. */
    primary: boolean('primary').notNull().default(true),
    blocked: tstzrange('blocked').notNull(),
    blocking: boolean('blocking').notNull(),
  },
  (t) => [index('session_resources_session_idx').on(t.sessionId)],
);

export const sessionStatusHistory = pgTable(
  'session_status_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    fromStatus: sessionStatusEnum('from_status'),
    toStatus: sessionStatusEnum('to_status').notNull(),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    note: text('note').notNull().default(''),
  },
  (t) => [index('session_status_history_session_idx').on(t.sessionId, t.changedAt)],
);
