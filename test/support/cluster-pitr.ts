/** What the point-in-time restore suites share: temporary folders, the restore command as an operator runs it, queries, WAL archiving. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

const ROOT = resolve(import.meta.dirname, '../..');

/** Temporary folders made by `make`, all removed by `removeAll` (in afterAll). */
export function tempDirs() {
  const dirs: string[] = [];
  return {
    make(prefix: string): string {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    removeAll(): void {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The restore command as an operator runs it (TypeScript through tsx, like `npm run backup:restore-cluster`). */
export function restoreCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli/restore-cluster.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => done({ code, output }));
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Ends the current WAL segment and waits until the archiver has it. */
export async function switchAndWaitArchived(url: string): Promise<void> {
  const wal = (await query<{ wal: string }>(url, `SELECT pg_walfile_name(pg_switch_wal()) AS wal`))[0]!.wal;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const [s] = await query<{ last: string | null }>(url, `SELECT last_archived_wal AS last FROM pg_stat_archiver`);
    if (s?.last && s.last.slice(8) >= wal.slice(8)) return;
    await sleep(100);
  }
  throw new Error(`segment ${wal} was not archived`);
}
