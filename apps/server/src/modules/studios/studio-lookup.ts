/**
 * The studio context of a studio found without a membership: by id for work that does not come from a
 * request (jobs, notices), by slug for the public routes that check their own access (signed file URLs,
 * share links, the public booking page and its logo).
 *
 * By slug means by any address the studio has had (control table studio_slugs, ADR 0014): an old address
 * stays with its studio, so the context found carries the current slug, and a caller that sees it differ
 * from the one asked for can redirect.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
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

/** The studios row of whichever studio holds (or held) this address: one indexed lookup, no extra round trip. */
export const studioHoldingSlug = (slug: string): SQL =>
  sql`${control.studios.id} = (SELECT ${control.studioSlugs.studioId} FROM ${control.studioSlugs} WHERE ${control.studioSlugs.slug} = ${slug})`;

/** By address (current or old), for the public routes hit by every visitor: answered from the control cache while unchanged. */
export function studioContextBySlug(platform: Platform, slug: string): Promise<StudioContext | null> {
  return platform.controlCache.studio({ key: `slug:${slug}`, tagsOf: (s) => ({ studioId: s.id }), load: () => findStudio(platform, studioHoldingSlug(slug)) });
}

/** The current address of the studio that holds (or held) `slug`; null when no studio ever had it. */
export async function currentSlugOf(platform: Platform, slug: string): Promise<string | null> {
  const [row] = await platform.controlDb.select({ slug: control.studios.slug }).from(control.studios).where(studioHoldingSlug(slug)).limit(1);
  return row?.slug ?? null;
}

/** The studio when its database is in service; null when it is gone or unavailable (a job then has nothing to do). */
export async function activeStudioById(platform: Platform, studioId: string): Promise<StudioContext | null> {
  const studio = await studioContextById(platform, studioId);
  return studio && studio.location.state === 'active' ? studio : null;
}
