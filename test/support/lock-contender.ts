/**
 * One contender for the data-folder lock, driven line by line on stdin by data-dir-lock.test.ts:
 * `try <dir> <goFile>` spins until <goFile> exists (so every contender starts at the same moment), tries to
 * take the lock and answers `won` or `lost`; `release` gives back a lock it won.
 */
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { acquireDataDirLock, DataDirLockedError } from '../../apps/server/src/platform/postgres/data-dir-lock.ts';

let release: (() => void) | null = null;
for await (const line of createInterface({ input: process.stdin })) {
  const [command, dir, goFile] = line.split(' ');
  if (command === 'try') {
    while (!existsSync(goFile!)) {
      // spin: the point is to start at the same instant as the other contenders
    }
    try {
      release = acquireDataDirLock(dir!);
      process.stdout.write('won\n');
    } catch (error) {
      process.stdout.write(error instanceof DataDirLockedError ? 'lost\n' : `error ${String(error)}\n`);
    }
  } else if (command === 'release') {
    release?.();
    release = null;
    process.stdout.write('released\n');
  }
}
