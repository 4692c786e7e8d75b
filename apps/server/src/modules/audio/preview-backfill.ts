/**
 * Previews for versions processed before every version had one (only lossless files over 4 MiB did):
 * listen-only links and locked versions stream nothing but a preview, so each such version needs one.
 * `audio.backfill-previews` is scheduled at each start and runs in the background (so start-up itself does
 * not grow with the number of studios); it crawls the studios (a query each) and queues `audio.preview` per
 * version missing one — until it has finished once. Versions made since then always get their preview, so
 * the crawl is recorded in `platform_tasks` and never repeated: opening a connection to every studio at each
 * start competed with real traffic (and with busy studios' kept connections).
 */
import { and, eq, isNull, ne } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';
import { toStudioContext } from '../studios/studio-context.ts';
import { makePreview } from './audio.jobs.ts';

export const BACKFILL_TASK = 'audio.backfill-previews.v1';

export interface BackfillReport {
  /** False when an earlier run finished the task: nothing was crawled. */
  ran: boolean;
  studios: number;
  /** Versions queued (or, with `inline`, given a preview at once). */
  made: number;
}

export async function backfillPreviews(platform: Platform, options: { inline?: boolean } = {}): Promise<BackfillReport> {
  const [finished] = await platform.controlDb
    .select({ name: control.platformTasks.name })
    .from(control.platformTasks)
    .where(eq(control.platformTasks.name, BACKFILL_TASK));
  if (finished) return { ran: false, studios: 0, made: 0 };
  const rows = await platform.controlDb
    .select({ studio: control.studios, location: control.tenantDatabases })
    .from(control.studios)
    .innerJoin(control.tenantDatabases, eq(control.tenantDatabases.studioId, control.studios.id))
    .where(eq(control.tenantDatabases.state, 'active'));
  let made = 0;
  let skipped = 0;
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
      skipped++;
    }
  }
  // A studio skipped (its database unavailable) keeps the task open: the next start tries again.
  if (skipped === 0) await platform.controlDb.insert(control.platformTasks).values({ name: BACKFILL_TASK }).onConflictDoNothing();
  return { ran: true, studios: rows.length, made };
}
