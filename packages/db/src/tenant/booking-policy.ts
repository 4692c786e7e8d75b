/**
 * How the studio takes bookings from outside: the public booking page, the portal, deposits and the
 * cancellation policy. One row (id = 1), created with the studio.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, customType, integer, jsonb, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** One tier of the cancellation policy: cancelling at least `daysBefore` days ahead refunds `refundPercent` of what was paid. */
export interface CancellationTier {
  daysBefore: number;
  refundPercent: number;
}

export const bookingPolicy = pgTable(
  'booking_policy',
  {
    id: smallint('id').primaryKey().default(1),
    /** The public page /book answers only when enabled. */
    publicBookingEnabled: boolean('public_booking_enabled').notNull().default(false),
    /** Bookings from the page become confirmed sessions at once (else holds). */
    instantBooking: boolean('instant_booking').notNull().default(false),
    /** Requests wait for the studio to approve or decline them. */
    requireApproval: boolean('require_approval').notNull().default(true),
    /** How long a hold made from the page or the portal lasts before it is released. */
    holdHours: integer('hold_hours').notNull().default(48),
    depositPercent: smallint('deposit_percent').notNull().default(0),
    /** The deposit is due this many hours after booking (0 = at booking). */
    depositDueHours: integer('deposit_due_hours').notNull().default(48),
    /** Bank transfer details shown until online payment exists. */
    transferDetails: text('transfer_details').notNull().default(''),
    /** Tiers sorted by daysBefore descending; below the last tier nothing is refunded. */
    cancellationTiers: jsonb('cancellation_tiers')
      .$type<CancellationTier[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** Free text shown with the tiers (house rules, no-show policy…). */
    policyText: text('policy_text').notNull().default(''),
    /** Clients may cancel / reschedule themselves in the portal up to this many hours before the start. */
    portalChangeCutoffHours: integer('portal_change_cutoff_hours').notNull().default(24),
    /** Branding of the public page and portal. */
    brandColor: text('brand_color').notNull().default('#6366f1'),
    logo: bytea('logo'),
    logoMime: text('logo_mime'),
    welcomeText: text('welcome_text').notNull().default(''),
    /** The public page offers starts at least this many hours ahead, and at most this many days ahead. */
    minNoticeHours: integer('min_notice_hours').notNull().default(24),
    bookingWindowDays: integer('booking_window_days').notNull().default(180),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('booking_policy_single_row', sql`${t.id} = 1`),
    check('booking_policy_deposit_pct', sql`${t.depositPercent} BETWEEN 0 AND 100`),
    check('booking_policy_hours_pos', sql`${t.holdHours} > 0 AND ${t.depositDueHours} >= 0 AND ${t.portalChangeCutoffHours} >= 0`),
  ],
);
