/**
 * Everything the server needs at run time, started in order and closed in
 * reverse: PostgreSQL (embedded unless DATABASE_URL is set), the control
 * database (migrated), each tenant cluster's template (migrated), the
 * connection managers, the mailer.
 */
import pg from 'pg';
import { migrateDatabase } from '@rsm/db';
import type { Config } from '../config/env.ts';
import type { Logger } from './observability/logger.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from './postgres/embedded.ts';
import { LiveHub } from './live/live-hub.ts';
import { backupDirectory } from './backup/backup-dir.ts';
import { clusterBackupPaths } from './backup/cluster-backup.ts';
import { databaseUrl } from './postgres/connection-manager.ts';
import { Clusters } from './postgres/clusters.ts';
import { ControlChangeListener, watchControlWrites } from './postgres/control-changes.ts';
import { ControlCache } from './tenancy/control-cache.ts';
import { openControlDatabase, type ControlDatabase } from './postgres/control-db.ts';
import { createDatabase, databaseExists, ensureTemplate } from './tenancy/template.ts';
import { Mailer } from './mail/mailer.ts';
import { studioReplyTo } from './mail/studio-reply-to.ts';
import { TenantDirectory } from './tenancy/directory.ts';
import { JobRunner } from './jobs/job-runner.ts';

export const CONTROL_DATABASE = 'rsm_control';

export interface Runtime {
  config: Config;
  logger: Logger;
  control: ControlDatabase;
  clusters: Clusters;
  directory: TenantDirectory;
  mailer: Mailer;
  embedded: EmbeddedServer | null;
  jobs: JobRunner;
  /** Sessions, memberships and studios looked up before requests, dropped on every change (ADR 0004). */
  controlCache: ControlCache;
  /** Live notices to the open pages of each studio (live-hub.ts). */
  live: LiveHub;
  close(): Promise<void>;
}

async function ensureControlDatabase(clusterUrl: string): Promise<string> {
  const admin = new pg.Pool({ connectionString: databaseUrl(clusterUrl, 'postgres'), max: 1 });
  try {
    if (!(await databaseExists(admin, CONTROL_DATABASE))) await createDatabase(admin, CONTROL_DATABASE);
  } finally {
    await admin.end();
  }
  return databaseUrl(clusterUrl, CONTROL_DATABASE);
}

export async function startRuntime(
  config: Config,
  logger: Logger,
  options: { skipTemplates?: boolean; jobs?: 'start' | 'none'; jobPollingSeconds?: number } = {},
): Promise<Runtime> {
  let embedded: EmbeddedServer | null = null;
  let controlUrl: string;
  if (config.DATABASE_URL) {
    controlUrl = config.DATABASE_URL;
  } else {
    const pgLog = logger.child({ component: 'postgres' });
    // With backups on, every finished WAL segment is archived for point-in-time restores (ADR 0021).
    const backups = backupDirectory(config);
    embedded = await startEmbeddedPostgres({
      dataDir: config.DATA_DIR,
      port: config.EMBEDDED_PG_PORT,
      log: (m) => pgLog.debug(m),
      walArchiveDir: backups ? clusterBackupPaths(backups).wal : null,
    });
    if (embedded.walArchiveMovedAside)
      logger.warn(
        { movedTo: embedded.walArchiveMovedAside },
        'the cluster backups in BACKUP_DIR belonged to another PostgreSQL cluster: moved aside, new ones start',
      );
    controlUrl = await ensureControlDatabase(embedded.url);
  }
  const control = openControlDatabase(controlUrl, config.PG_CONTROL_POOL_SIZE, config.PG_ACQUIRE_TIMEOUT_MS);
  let listener: ControlChangeListener | null = null;
  const controlCache = new ControlCache(() => listener?.connected ?? false);
  watchControlWrites(control.pool, (table) => controlCache.wrote(table));
  let clusters: Clusters | null = null;
  try {
    const client = await control.pool.connect();
    try {
      const result = await migrateDatabase(client, 'control');
      if (result.applied.length > 0) logger.info({ applied: result.applied }, 'control database migrated');
    } finally {
      client.release();
    }
    clusters = new Clusters(config, controlUrl);
    for (const cluster of options.skipTemplates ? [] : clusters.tenantClusters.values()) {
      const result = await ensureTemplate(cluster);
      if (result.applied.length > 0) logger.info({ cluster: cluster.id, applied: result.applied }, 'tenant template migrated');
    }
  } catch (error) {
    await clusters?.close();
    await control.pool.end();
    await embedded?.stop();
    throw error;
  }
  const live = new LiveHub(control.db, logger);
  listener = new ControlChangeListener(controlUrl, controlCache, logger, live);
  await listener.start();
  const jobs = new JobRunner(controlUrl, logger, { pollingIntervalSeconds: options.jobPollingSeconds ?? 2 });
  if (options.jobs !== 'none') await jobs.start();
  const directory = new TenantDirectory(control.db, clusters);
  const mailer = new Mailer(config, control.db, logger, studioReplyTo(control.db, directory));
  const runtimeClusters = clusters;
  return {
    config,
    logger,
    control,
    clusters: runtimeClusters,
    directory,
    mailer,
    embedded,
    jobs,
    controlCache,
    live,
    async close() {
      await listener?.close();
      await jobs.stop().catch((error: unknown) => logger.warn({ err: error }, 'job runner did not stop cleanly'));
      mailer.close();
      await runtimeClusters.close();
      await control.pool.end();
      await embedded?.stop();
    },
  };
}
