/**
 * The studio's booking-page settings (the single booking_policy row): policy, deposit, branding, and which
 * rooms the page offers. The logo is stored in the row; its real type is read from its first bytes, never
 * from what the browser claims.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { LOGO_MAX_BYTES, type BookingPageSettingsInput, type LogoMime } from '@rsm/shared/booking-page-schemas';
import { AppError, notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../studios/studio-context.ts';

export type BookingPolicyRow = typeof tenant.bookingPolicy.$inferSelect;

export async function loadPolicy(db: Pick<TenantDb, 'select'>): Promise<BookingPolicyRow> {
  const [row] = await db.select().from(tenant.bookingPolicy).where(eq(tenant.bookingPolicy.id, 1));
  // The row is created with the studio's database; its absence is a broken tenant, not a user error.
  if (!row) throw new Error('booking_policy row missing');
  return row;
}

/** A cache-busting version of the logo (null when there is none). */
export const logoVersion = (policy: BookingPolicyRow) => (policy.logo && policy.logoMime ? policy.updatedAt.getTime() : null);

export function toSettings(policy: BookingPolicyRow) {
  return {
    publicBookingEnabled: policy.publicBookingEnabled,
    instantBooking: policy.instantBooking,
    requireApproval: policy.requireApproval,
    holdHours: policy.holdHours,
    depositPercent: policy.depositPercent,
    depositDueHours: policy.depositDueHours,
    transferDetails: policy.transferDetails,
    cancellationTiers: policy.cancellationTiers,
    policyText: policy.policyText,
    portalChangeCutoffHours: policy.portalChangeCutoffHours,
    minNoticeHours: policy.minNoticeHours,
    bookingWindowDays: policy.bookingWindowDays,
    brandColor: policy.brandColor,
    welcomeText: policy.welcomeText,
    logoVersion: logoVersion(policy),
  };
}

export async function getBookingPageSettings(db: TenantDb) {
  const policy = await loadPolicy(db);
  const rooms = await db
    .select({
      id: tenant.rooms.id,
      name: tenant.rooms.name,
      description: tenant.rooms.description,
      publicBooking: tenant.rooms.publicBooking,
      color: tenant.rooms.color,
    })
    .from(tenant.rooms)
    .where(isNull(tenant.rooms.archivedAt))
    .orderBy(asc(tenant.rooms.sortOrder), asc(tenant.rooms.name));
  const [hours] = await db.select({ id: tenant.openingHours.id }).from(tenant.openingHours).limit(1);
  return { ...toSettings(policy), rooms, hasOpeningHours: !!hours };
}

export async function updateBookingPageSettings(db: TenantDb, actor: Actor, input: BookingPageSettingsInput) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(tenant.bookingPolicy)
      .set({ ...input, brandColor: input.brandColor.toLowerCase(), updatedAt: new Date() })
      .where(eq(tenant.bookingPolicy.id, 1))
      .returning();
    await recordAudit(tx, actor, 'booking_page.updated', 'booking_policy', '1', {
      publicBookingEnabled: input.publicBookingEnabled,
      depositPercent: input.depositPercent,
    });
    return toSettings(row!);
  });
}

/** The image type from the file's first bytes (PNG, JPEG, WebP), or null. */
export function sniffImage(bytes: Uint8Array): LogoMime | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

export async function setLogo(db: TenantDb, actor: Actor, dataBase64: string) {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(dataBase64)) throw new AppError('BAD_REQUEST', 'The logo is not a valid file', { reason: 'logoInvalid' });
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length > LOGO_MAX_BYTES) throw new AppError('BAD_REQUEST', 'The logo is larger than 512 KB', { reason: 'logoTooLarge', maxBytes: LOGO_MAX_BYTES });
  const mime = sniffImage(bytes);
  if (!mime) throw new AppError('BAD_REQUEST', 'The logo must be a PNG, JPEG or WebP image', { reason: 'logoType' });
  const [row] = await db
    .update(tenant.bookingPolicy)
    .set({ logo: bytes, logoMime: mime, updatedAt: new Date() })
    .where(eq(tenant.bookingPolicy.id, 1))
    .returning();
  await recordAudit(db, actor, 'booking_page.logo_set', 'booking_policy', '1', { bytes: bytes.length, mime });
  return toSettings(row!);
}

export async function removeLogo(db: TenantDb, actor: Actor) {
  const [row] = await db
    .update(tenant.bookingPolicy)
    .set({ logo: null, logoMime: null, updatedAt: new Date() })
    .where(eq(tenant.bookingPolicy.id, 1))
    .returning();
  await recordAudit(db, actor, 'booking_page.logo_removed', 'booking_policy', '1', {});
  return toSettings(row!);
}

export async function setRoomPublic(db: TenantDb, actor: Actor, input: { id: string; publicBooking: boolean; description: string }) {
  const [row] = await db
    .update(tenant.rooms)
    .set({ publicBooking: input.publicBooking, description: input.description, updatedAt: new Date() })
    .where(and(eq(tenant.rooms.id, input.id), isNull(tenant.rooms.archivedAt)))
    .returning({
      id: tenant.rooms.id,
      name: tenant.rooms.name,
      description: tenant.rooms.description,
      publicBooking: tenant.rooms.publicBooking,
      color: tenant.rooms.color,
    });
  if (!row) throw notFound('room');
  await recordAudit(db, actor, 'room.public_booking', 'room', row.id, { publicBooking: input.publicBooking });
  return { id: row.id, name: row.name, description: row.description, publicBooking: row.publicBooking, color: row.color };
}

/** The logo bytes for the public route: only while the page is enabled. */
export async function publicLogo(db: TenantDb): Promise<{ bytes: Buffer; mime: string; version: number } | null> {
  const policy = await loadPolicy(db);
  if (!policy.publicBookingEnabled || !policy.logo || !policy.logoMime) return null;
  return { bytes: policy.logo, mime: policy.logoMime, version: policy.updatedAt.getTime() };
}
