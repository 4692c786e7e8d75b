/**
 * Scheduled backups (issue 13.1). With the embedded cluster archiving its WAL, each pass also takes that day's
 * base backup of the whole cluster (runClusterBackup, cluster-backup.ts, ADR 0021).
 *
 * Studio backups: once a day every active studio is backed up into
 * `BACKUP_DIR/<studio id>/<YYYY-MM-DD>.rsmbk` (the UTC day; a studio bundle, studio-bundle.ts: the database
 * archive plus, when the file store is local disk, every stored file of the studio), written to a `.partial` file and renamed once
 * complete. Each studio's run is recorded in the control database (`studio_backups`: started, finished, size,
 * ok or the error) and reported to `recordBackup('studio-daily', …)`; one studio's failure never stops the
 * others. Retention per studio: the 7 newest daily files and the 4 newest Sunday files are kept, older ones
 * deleted — counted in files, so backups that stop for a while never delete the last good ones.
 *
 * The job runs at start (after a pause) and then every hour; a studio already backed up that day is skipped,
 * so the hourly look costs one control query. Across servers a session advisory lock on the control database
 * lets one run at a time (released if the process dies).
 */
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { and, asc, desc, eq, lt } from 'drizzle-orm';
import pg from 'pg';
import { control } from '@rsm/db';
import type { Platform } from '../platform.ts';
import { backups as backupHistory, recordBackup } from '../observability/backups.ts';
import { backupKey } from './archive-format.ts';
import { backupDirectory } from './backup-dir.ts';
import { type StudioRef } from './studio-backup.ts';
import { writeStudioBundle } from './studio-bundle.ts';
import { fileStorage } from '../storage/storage.ts';
import { clusterBackupPaths, pruneClusterBackups, takeBaseBackup } from './cluster-backup.ts';
import { backupBucket, copyOffsite, OFFSITE_KIND, readOffsiteStatus, type BackupBucket, type OffsiteStatus } from './offsite.ts';

export const BACKUP_KIND = 'studio-daily';
/** The embedded cluster's daily base backup (ADR 0021), for the metrics and the operator page. */
export const CLUSTER_BACKUP_KIND = 'cluster-base';
export const KEEP_DAILY = 7;
export const KEEP_WEEKLY = 4;
/** How long the control table remembers runs (the files themselves follow the retention above). */
export const HISTORY_DAYS = 90;
const FILE_RE = /^(\d{4}-\d{2}-\d{2})\.rsmbk$/;

export { backupDirectory };

export interface StudioBackupResult {
  studioId: string;
  slug: string;
  day: string;
  ok: boolean;
  skipped: boolean;
  file: string | null;
  sizeBytes: number | null;
  error: string | null;
}

export interface DailyBackupOptions {
  /** The directory (default: `backupDirectory(config)`). */
  dir?: string;
  /** Only these studios (tests). */
  studioIds?: readonly string[];
  /** Back up this studio with this function instead (tests: a failure). */
  backup?: (platform: Platform, studio: StudioRef, file: string) => Promise<void>;
}

const utcDay = (at: Date) => at.toISOString().slice(0, 10);
const isSunday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay() === 0;

/** Which backup files of one studio to delete: all but the KEEP_DAILY newest and the KEEP_WEEKLY newest Sundays. */
export function filesToPrune(names: readonly string[]): string[] {
  const days = names
    .map((n) => FILE_RE.exec(n)?.[1])
    .filter((d): d is string => !!d)
    .sort()
    .reverse();
  const keep = new Set(days.slice(0, KEEP_DAILY));
  for (const day of days.filter(isSunday).slice(0, KEEP_WEEKLY)) keep.add(day);
  return days.filter((d) => !keep.has(d)).map((d) => `${d}.rsmbk`);
}

/** The file is opened before the backup starts, so a file that cannot be written fails the backup (not the process). */
async function writeBackup(platform: Platform, studio: StudioRef, file: string): Promise<void> {
  const handle = await open(file, 'w', 0o600);
  // Files on local disk go into the backup; an S3 store keeps its own copies (its versioning: see the README).
  await writeStudioBundle(platform, studio, handle.createWriteStream(), { includeFiles: fileStorage(platform.config).kind === 'local' });
}

/** Active studios (ready databases), by id. */
async function activeStudios(platform: Platform, only?: readonly string[]): Promise<StudioRef[]> {
  const rows = await platform.controlDb
    .select({ id: control.studios.id, slug: control.studios.slug, name: control.studios.name })
    .from(control.studios)
    .innerJoin(control.tenantDatabases, eq(control.tenantDatabases.studioId, control.studios.id))
    .where(eq(control.tenantDatabases.state, 'active'))
    .orderBy(asc(control.studios.id));
  const studios: StudioRef[] = [];
  for (const row of rows) {
    if (only && !only.includes(row.id)) continue;
    const location = await platform.directory.locate(row.id);
    if (location) studios.push({ ...row, location });
  }
  return studios;
}

/** Studios that already have a good backup for `day`. */
async function doneOn(platform: Platform, day: string): Promise<Set<string>> {
  const rows = await platform.controlDb
    .select({ studioId: control.studioBackups.studioId })
    .from(control.studioBackups)
    .where(and(eq(control.studioBackups.day, day), eq(control.studioBackups.ok, true)));
  return new Set(rows.map((r) => r.studioId));
}

/** One run over every active studio at the platform's clock; also called by tests with a controlled clock. */
export async function runDailyBackups(platform: Platform, options: DailyBackupOptions = {}): Promise<StudioBackupResult[]> {
  const dir = options.dir ?? backupDirectory(platform.config);
  if (!dir) return [];
  const day = utcDay(platform.clock.now());
  const done = await doneOn(platform, day);
  const encrypted = !!backupKey(platform.config.BACKUP_ENCRYPTION_KEY);
  const results: StudioBackupResult[] = [];
  for (const studio of await activeStudios(platform, options.studioIds)) {
    const studioDir = join(dir, studio.id);
    const file = join(studioDir, `${day}.rsmbk`);
    if (done.has(studio.id)) {
      results.push({ studioId: studio.id, slug: studio.slug, day, ok: true, skipped: true, file, sizeBytes: null, error: null });
      continue;
    }
    const startedAt = platform.clock.now();
    const partial = `${file}.partial`;
    let result: StudioBackupResult;
    try {
      await mkdir(studioDir, { recursive: true, mode: 0o700 });
      await (options.backup ?? writeBackup)(platform, studio, partial);
      await rename(partial, file);
      const { size } = await stat(file);
      result = { studioId: studio.id, slug: studio.slug, day, ok: true, skipped: false, file, sizeBytes: size, error: null };
    } catch (error) {
      await rm(partial, { force: true }).catch(() => undefined);
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      platform.logger.error({ err: error, studioId: studio.id }, 'scheduled studio backup failed');
      result = { studioId: studio.id, slug: studio.slug, day, ok: false, skipped: false, file: null, sizeBytes: null, error: message };
    }
    // The platform clock (tests fake it), like the day the backup is for.
    const finishedAt = new Date(Math.max(platform.clock.now().getTime(), startedAt.getTime()));
    await platform.controlDb.insert(control.studioBackups).values({
      studioId: studio.id,
      day,
      startedAt,
      finishedAt,
      ok: result.ok,
      sizeBytes: result.sizeBytes,
      file: result.file,
      encrypted: result.ok && encrypted,
      error: result.error,
    });
    recordBackup(BACKUP_KIND, finishedAt, result.ok);
    if (result.ok)
      await pruneStudio(platform, studioDir).catch((error: unknown) => platform.logger.warn({ err: error, studioId: studio.id }, 'backup retention failed'));
    results.push(result);
  }
  await platform.controlDb
    .delete(control.studioBackups)
    .where(lt(control.studioBackups.finishedAt, new Date(platform.clock.now().getTime() - HISTORY_DAYS * 86_400_000)));
  return results;
}

/** The embedded cluster whose base backups the daily job takes (null for an external cluster: its own tools back it up). */
export interface EmbeddedClusterRef {
  /** A superuser's URL (the embedded server's own user). */
  url: string;
  /** Its data directory (DATA_DIR/pg). */
  pgDir: string;
  /** DATA_DIR/pg-credentials.json, kept with each base backup. */
  credentialsFile: string;
}

export interface ClusterBackupResult {
  day: string;
  ok: boolean;
  skipped: boolean;
  dir: string | null;
  sizeBytes: number | null;
  error: string | null;
}

/**
 * The embedded cluster's base backup for the day (platform clock, UTC), once: recorded in `cluster_backups` and the
 * backup metrics, then retention (7 daily, 4 weekly base backups, and the WAL they no longer need).
 */
export async function runClusterBackup(platform: Platform, cluster: EmbeddedClusterRef, options: { dir?: string } = {}): Promise<ClusterBackupResult | null> {
  const dir = options.dir ?? backupDirectory(platform.config);
  if (!dir) return null;
  const day = utcDay(platform.clock.now());
  const [done] = await platform.controlDb
    .select({ dir: control.clusterBackups.dir })
    .from(control.clusterBackups)
    .where(and(eq(control.clusterBackups.day, day), eq(control.clusterBackups.ok, true)))
    .limit(1);
  if (done) return { day, ok: true, skipped: true, dir: done.dir, sizeBytes: null, error: null };
  const paths = clusterBackupPaths(dir);
  const startedAt = platform.clock.now();
  let result: ClusterBackupResult;
  let startWal: string | null = null;
  try {
    // The backup's own times are the real clock: a restore compares them with real commit times.
    const backup = await takeBaseBackup({ url: cluster.url, pgDir: cluster.pgDir, baseDir: paths.base, credentialsFile: cluster.credentialsFile });
    startWal = backup.manifest.startWal;
    result = { day, ok: true, skipped: false, dir: backup.dir, sizeBytes: backup.manifest.sizeBytes, error: null };
  } catch (error) {
    platform.logger.error({ err: error }, 'cluster base backup failed');
    result = { day, ok: false, skipped: false, dir: null, sizeBytes: null, error: (error instanceof Error ? error.message : String(error)).slice(0, 500) };
  }
  const finishedAt = new Date(Math.max(platform.clock.now().getTime(), startedAt.getTime()));
  await platform.controlDb.insert(control.clusterBackups).values({
    day,
    startedAt,
    finishedAt,
    ok: result.ok,
    sizeBytes: result.sizeBytes,
    dir: result.dir,
    startWal,
    error: result.error,
  });
  recordBackup(CLUSTER_BACKUP_KIND, finishedAt, result.ok);
  if (result.ok) {
    try {
      const pruned = await pruneClusterBackups(paths);
      if (pruned.baseBackups.length > 0 || pruned.walFiles > 0) platform.logger.info(pruned, 'old cluster base backups and WAL deleted (retention)');
    } catch (error) {
      platform.logger.warn({ err: error }, 'cluster backup retention failed');
    }
  }
  await platform.controlDb
    .delete(control.clusterBackups)
    .where(lt(control.clusterBackups.finishedAt, new Date(platform.clock.now().getTime() - HISTORY_DAYS * 86_400_000)));
  return result;
}

async function pruneStudio(platform: Platform, studioDir: string): Promise<void> {
  const names = await readdir(studioDir);
  for (const name of filesToPrune(names)) {
    await rm(join(studioDir, name), { force: true });
    platform.logger.info({ file: join(studioDir, name) }, 'old studio backup deleted (retention)');
  }
}

/** At start: the newest good scheduled backup recorded in the control database feeds the backup-age metric. */
export async function loadBackupHistory(platform: Platform): Promise<void> {
  const [latest] = await platform.controlDb
    .select({ finishedAt: control.studioBackups.finishedAt })
    .from(control.studioBackups)
    .where(eq(control.studioBackups.ok, true))
    .orderBy(desc(control.studioBackups.finishedAt))
    .limit(1);
  if (latest && !backupHistory.latestSuccesses().some((r) => r.kind === BACKUP_KIND)) recordBackup(BACKUP_KIND, latest.finishedAt, true);
  const [cluster] = await platform.controlDb
    .select({ finishedAt: control.clusterBackups.finishedAt })
    .from(control.clusterBackups)
    .where(eq(control.clusterBackups.ok, true))
    .orderBy(desc(control.clusterBackups.finishedAt))
    .limit(1);
  if (cluster && !backupHistory.latestSuccesses().some((r) => r.kind === CLUSTER_BACKUP_KIND)) recordBackup(CLUSTER_BACKUP_KIND, cluster.finishedAt, true);
}

/** One run at a time across servers; false when another server holds the lock. */
async function withRunLock(platform: Platform, work: () => Promise<unknown>, lock = 'rsm-daily-backups'): Promise<boolean> {
  const client = new pg.Client({ connectionString: platform.clusters.controlUrl, application_name: 'rsm-backup-lock' });
  await client.connect();
  try {
    const res = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS ok`, [lock]);
    if (!res.rows[0]?.ok) return false;
    await work();
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Starts the schedule (first look after `firstMs`, then every `everyMs`); returns a stop that waits for a running pass. */
export function startDailyBackups(
  platform: Platform,
  options: { firstMs?: number; everyMs?: number; cluster?: EmbeddedClusterRef | null } = {},
): () => Promise<void> {
  const dir = backupDirectory(platform.config);
  if (!dir) {
    platform.logger.info('scheduled studio backups are off (BACKUP_DIR=off)');
    return async () => undefined;
  }
  let stopped = false;
  let current: Promise<unknown> = loadBackupHistory(platform).catch((error: unknown) =>
    platform.logger.warn({ err: error }, 'backup history could not be read'),
  );
  let timer: NodeJS.Timeout | null = null;
  const pass = () => {
    current = withRunLock(platform, async () => {
      const results = await runDailyBackups(platform, { dir });
      const ran = results.filter((r) => !r.skipped);
      if (ran.length > 0)
        platform.logger.info({ ok: ran.filter((r) => r.ok).length, failed: ran.filter((r) => !r.ok).length, dir }, 'scheduled studio backups done');
      if (options.cluster) {
        const cluster = await runClusterBackup(platform, options.cluster, { dir });
        if (cluster && !cluster.skipped) platform.logger.info({ ok: cluster.ok, dir: cluster.dir, sizeBytes: cluster.sizeBytes }, 'cluster base backup done');
      }
    })
      .catch((error: unknown) => platform.logger.error({ err: error }, 'scheduled studio backups failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(pass, options.everyMs ?? 3_600_000);
      });
  };
  timer = setTimeout(pass, options.firstMs ?? 120_000);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await current.catch(() => undefined);
  };
}

/** One off-site copy pass of BACKUP_DIR (offsite.ts), reported to the backup metrics as `offsite-copy`. */
export async function runOffsiteCopy(platform: Platform, options: { dir: string; bucket: BackupBucket }): Promise<OffsiteStatus> {
  const status = await copyOffsite({
    backupDir: options.dir,
    bucket: options.bucket,
    studioFilesToPrune: filesToPrune,
    log: platform.logger,
  });
  recordBackup(OFFSITE_KIND, new Date(status.lastRunAt), status.ok);
  return status;
}

/**
 * With an S3 store configured, BACKUP_DIR is copied off the machine every `everyMs` (default a minute: the off-site
 * recovery point is then archive_timeout + 1 minute). One server at a time (advisory lock). Returns a stop.
 */
export function startOffsiteCopies(
  platform: Platform,
  options: { firstMs?: number; everyMs?: number; bucket?: BackupBucket | null } = {},
): () => Promise<void> {
  const dir = backupDirectory(platform.config);
  const bucket = options.bucket === undefined ? backupBucket(platform.config) : options.bucket;
  if (!dir || !bucket) {
    if (dir) platform.logger.info('off-site backup copy is off (no S3_BUCKET): backups stay in BACKUP_DIR only');
    return async () => undefined;
  }
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<unknown> = readOffsiteStatus(dir)
    .then((status) => {
      if (status?.lastSuccessAt && !backupHistory.latestSuccesses().some((r) => r.kind === OFFSITE_KIND))
        recordBackup(OFFSITE_KIND, new Date(status.lastSuccessAt), true);
    })
    .catch(() => undefined);
  let lastOk = true;
  const pass = () => {
    current = withRunLock(
      platform,
      async () => {
        const status = await runOffsiteCopy(platform, { dir, bucket });
        if (status.uploaded > 0 || status.deleted > 0)
          platform.logger.info(
            { uploaded: status.uploaded, bytes: status.uploadedBytes, deleted: status.deleted, where: status.where },
            'off-site backup copy done',
          );
        if (!status.ok) platform.logger.error({ failed: status.failed, error: status.error, where: status.where }, 'off-site backup copy failed');
        else if (!lastOk) platform.logger.info({ where: status.where }, 'off-site backup copy works again');
        lastOk = status.ok;
      },
      'rsm-offsite-backups',
    )
      .catch((error: unknown) => platform.logger.error({ err: error }, 'off-site backup copy failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(pass, options.everyMs ?? 60_000);
      });
  };
  timer = setTimeout(pass, options.firstMs ?? 30_000);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await current.catch(() => undefined);
  };
}
