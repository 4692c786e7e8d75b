/** The studio's home: plan and trial, rooms, team size. More figures join as features land. */
import { count, eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { listRooms } from '../rooms/rooms.service.ts';
import type { StudioContext } from '../studios/studio-context.ts';

const DAY_MS = 24 * 3600 * 1000;

export async function dashboardSummary(platform: Platform, db: TenantDb, studio: StudioContext, now = new Date()) {
  const [rooms, [members]] = await Promise.all([
    listRooms(db),
    platform.controlDb.select({ n: count() }).from(control.memberships).where(eq(control.memberships.studioId, studio.id)),
  ]);
  const trialDaysLeft = studio.trialEndsAt ? Math.max(0, Math.ceil((studio.trialEndsAt.getTime() - now.getTime()) / DAY_MS)) : null;
  return {
    plan: studio.plan,
    trialEndsAt: studio.trialEndsAt?.toISOString() ?? null,
    trialDaysLeft,
    roomsActive: rooms.length,
    membersCount: members?.n ?? 0,
    rooms,
  };
}
