/**
 * One server per data folder: `DATA_DIR/server.lock` names the owning process (ADR 5).
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(`Another Recording Studio Manager process (pid ${pid}) is already using the data directory ${dir}. Stop it first, or set DATA_DIR to another folder.`);
    this.name = 'DataDirLockedError';
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Take the data directory for this process, or explain who holds it.
 *
 * Taking it is one atomic step: our pid is written to a private file which is then hard-linked to
 * `server.lock` — `link` fails if the name exists, so two starters can never both create it. A lock left by a
 * dead process is taken over by renaming it aside and checking that what was moved is the very file (inode)
 * judged stale: if another starter replaced it meanwhile, its fresh lock is put back and we lose.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockFile = join(dataDir, 'server.lock');
  const mine = join(dataDir, `server.lock.${process.pid}.${randomBytes(4).toString('hex')}`);
  writeFileSync(mine, `${process.pid}\n`, { flag: 'wx' });
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      if (tryLink(mine, lockFile)) {
        const ino = statSync(mine).ino;
        return () => releaseIfOurs(lockFile, ino, dataDir);
      }
      const seen = statOrNull(lockFile);
      if (!seen) continue; // released between our link and our look: try again
      const holder = readPid(lockFile);
      if (holder !== null && isAlive(holder)) throw new DataDirLockedError(dataDir, holder);
      takeOverStale(lockFile, seen.ino, dataDir);
    }
    throw new Error(`Could not lock ${dataDir}: its lock file keeps changing`);
  } finally {
    rmSync(mine, { force: true }); // the lock file itself is a second name for the same inode
  }
}

function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function statOrNull(file: string): { ino: number } | null {
  try {
    return statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Move `lockFile` aside; keep it removed only if it is the inode judged stale, else put it back. */
function takeOverStale(lockFile: string, staleIno: number, dataDir: string): void {
  const aside = join(dataDir, `server.lock.stale.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    renameSync(lockFile, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // another starter removed it first
    throw error;
  }
  if (statSync(aside).ino !== staleIno) tryLink(aside, lockFile); // a fresh lock of a live starter: restore it
  rmSync(aside, { force: true });
}

/** Remove the lock only if it is still ours (same inode), never a successor's. */
function releaseIfOurs(lockFile: string, ino: number, dataDir: string): void {
  if (statOrNull(lockFile)?.ino !== ino) return;
  const aside = join(dataDir, `server.lock.released.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    renameSync(lockFile, aside);
  } catch {
    return;
  }
  if (statSync(aside).ino !== ino) tryLink(aside, lockFile);
  rmSync(aside, { force: true });
}
