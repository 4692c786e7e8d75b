/**
 * `npm run backup:restore-cluster -- --to "2026-12-01 14:00" [--from-base <dir>] [--from-s3] [--data <dir>] [--port <n>] [--dry-run]`:
 * point-in-time restore of the embedded PostgreSQL cluster from BACKUP_DIR/cluster (ADR 0021), with the server
 * stopped. The time is UTC unless it names a zone ("… +01:00", "… Europe/Paris"). The current data directory is
 * moved aside, never deleted. `--dry-run` only prints the plan.
 *
 * With `--from-s3` — or by itself when BACKUP_DIR holds no base backup and an S3 store is configured — the base
 * backup and WAL the restore needs are first downloaded from the off-site copy (offsite.ts) into
 * BACKUP_DIR/s3-restore-<time>/, which is deleted once the restore succeeded.
 */
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { loadConfig } from '../config/env.ts';
import { backupDirectory } from '../platform/backup/backup-dir.ts';
import { clusterBackupPaths, listBaseBackups, prepareWalArchive, stampOf } from '../platform/backup/cluster-backup.ts';
import {
  ClusterRestoreError,
  describePlan,
  parseTargetTime,
  planClusterRestore,
  restoreCluster,
  restoredCredentials,
} from '../platform/backup/cluster-restore.ts';
import { backupBucket, clusterKeyOf } from '../platform/backup/offsite.ts';
import { downloadS3Plan, planS3Download } from '../platform/backup/offsite-restore.ts';
import { acquireDataDirLock, DataDirLockedError } from '../platform/postgres/data-dir-lock.ts';
import { postgresUserIds } from '../platform/postgres/embedded.ts';
import { cliFlag, cliOption } from './cli-options.ts';

const USAGE =
  'Usage: npm run backup:restore-cluster -- --to "2026-12-01 14:00" [--from-base <dir>] [--from-s3] [--data <data dir>] [--port <port>] [--dry-run]';

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

const to = cliOption('--to');
if (!to) fail(USAGE, 2);
let config;
try {
  config = loadConfig();
} catch (error) {
  fail(String((error as Error).message), 2);
}
if (config.DATABASE_URL)
  fail(
    'DATABASE_URL is set: this server uses an external PostgreSQL cluster, which the in-app cluster backup does not cover. Restore it with its own tools (pgBackRest, WAL-G, pg_dump; see the README).',
    2,
  );
const backupDir = backupDirectory(config);
if (!backupDir) fail('BACKUP_DIR=off: set BACKUP_DIR to the folder holding the backups (its cluster/ folder is used).', 2);

const dataDir = resolve(config.DATA_DIR);
const pgDir = resolve(cliOption('--data') ?? join(dataDir, 'pg'));
const port = Number(cliOption('--port') ?? config.EMBEDDED_PG_PORT);
if (!Number.isInteger(port) || port < 1024 || port > 65535) fail('--port must be a port number (1024–65535).', 2);
const paths = clusterBackupPaths(backupDir);

let release: (() => void) | null = null;
let code = 0;
let downloadDir: string | null = null;
let archiveWalDir: string | undefined;
try {
  const target = parseTargetTime(to);
  const fromBase = cliOption('--from-base');
  const bucket = backupBucket(config);
  let fromS3 = cliFlag('--from-s3');
  if (fromS3 && fromBase) throw new ClusterRestoreError('--from-s3 and --from-base exclude each other.');
  if (fromS3 && !bucket) throw new ClusterRestoreError('--from-s3 needs the S3 store (S3_BUCKET and S3_*) the off-site copy went to.');
  if (!fromS3 && !fromBase && bucket && (await listBaseBackups(paths.base)).length === 0) {
    console.log(`There is no base backup in ${paths.base}: using the off-site copy in ${bucket.where}.`);
    fromS3 = true;
  }
  let baseDir = paths.base;
  let walDir = paths.wal;
  if (fromS3 && bucket) {
    downloadDir = join(backupDir, `s3-restore-${stampOf(new Date())}`);
    const download = await planS3Download(bucket, target, downloadDir, await clusterKeyOf(backupDir));
    console.log(
      `From ${bucket.where}${download.clusterKey}: base backup ${download.base.name} and ${download.files.length} files (${(download.bytes / 1024 ** 2).toFixed(1)} MiB) into ${downloadDir}`,
    );
    if (cliFlag('--dry-run')) {
      console.log('Dry run: nothing was downloaded or changed.');
      process.exit(0);
    }
    let shown = 0;
    await downloadS3Plan(bucket, download, (done, total) => {
      if (done === total || Date.now() - shown > 5000) {
        shown = Date.now();
        console.log(`  downloaded ${done}/${total} files`);
      }
    });
    baseDir = download.baseDir;
    walDir = download.walDir;
    // The restored cluster keeps archiving into BACKUP_DIR/cluster/wal (its new timeline's history file first).
    const owner = userInfo().uid === 0 ? postgresUserIds() : null;
    prepareWalArchive(paths.wal, owner, download.clusterKey.slice('cluster-'.length));
    // As root PostgreSQL (the `postgres` user) reads the downloaded WAL through restore_command.
    if (owner) {
      for (const path of [downloadDir, join(downloadDir, 'base'), join(downloadDir, 'wal')]) if (existsSync(path)) chownSync(path, owner.uid, owner.gid);
      for (const name of readdirSync(walDir)) chownSync(join(walDir, name), owner.uid, owner.gid);
    }
    archiveWalDir = paths.wal;
  }
  const plan = await planClusterRestore({ target, baseDir, walDir, pgDir, fromBase });
  console.log(describePlan(plan).join('\n'));
  if (cliFlag('--dry-run')) {
    console.log('Dry run: nothing was changed.');
    process.exit(0);
  }
  // The server's own data directory: the server must be stopped (its lock file says whether it runs).
  if (dirname(pgDir) === dataDir) {
    mkdirSync(dataDir, { recursive: true });
    // As root PostgreSQL runs as `postgres`, which must walk into DATA_DIR (as the server itself arranges).
    if (userInfo().uid === 0) chmodSync(dataDir, 0o711);
    release = acquireDataDirLock(dataDir);
  }
  const credentialsFile = join(dataDir, 'pg-credentials.json');
  const current = existsSync(credentialsFile) ? (JSON.parse(readFileSync(credentialsFile, 'utf8')) as { user: string; password: string }) : null;
  const credentials = await restoredCredentials(plan.base, current);
  console.log('Replaying the archived WAL… (this can take a while for a day of changes)');
  const result = await restoreCluster(plan, {
    port,
    credentials,
    ...(archiveWalDir ? { archiveWalDir } : {}),
    log: (line) => {
      if (/FATAL|PANIC|ERROR|recovery stopping|starting point-in-time recovery|selected new timeline|archive recovery complete/.test(line))
        console.log(`  postgres: ${line}`);
    },
  });
  // The restored cluster accepts the user saved with the backup: the server must use it.
  if (dirname(pgDir) === dataDir && (!current || current.user !== credentials.user || current.password !== credentials.password)) {
    if (current) renameSync(credentialsFile, `${credentialsFile}.before-restore-${stampOf(new Date())}`);
    writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  }
  console.log(
    `Restored: WAL replayed up to ${result.replayLsn}` +
      (result.replayTime ? `, last transaction committed at ${result.replayTime.toISOString()}` : '') +
      `; the cluster now runs on timeline ${result.timeline}.`,
  );
  if (plan.asideDir) console.log(`The previous data directory is kept in ${plan.asideDir}: delete it once satisfied.`);
  if (downloadDir) {
    rmSync(downloadDir, { recursive: true, force: true });
    console.log(`The files downloaded from the bucket (${downloadDir}) were deleted.`);
  }
  console.log('Start the server again (npm start).');
} catch (error) {
  if (error instanceof ClusterRestoreError || error instanceof DataDirLockedError) console.error(`Restore failed: ${error.message}`);
  else console.error(`Restore failed: ${String((error as Error)?.stack ?? error)}`);
  code = 1;
} finally {
  release?.();
}
process.exit(code);
