/**
 * The real server as a separate process, for crash tests: start it (optionally told to stop for good at a
 * named pause point), wait until it has paused there, `kill -9` it, start it again on the same databases
 * and data folder, and look at what survived. It runs `apps/server/src/main.ts` exactly as `npm start`
 * does, on the test run's PostgreSQL cluster with its own control database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { databaseUrl } from '../../apps/server/src/platform/postgres/connection-manager.ts';
import { PAUSED_MARKER } from '../../apps/server/src/platform/testing/pause-points.ts';
import { cloneTemplate } from './databases.ts';
import { freePort } from './free-port.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Where a server keeps its state between runs: the control database and the data folder. */
/**
 * Time limit for a test that starts server processes (each starts its own PostgreSQL): a guard against hangs,
 * generous because a busy 2-core machine can take tens of seconds per start.
 */
export const PROCESS_TEST_TIMEOUT_MS = 240_000;

export interface ServerHome {
  controlUrl: string;
  dataDir: string;
  port: number;
  adminUrl: string;
  /** Drop the control database and remove the data folder. */
  remove(): Promise<void>;
}

export async function createServerHome(): Promise<ServerHome> {
  const adminUrl = inject('pgAdminUrl');
  const controlName = `rsm_control_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  try {
    await cloneTemplate(admin, controlName, 'rsm_control_template');
  } finally {
    await admin.end();
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'rsm-crash-'));
  return {
    controlUrl: databaseUrl(adminUrl, controlName),
    dataDir,
    port: await freePort(),
    adminUrl,
    async remove() {
      rmSync(dataDir, { recursive: true, force: true });
      const client = new pg.Client(adminUrl);
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${controlName}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves when the server has reached its pause point (rejects if it exits first or after `timeoutMs`). */
  paused(timeoutMs?: number): Promise<void>;
  /** `kill -9`, and wait until the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (the server's ordered shutdown), then SIGKILL if it lingers. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** `name` or `name#n`: see platform/testing/pause-points.ts. */
  pauseAt?: string;
  env?: Record<string, string>;
  /** How long to wait for /readyz (ms). */
  readyTimeoutMs?: number;
}

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Start the server on `home`; resolves once it answers /readyz. */
export async function startServerProcess(home: ServerHome, options: StartOptions = {}): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${home.port}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/root',
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(home.port),
    APP_URL: url,
    DATABASE_URL: home.controlUrl,
    DATA_DIR: home.dataDir,
    DEMO_SEED: 'false',
    LOG_LEVEL: 'warn',
    PG_MAX_CONNECTIONS_PER_CLUSTER: '10',
    TOTP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    ...(options.pauseAt ? { TEST_PAUSE_AT: options.pauseAt } : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, ['--max-semi-space-size=4', '--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let exited: number | string | null = null;
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exit = new Promise<void>((resolveExit) => child.once('exit', (code, signal) => ((exited = code ?? signal ?? 'exited'), resolveExit())));
  const describe = (what: string) => () => `${what} (server ${exited === null ? 'running' : `exited: ${exited}`}); output:\n${out.slice(-4000)}`;

  const processHandle: ServerProcess = {
    url,
    child,
    output: () => out,
    paused: (timeoutMs = 60_000) =>
      waitUntil(
        () => {
          if (out.includes(`${PAUSED_MARKER} `)) return true;
          if (exited !== null) throw new Error(describe('the pause point')());
          return false;
        },
        timeoutMs,
        describe(`the pause point ${options.pauseAt ?? ''}`),
      ),
    async kill() {
      if (exited === null) child.kill('SIGKILL');
      await exit;
    },
    async stop() {
      if (exited !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(timer);
    },
  };

  try {
    await waitUntil(
      async () => {
        if (exited !== null) throw new Error(describe('/readyz')());
        try {
          return (await fetch(`${url}/readyz`)).ok;
        } catch {
          return false;
        }
      },
      options.readyTimeoutMs ?? 60_000,
      describe('/readyz'),
    );
  } catch (error) {
    await processHandle.kill();
    throw error;
  }
  return processHandle;
}

/** The tRPC API over real HTTP, with the session cookie kept (like ApiClient, which drives `inject`). */
export class HttpApiClient {
  cookie: string | null = null;
  constructor(private readonly baseUrl: string) {}

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; data?: T; error?: { message: string; data?: { appCode?: string } } }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const session = response.headers.getSetCookie().find((c) => c.startsWith('rsm_session='));
    if (session) {
      const value = session.split(';')[0]!.slice('rsm_session='.length);
      this.cookie = value ? `rsm_session=${value}` : null;
    }
    const json = (await response.json().catch(() => ({}))) as { result?: { data: T }; error?: { message: string; data?: { appCode?: string } } };
    return { status: response.status, data: json.result?.data, error: json.error };
  }

  query<T = unknown>(procedure: string, input?: unknown, studio?: string) {
    const base = studio ? `/s/${studio}/trpc` : '/trpc';
    const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.call<T>('GET', `${base}/${procedure}${qs}`);
  }

  mutate<T = unknown>(procedure: string, input?: unknown, studio?: string) {
    const base = studio ? `/s/${studio}/trpc` : '/trpc';
    return this.call<T>('POST', `${base}/${procedure}`, input ?? {});
  }
}
