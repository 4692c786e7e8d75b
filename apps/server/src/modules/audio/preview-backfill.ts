/**
 * Previews for versions processed before every version had one (only lossless files over 4 MiB did):
 * listen-only links and locked versions stream nothing but a preview, so each such version needs one.
 * `audio.backfill-previews` runs once per start in the background (a query per active studio, so start-up
 * itself does not grow with the number of studios) and queues `audio.preview` per version missing it.
 */
import { and, eq, isNull, ne } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';
import { toStudioContext } from '../studios/studio-context.ts';
import { makePreview } from './audio.jobs.ts';

export interface BackfillReport {
  studios: number;
  /** Versions queued (or, with `inline`, given a preview at once). */
  made: number;
}

export async function backfillPreviews(platform: Platform, options: { inline?: boolean } = {}): Promise<BackfillReport> {
  const rows = await platform.controlDb
    .select({ studio: control.studios, location: control.tenantDatabases })
    .from(control.studios)
    .innerJoin(control.tenantDatabases, eq(control.tenantDatabases.studioId, control.studios.id))
    .where(eq(control.tenantDatabases.state, 'active'));
  let made = 0;
  for (const row of rows) {
    const studio = toStudioContext(row.studio, row.location);
    try {
      const missing = await platform.directory.withTenant(studio.location, (db) =>
        db
          .select({ id: tenant.trackVersions.id })
          .from(tenant.trackVersions)
          .innerJoin(tenant.storedFiles, eq(tenant.storedFiles.id, tenant.trackVersions.fileId))
          .where(and(eq(tenant.trackVersions.processing, 'ready'), isNull(tenant.trackVersions.previewKey), ne(tenant.storedFiles.format, 'zip'))),
      );
      for (const { id } of missing) {
        if (options.inline) {
          if (await makePreview(platform, studio.id, id)) made++;
        } else {
          await platform.jobs.schedule('audio.preview', { studioId: studio.id, versionId: id }, { key: `preview:${id}` });
          made++;
        }
      }
    } catch (error) {
      // One studio's database being unavailable must not stop the others.
      platform.logger.warn({ err: error, studioId: studio.id }, 'preview backfill skipped a studio');
    }
  }
  return { studios: rows.length, made };
}
