/** The studio context of a studio by id, for work that does not come from a request (jobs). */
import { eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';
import { toStudioContext, type StudioContext } from './studio-context.ts';

export async function studioContextById(platform: Platform, studioId: string): Promise<StudioContext | null> {
  const [row] = await platform.controlDb
    .select({ studio: control.studios, location: control.tenantDatabases })
    .from(control.studios)
    .innerJoin(control.tenantDatabases, eq(control.tenantDatabases.studioId, control.studios.id))
    .where(eq(control.studios.id, studioId))
    .limit(1);
  return row ? toStudioContext(row.studio, row.location) : null;
}
