/**
 * Taking the data folder is atomic: several processes starting at once on a folder whose lock was left by a
 * dead process (the case where a check-then-remove lets two of them in) end with exactly one owner.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', '..', '..', '..');

interface Contender {
  child: ChildProcess;
  next(): Promise<string>;
  send(line: string): void;
}

function startContender(): Contender {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/lock-contender.ts'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => (waiting.length > 0 ? waiting.shift()!(line) : lines.push(line)));
  return {
    child,
    next: () => (lines.length > 0 ? Promise.resolve(lines.shift()!) : new Promise((r) => waiting.push(r))),
    send: (line) => child.stdin!.write(`${line}\n`),
  };
}

/** The pid of a process that has exited: a lock naming it is stale. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('data folder lock', () => {
  const dirs: string[] = [];
  const contenders: Contender[] = [];
  afterAll(() => {
    for (const c of contenders) c.child.kill('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('lets a second taker in this process see who holds it, and frees the folder on release', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rsm-lock-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'server.lock'), `${deadPid()}\n`);
    const release = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    release();
    expect(existsSync(join(dir, 'server.lock'))).toBe(false);
    acquireDataDirLock(dir)();
  });

  it('gives a stale folder to exactly one of several processes starting at once, every time', async () => {
    for (let i = 0; i < 6; i++) contenders.push(startContender());
    const rounds = 25;
    const winners: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const dir = mkdtempSync(join(tmpdir(), 'rsm-lock-'));
      dirs.push(dir);
      writeFileSync(join(dir, 'server.lock'), `${deadPid()}\n`);
      const goFile = join(dir, 'go');
      for (const c of contenders) c.send(`try ${dir} ${goFile}`);
      await new Promise((r) => setTimeout(r, 50)); // every contender spinning
      writeFileSync(goFile, '');
      const answers = await Promise.all(contenders.map((c) => c.next()));
      expect(answers.filter((a) => a !== 'won' && a !== 'lost')).toEqual([]);
      winners.push(answers.filter((a) => a === 'won').length);
      for (const c of contenders) c.send('release');
      await Promise.all(contenders.map((c) => c.next()));
    }
    expect(winners).toEqual(Array.from({ length: rounds }, () => 1));
  }, 120_000);
});
