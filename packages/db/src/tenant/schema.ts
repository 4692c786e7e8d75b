/**
 * Tenant database: everything one studio owns. Every studio has its own
 * database cloned from a migrated template, so nothing here carries a studio id.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** One row (id = 1): the studio's own details, beside the control record. */
export const studioSettings = pgTable(
  'studio_settings',
  {
    id: integer('id').primaryKey().default(1),
    legalName: text('legal_name').notNull().default(''),
    addressLine1: text('address_line1').notNull().default(''),
    addressLine2: text('address_line2').notNull().default(''),
    postalCode: text('postal_code').notNull().default(''),
    city: text('city').notNull().default(''),
    country: text('country').notNull().default(''),
    phone: text('phone').notNull().default(''),
    email: text('email').notNull().default(''),
    website: text('website').notNull().default(''),
    vatNumber: text('vat_number').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('studio_settings_single_row', sql`${t.id} = 1`)],
);

export const rooms = pgTable(
  'rooms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    hourlyRateCents: integer('hourly_rate_cents').notNull(),
    capacity: integer('capacity').notNull().default(1),
    color: text('color').notNull().default('#6366f1'),
    /** Rate card: half-day (up to 4 h) and day (up to 10 h) prices, and the hourly price with an engineer included. */
    halfDayRateCents: integer('half_day_rate_cents'),
    dayRateCents: integer('day_rate_cents'),
    hourlyRateWithEngineerCents: integer('hourly_rate_with_engineer_cents'),
    /** Booking rules: room turned around before and after each session, shortest booking, start/length step, overtime block. */
    setupBufferMinutes: integer('setup_buffer_minutes').notNull().default(0),
    teardownBufferMinutes: integer('teardown_buffer_minutes').notNull().default(0),
    minDurationMinutes: integer('min_duration_minutes').notNull().default(60),
    incrementMinutes: integer('increment_minutes').notNull().default(30),
    overtimeBlockMinutes: integer('overtime_block_minutes').notNull().default(30),
    sortOrder: integer('sort_order').notNull().default(0),
    /** Offered on the public booking page (with its description and rates). */
    publicBooking: boolean('public_booking').notNull().default(false),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('rooms_rate_nonneg', sql`${t.hourlyRateCents} >= 0`),
    check('rooms_capacity_pos', sql`${t.capacity} > 0`),
    check('rooms_buffers_nonneg', sql`${t.setupBufferMinutes} >= 0 AND ${t.teardownBufferMinutes} >= 0`),
    check('rooms_durations_pos', sql`${t.minDurationMinutes} > 0 AND ${t.incrementMinutes} > 0 AND ${t.overtimeBlockMinutes} > 0`),
    index('rooms_active_idx')
      .on(t.sortOrder)
      .where(sql`${t.archivedAt} is null`),
  ],
);

/** What happened in this studio, by whom: kept with the studio's data. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    details: jsonb('details').notNull().default({}),
  },
  // The activity log pages newest first by (at, id) — one index serves the order and the keyset; the actor
  // filter has its own, in the same order. Entity filters use the (entity, entity_id) index.
  (t) => [
    index('audit_log_at_id_idx').on(t.at, t.id),
    index('audit_log_actor_at_idx').on(t.actorUserId, t.at, t.id),
    index('audit_log_entity_idx').on(t.entity, t.entityId),
  ],
);

export * from './booking.ts';
export * from './booking-policy.ts';
export * from './projects.ts';
export * from './portal.ts';
export * from './sharing.ts';
export * from './review.ts';
export * from './public-booking.ts';
export * from './clients.ts';
export * from './project-credits.ts';
export * from './outbox.ts';
export * from './money.ts';
export * from './money-documents.ts';
export * from './uploads.ts';
