/** The studio's home: plan and trial, rooms, team size. More figures join as features land. */
import { count, eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { daysLeft, limitsPlan, studioStanding } from '@rsm/shared/standing';
import { listRooms } from '../rooms/rooms.service.ts';
import type { StudioContext } from '../studios/studio-context.ts';

export async function dashboardSummary(platform: Platform, db: TenantDb, studio: StudioContext, now = new Date()) {
  const [rooms, members] = await Promise.all([listRooms(db), teamSize(platform, studio.id)]);
  // Only while the studio is in its trial: once a plan is chosen (or the trial is over) there are no trial days.
  const inTrial = studioStanding(studio, now) === 'trial';
  const trialDaysLeft = inTrial ? daysLeft(studio.trialEndsAt, now) : null;
  return {
    // The plan whose limits apply: Pro during the trial.
    plan: limitsPlan(studio, now),
    trialEndsAt: studio.trialEndsAt?.toISOString() ?? null,
    trialDaysLeft,
    roomsActive: rooms.length,
    membersCount: members,
    rooms,
  };
}

/** Members of the studio's team. Cached (control-cache.ts): every dashboard load asks, a team rarely changes. */
async function teamSize(platform: Platform, studioId: string): Promise<number> {
  const size = await platform.controlCache.team({
    key: `members:${studioId}`,
    tagsOf: () => ({ studioId }),
    load: async () => {
      const [row] = await platform.controlDb.select({ n: count() }).from(control.memberships).where(eq(control.memberships.studioId, studioId));
      return row?.n ?? 0;
    },
  });
  return size ?? 0;
}
