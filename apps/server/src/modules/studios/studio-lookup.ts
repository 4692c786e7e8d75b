/**
 * The studio context of a studio found without a membership: by id for work that does not come from a
 * request (jobs, notices), by slug for the public routes that check their own access (signed file URLs,
 * share links, the public booking page and its logo).
 */
import { eq, type SQL } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';
import { toStudioContext, type StudioContext } from './studio-context.ts';

async function findStudio(platform: Platform, where: SQL): Promise<StudioContext | null> {
  const [row] = await platform.controlDb
    .select({ studio: control.studios, location: control.tenantDatabases })
    .from(control.studios)
    .innerJoin(control.tenantDatabases, eq(control.tenantDatabases.studioId, control.studios.id))
    .where(where)
    .limit(1);
  return row ? toStudioContext(row.studio, row.location) : null;
}

export function studioContextById(platform: Platform, studioId: string): Promise<StudioContext | null> {
  return findStudio(platform, eq(control.studios.id, studioId));
}

/** By address, for the public routes hit by every visitor: answered from the control cache while unchanged. */
export function studioContextBySlug(platform: Platform, slug: string): Promise<StudioContext | null> {
  return platform.controlCache.studio({ key: `slug:${slug}`, tagsOf: (s) => ({ studioId: s.id }), load: () => findStudio(platform, eq(control.studios.slug, slug)) });
}

/** The studio when its database is in service; null when it is gone or unavailable (a job then has nothing to do). */
export async function activeStudioById(platform: Platform, studioId: string): Promise<StudioContext | null> {
  const studio = await studioContextById(platform, studioId);
  return studio && studio.location.state === 'active' ? studio : null;
}
