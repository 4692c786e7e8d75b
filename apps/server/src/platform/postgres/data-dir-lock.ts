/**
 * One server per data folder: `DATA_DIR/server.lock` names the owning process (ADR 5).
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `Another Recording Studio Manager process (pid ${pid}) is already using the data directory ${dir}. Stop it first, or set DATA_DIR to another folder.`,
    );
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
 * dead process is removed only by the holder of a second, short-lived lock (`server.lock.takeover`, taken the
 * same way), who checks again that its pid is dead and that the file is the very one judged stale (inode):
 * removals never race, so a fresh lock of a live starter is never removed and two starters never both win.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockFile = join(dataDir, 'server.lock');
  const mine = join(dataDir, `server.lock.${process.pid}.${randomBytes(4).toString('hex')}`);
  writeFileSync(mine, `${process.pid}\n`, { flag: 'wx' });
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      if (tryLink(mine, lockFile)) {
        const ino = statSync(mine).ino;
        return () => releaseIfOurs(lockFile, ino, dataDir);
      }
      const holder = readPid(lockFile);
      if (holder !== null && isAlive(holder)) throw new DataDirLockedError(dataDir, holder);
      withTakeoverLock(dataDir, mine, () => removeIfStale(lockFile, dataDir));
    }
    throw new Error(`Could not lock ${dataDir}: its lock file keeps changing`);
  } finally {
    rmSync(mine, { force: true }); // the lock file itself is a second name for the same inode
  }
}

/** Run `work` holding `server.lock.takeover` (itself taken over when its holder died). */
function withTakeoverLock(dataDir: string, mine: string, work: () => void): void {
  const takeover = join(dataDir, 'server.lock.takeover');
  const deadline = Date.now() + 5_000;
  while (!tryLink(mine, takeover)) {
    const holder = readPid(takeover);
    const seen = statOrNull(takeover);
    // Its holder died inside the takeover (a few microseconds): remove it, checking it is still that file.
    if (seen && (holder === null || !isAlive(holder))) removeIfSameInode(takeover, seen.ino, dataDir);
    if (Date.now() > deadline) throw new Error(`Could not lock ${dataDir}: ${takeover} stays taken`);
  }
  try {
    work();
  } finally {
    rmSync(takeover, { force: true });
  }
}

/** Under the takeover lock: remove the lock file if its process is dead (a live one's is left alone). */
function removeIfStale(lockFile: string, dataDir: string): void {
  const seen = statOrNull(lockFile);
  if (!seen) return;
  const holder = readPid(lockFile);
  if (holder !== null && isAlive(holder)) return;
  removeIfSameInode(lockFile, seen.ino, dataDir);
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

/** Remove `file` if it is still the inode `ino` (moved aside first, and put back if it is not). */
function removeIfSameInode(file: string, ino: number, dataDir: string): void {
  const aside = join(dataDir, `server.lock.aside.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (statSync(aside).ino !== ino) tryLink(aside, file);
  rmSync(aside, { force: true });
}

/** Remove the lock only if it is still ours (same inode), never a successor's. */
function releaseIfOurs(lockFile: string, ino: number, dataDir: string): void {
  if (statOrNull(lockFile)?.ino === ino) removeIfSameInode(lockFile, ino, dataDir);
}
