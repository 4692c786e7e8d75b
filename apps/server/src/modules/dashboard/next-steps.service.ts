/**
 * A new studio's next steps, read from what it has really done (never a checklist the owner ticks): a first
 * session booked, opening hours set, the public booking page turned on, someone else invited to the team.
 */
import { and, count, eq, isNull } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { loadPolicy } from '../public-booking/booking-page-settings.service.ts';
import type { StudioContext } from '../studios/studio-context.ts';

export async function nextSteps(platform: Platform, db: TenantDb, studio: StudioContext) {
  // One tenant connection: one query after the other.
  const [session] = await db.select({ id: tenant.sessions.id }).from(tenant.sessions).limit(1);
  const [hours] = await db.select({ id: tenant.openingHours.id }).from(tenant.openingHours).limit(1);
  const policy = await loadPolicy(db);
  const [[members], [invitations]] = await Promise.all([
    platform.controlDb.select({ n: count() }).from(control.memberships).where(eq(control.memberships.studioId, studio.id)),
    platform.controlDb
      .select({ n: count() })
      .from(control.invitations)
      .where(and(eq(control.invitations.studioId, studio.id), isNull(control.invitations.revokedAt))),
  ]);
  return {
    firstSession: session !== undefined,
    openingHours: hours !== undefined,
    bookingPage: policy.publicBookingEnabled,
    team: (members?.n ?? 0) > 1 || (invitations?.n ?? 0) > 0,
  };
}
