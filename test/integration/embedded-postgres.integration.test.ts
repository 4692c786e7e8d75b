/**
 * The embedded PostgreSQL lifecycle, with real processes: persistence across
 * restarts, refusal of a second instance on the same data, recovery from a
 * crashed server, and a clean shutdown of `npm start` on SIGTERM / SIGINT.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, startEmbeddedPostgres } from '../../apps/server/src/platform/postgres/embedded.ts';
import { verifierIterations } from '../../apps/server/src/platform/postgres/login-verifier.ts';
import { freePort } from '../support/free-port.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'rsm-embedded-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; got:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolvePromise(output);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!pattern.test(output)) reject(new Error(`exited with ${code} before ${pattern}:\n${output}`));
    });
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((r) => (child.exitCode !== null ? r(child.exitCode) : child.on('exit', (code) => r(code))));
}

describe('embedded PostgreSQL', () => {
  it('keeps data across restarts and refuses a second instance on the same data directory', async () => {
    const dataDir = tempDir();
    const first = await startEmbeddedPostgres({ dataDir, port: await freePort(), log: () => {} });
    const client = new pg.Client(first.url);
    await client.connect();
    await client.query('CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$still here$$)');
    await client.end();
    await expect(startEmbeddedPostgres({ dataDir, port: await freePort(), log: () => {} })).rejects.toBeInstanceOf(DataDirLockedError);
    await first.stop();
    const second = await startEmbeddedPostgres({ dataDir, port: await freePort(), log: () => {} });
    const again = new pg.Client(second.url);
    await again.connect();
    expect((await again.query('SELECT v FROM kept')).rows).toEqual([{ v: 'still here' }]);
    await again.end();
    await second.stop();
  }, 60_000);

  it('checks log-ins against a one-iteration verifier (ADR 0025): the right password logs in, a wrong one is refused', async () => {
    const dataDir = tempDir();
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), log: () => {} });
    try {
      const client = new pg.Client(server.url);
      await client.connect();
      const { rows } = await client.query<{ rolpassword: string }>('SELECT rolpassword FROM pg_authid WHERE rolname = current_user');
      await client.end();
      expect(verifierIterations(rows[0]!.rolpassword)).toBe(1);
      const wrong = new URL(server.url);
      wrong.password = 'not-the-password';
      const intruder = new pg.Client(wrong.toString());
      intruder.on('error', () => {});
      await expect(intruder.connect()).rejects.toThrow(/password authentication failed/);
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('recovers after the owning process was killed: the orphaned postgres is shut down cleanly and restarted', async () => {
    const dataDir = tempDir();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `
      const { startEmbeddedPostgres } = await import(${JSON.stringify(join(ROOT, 'apps/server/src/platform/postgres/embedded.ts'))});
      await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${await freePort()}, log: () => {} });
      console.log('READY');
      setInterval(() => {}, 1000);
    `,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await waitForOutput(child, /READY/, 45_000);
    child.kill('SIGKILL');
    await exitCode(child);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(true); // postgres outlived its owner
    const recovered = await startEmbeddedPostgres({ dataDir, port: await freePort(), log: () => {} });
    const client = new pg.Client(recovered.url);
    await client.connect();
    expect((await client.query('SELECT 1 AS ok')).rows[0].ok).toBe(1);
    await client.end();
    await recovered.stop();
  }, 90_000);

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'the server started like `npm start` shuts down cleanly on %s',
    async (signal) => {
      const dataDir = tempDir();
      const env = {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(await freePort()),
        EMBEDDED_PG_PORT: String(await freePort()),
        NODE_ENV: 'development',
        DEMO_SEED: 'true',
        LOG_LEVEL: 'warn',
        WEB_DIST_DIR: join(dataDir, 'no-web'),
      };
      const server = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const output = await waitForOutput(server, /is running at/, 60_000);
      expect(output).toMatch(/Demo studio: .*\/s\/demo/);
      expect(output).toMatch(/owner@demo\.studio/);
      // a second server on the same data is refused with a clear message
      const second = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
        cwd: ROOT,
        env: { ...env, PORT: String(await freePort()) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      await waitForOutput(second, /already using the data directory/, 30_000);
      expect(await exitCode(second)).toBe(1);
      server.kill(signal);
      expect(await exitCode(server)).toBe(0);
      expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
      expect(existsSync(join(dataDir, 'server.lock'))).toBe(false);
    },
    120_000,
  );
});
