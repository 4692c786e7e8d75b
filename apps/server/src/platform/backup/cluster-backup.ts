/**
 * The embedded cluster's point-in-time backups (issue 13.1, ADR 0021): continuous WAL archiving plus a daily base
 * backup taken through PostgreSQL's low-level API, under `BACKUP_DIR/cluster/`:
 *
 *   cluster/wal/<segment>                   every finished WAL segment (archive_command = archive-wal.sh)
 *   cluster/base/<stamp>/base.tar.gz        the data directory, copied between pg_backup_start and pg_backup_stop
 *   cluster/base/<stamp>/backup_label       what pg_backup_stop returned (and tablespace_map when not empty)
 *   cluster/base/<stamp>/pg-credentials.json  the server's PostgreSQL user, as in DATA_DIR (mode 600)
 *   cluster/base/<stamp>/backup.json        when it was taken, its WAL range and size (written last)
 *
 * A base backup is written into `<stamp>.partial` and renamed once complete, so a folder without that suffix is
 * always whole. Retention keeps 7 daily and 4 weekly base backups; archived WAL older than the oldest kept base
 * backup's first segment is deleted. Only for the embedded server: an external cluster is backed up with its own
 * tools (README).
 */
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** The archive_command script: beside this module in the sources, and beside the bundle's chunks (scripts/build-server.ts copies it). */
export const ARCHIVE_SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), 'archive-wal.sh');

export const KEEP_DAILY_BASE = 7;
export const CREDENTIALS_FILE = 'pg-credentials.json';
export const KEEP_WEEKLY_BASE = 4;
/** archive_timeout: a partly filled segment is archived after at most this long, the recovery point objective. */
export const ARCHIVE_TIMEOUT_SECONDS = 300;
/** pg_backup_stop waits for the archiver; a broken archive fails the backup after this long instead of hanging. */
const STOP_TIMEOUT_MS = 10 * 60_000;

export interface ClusterBackupPaths {
  root: string;
  wal: string;
  base: string;
}

export function clusterBackupPaths(backupDir: string): ClusterBackupPaths {
  const root = join(resolve(backupDir), 'cluster');
  return { root, wal: join(root, 'wal'), base: join(root, 'base') };
}

/** A string as one shell word ('…'), for archive_command / restore_command, which PostgreSQL runs through sh. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A path inside archive_command / restore_command: `%` is PostgreSQL's escape there (%p, %f), so it is doubled. */
function commandPath(path: string): string {
  return shellQuote(path.replace(/%/g, '%%'));
}

export function archiveCommand(walDir: string, script = ARCHIVE_SCRIPT): string {
  return `/bin/sh ${commandPath(script)} %p ${commandPath(`${walDir}/`)}%f`;
}

export function restoreCommand(walDir: string): string {
  return `cp ${commandPath(`${walDir}/`)}%f %p`;
}

/** The server flags that turn archiving on (the embedded server passes them at every start). */
export function archivingFlags(walDir: string): string[] {
  return [
    '-c',
    'wal_level=replica',
    '-c',
    'archive_mode=on',
    '-c',
    `archive_timeout=${ARCHIVE_TIMEOUT_SECONDS}`,
    '-c',
    `archive_command=${archiveCommand(walDir)}`,
  ];
}

/** The cluster's system identifier, from `global/pg_control` (its first field, a uint64 in the machine's byte order). */
export function readSystemIdentifier(pgDir: string): string {
  const control = readFileSync(join(pgDir, 'global', 'pg_control'));
  return (endianness() === 'LE' ? control.readBigUInt64LE(0) : control.readBigUInt64BE(0)).toString();
}

/**
 * The archive folder exists and PostgreSQL can write into it. As root PostgreSQL runs as the `postgres` user
 * (`owner`): the folder becomes its own, and the two folders above it (BACKUP_DIR/cluster, BACKUP_DIR) let it walk
 * through (execute only: it cannot list or read the studio backups beside).
 *
 * `BACKUP_DIR/cluster/system-identifier` names the cluster the archive belongs to. A new cluster (DATA_DIR/pg created
 * again) starts its WAL file names from the beginning: its segments would collide with the old archive's, which
 * archive-wal.sh refuses to overwrite, and archiving would stall. So the old `cluster` folder is moved aside to
 * `cluster-<its system identifier>` (kept whole: base backups and WAL of the old cluster), and returned.
 */
export function prepareWalArchive(walDir: string, owner: { uid: number; gid: number } | null, systemIdentifier: string): { movedAside: string | null } {
  const root = dirname(walDir);
  const marker = join(root, 'system-identifier');
  let movedAside: string | null = null;
  if (existsSync(marker)) {
    const previous = readFileSync(marker, 'utf8').trim();
    if (previous !== systemIdentifier) {
      movedAside = `${root}-${previous}`;
      renameSync(root, movedAside);
    }
  }
  mkdirSync(walDir, { recursive: true, mode: 0o700 });
  if (!existsSync(marker)) writeFileSync(marker, `${systemIdentifier}\n`, { mode: 0o644 });
  if (owner) {
    for (const parent of [dirname(root), root]) chmodSync(parent, (statSync(parent).mode & 0o777) | 0o011);
    chownSync(walDir, owner.uid, owner.gid);
  }
  if (!existsSync(ARCHIVE_SCRIPT)) throw new Error(`The WAL archive script is missing: ${ARCHIVE_SCRIPT}`);
  return { movedAside };
}

// ---- base backups ----

export interface BaseBackupManifest {
  format: 1;
  label: string;
  startedAt: string;
  /** When pg_backup_stop returned: a restore can target any time after this. */
  stoppedAt: string;
  startLsn: string;
  startWal: string;
  stopLsn: string;
  stopWal: string;
  timeline: number;
  sizeBytes: number;
  serverVersion: string;
  hasTablespaceMap: boolean;
}

export interface BaseBackup {
  /** The folder name, e.g. 2026-12-07T03-00-00Z. */
  name: string;
  dir: string;
  manifest: BaseBackupManifest;
}

/** Paths (relative to the data directory, as tar names them) that a base backup leaves out, per the PostgreSQL docs. */
const EXCLUDES = [
  './pg_wal/*',
  './postmaster.pid',
  './postmaster.opts',
  './pg_replslot/*',
  './pg_dynshmem/*',
  './pg_notify/*',
  './pg_serial/*',
  './pg_snapshots/*',
  './pg_stat_tmp/*',
  './pg_subtrans/*',
  './backup_label',
  './tablespace_map',
  './recovery.signal',
  './standby.signal',
  './current_logfiles',
  'pgsql_tmp*',
  'pg_internal.init',
];

export function stampOf(at: Date): string {
  return at.toISOString().slice(0, 19).replace(/:/g, '-') + 'Z';
}

const STAMP_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z$/;

export function timeOfStamp(name: string): Date | null {
  const m = STAMP_RE.exec(name);
  return m ? new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`) : null;
}

/**
 * Copy the running cluster's data directory between pg_backup_start and pg_backup_stop on one connection.
 * `url` must be a superuser's (the embedded server's own user is).
 */
export async function takeBaseBackup(options: {
  url: string;
  pgDir: string;
  baseDir: string;
  /** DATA_DIR/pg-credentials.json: kept with the backup, so a restore on a new machine can connect as before. */
  credentialsFile?: string;
  now?: () => Date;
}): Promise<BaseBackup> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const name = stampOf(startedAt);
  const dir = join(options.baseDir, name);
  const partial = `${dir}.partial`;
  if (existsSync(dir)) throw new Error(`A base backup named ${name} exists already`);
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true, mode: 0o700 });
  const client = new pg.Client({ connectionString: options.url, application_name: 'rsm-base-backup' });
  await client.connect();
  try {
    const label = `rsm base backup ${name}`;
    const start = await client.query<{ lsn: string; wal: string; timeline: string; version: string }>(
      `SELECT b.lsn::text AS lsn, pg_walfile_name(b.lsn) AS wal, (SELECT timeline_id FROM pg_control_checkpoint())::text AS timeline,
              current_setting('server_version') AS version
         FROM (SELECT pg_backup_start($1, fast => true) AS lsn) b`,
      [label],
    );
    const tarFile = join(partial, 'base.tar.gz');
    await tarDataDir(options.pgDir, tarFile);
    await client.query(`SET statement_timeout = ${STOP_TIMEOUT_MS}`);
    const stop = await client.query<{ lsn: string; wal: string; labelfile: string; spcmapfile: string | null }>(
      `SELECT lsn::text AS lsn, pg_walfile_name(lsn) AS wal, labelfile, spcmapfile FROM pg_backup_stop(wait_for_archive => true)`,
    );
    const stoppedAt = now();
    const s = start.rows[0]!;
    const e = stop.rows[0]!;
    await writeDurable(join(partial, 'backup_label'), e.labelfile);
    const hasTablespaceMap = !!e.spcmapfile && e.spcmapfile.length > 0;
    if (hasTablespaceMap) await writeDurable(join(partial, 'tablespace_map'), e.spcmapfile!);
    const { size } = await stat(tarFile);
    const manifest: BaseBackupManifest = {
      format: 1,
      label,
      startedAt: startedAt.toISOString(),
      stoppedAt: stoppedAt.toISOString(),
      startLsn: s.lsn,
      startWal: s.wal,
      stopLsn: e.lsn,
      stopWal: e.wal,
      timeline: Number(s.timeline),
      sizeBytes: size,
      serverVersion: s.version,
      hasTablespaceMap,
    };
    if (options.credentialsFile) await writeDurable(join(partial, CREDENTIALS_FILE), await readFile(options.credentialsFile, 'utf8'));
    await writeDurable(join(partial, 'backup.json'), JSON.stringify(manifest, null, 2) + '\n');
    await rename(partial, dir);
    return { name, dir, manifest };
  } catch (error) {
    await rm(partial, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  } finally {
    // Ending the session aborts a backup that was started and not stopped.
    await client.end().catch(() => undefined);
  }
}

async function writeDurable(file: string, content: string): Promise<void> {
  await writeFile(file, content, { mode: 0o600, flush: true });
}

/** GNU tar of the data directory. Files changing or vanishing while read are expected (WAL replay fixes them up). */
async function tarDataDir(pgDir: string, tarFile: string): Promise<void> {
  const args = [
    '--create',
    '--file',
    tarFile,
    '--use-compress-program=gzip -1',
    '--directory',
    pgDir,
    '--warning=no-file-changed',
    '--warning=no-file-removed',
    '--warning=no-file-shrank',
    '--ignore-failed-read',
    ...EXCLUDES.map((e) => `--exclude=${e}`),
    '.',
  ];
  try {
    await run('tar', args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    // Exit status 1: "some files differ" (changed while read), which an online base backup expects.
    if ((error as { code?: unknown }).code === 1) return;
    throw new Error(`tar could not copy ${pgDir}: ${(error as { stderr?: string }).stderr?.trim() || String(error)}`, { cause: error });
  }
  // Make the archive durable before the backup is declared complete.
  await run('sync', ['--', tarFile]);
}

/** The complete base backups (folders with a manifest), oldest first. */
export async function listBaseBackups(baseDir: string): Promise<BaseBackup[]> {
  let names: string[];
  try {
    names = await readdir(baseDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const backups: BaseBackup[] = [];
  for (const name of names.filter((n) => STAMP_RE.test(n)).sort()) {
    const dir = join(baseDir, name);
    try {
      const manifest = JSON.parse(await readFile(join(dir, 'backup.json'), 'utf8')) as BaseBackupManifest;
      backups.push({ name, dir, manifest });
    } catch {
      // not a complete backup
    }
  }
  return backups;
}

/** Which base backups to delete: all but the newest of each of the KEEP_DAILY newest UTC days and of the KEEP_WEEKLY newest ISO weeks. */
export function baseBackupsToPrune(names: readonly string[]): string[] {
  const dated = names
    .map((name) => ({ name, at: timeOfStamp(name) }))
    .filter((b): b is { name: string; at: Date } => b.at !== null)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const keep = new Set<string>();
  const newestPer = (key: (at: Date) => string, count: number) => {
    const seen = new Set<string>();
    for (const b of dated) {
      const k = key(b.at);
      if (seen.has(k)) continue;
      if (seen.size >= count) break;
      seen.add(k);
      keep.add(b.name);
    }
  };
  newestPer((at) => at.toISOString().slice(0, 10), KEEP_DAILY_BASE);
  newestPer(isoWeek, KEEP_WEEKLY_BASE);
  return dated.filter((b) => !keep.has(b.name)).map((b) => b.name);
}

/** ISO 8601 week (e.g. 2026-W49) of a UTC instant. */
export function isoWeek(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the Thursday of this week decides its year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const WAL_FILE_RE = /^([0-9A-F]{8})([0-9A-F]{16})(\.partial|\.[0-9A-F]{8}\.backup)?$/;

/**
 * Archived WAL files no kept base backup needs: segments (and .partial / .backup files) before `oldestStartWal`,
 * comparing the segment number and not the timeline, like pg_archivecleanup. Timeline history files are kept.
 */
export function walFilesToPrune(names: readonly string[], oldestStartWal: string): string[] {
  const oldest = WAL_FILE_RE.exec(oldestStartWal);
  if (!oldest || oldest[3]) throw new Error(`Not a WAL segment name: ${oldestStartWal}`);
  return names.filter((name) => {
    const m = WAL_FILE_RE.exec(name);
    return !!m && m[2]! < oldest[2]!;
  });
}

/** Retention: old base backups, then the WAL no remaining base backup needs. Returns what was deleted. */
export async function pruneClusterBackups(paths: ClusterBackupPaths): Promise<{ baseBackups: string[]; walFiles: number }> {
  // A base backup that never completed (the process died) is only a `.partial` folder: one runs at a time.
  for (const name of await readdir(paths.base).catch(() => [] as string[]))
    if (name.endsWith('.partial')) await rm(join(paths.base, name), { recursive: true, force: true });
  const all = await listBaseBackups(paths.base);
  const drop = new Set(baseBackupsToPrune(all.map((b) => b.name)));
  for (const name of drop) await rm(join(paths.base, name), { recursive: true, force: true });
  const kept = all.filter((b) => !drop.has(b.name));
  const oldest = kept[0];
  let walFiles = 0;
  if (oldest) {
    const names = await readdir(paths.wal).catch(() => [] as string[]);
    for (const name of walFilesToPrune(names, oldest.manifest.startWal)) {
      await rm(join(paths.wal, name), { force: true });
      walFiles++;
    }
  }
  return { baseBackups: [...drop], walFiles };
}
