/**
 * `npm run bench:startup -- --studios 1000 --restarts 3 [--behind 100] [--data <dir>] [--runtimes tsx,compiled] [--idle 10] [--tsx-no-cache]`
 *
 * Prints how long the server takes from spawn to ready (`/readyz` answers 200) with N studios, over several
 * restarts (#10.12), and its memory: the server process's RSS when ready and after `--idle` seconds (default 10)
 * without requests. Each restart runs every runtime of `--runtimes`, alternating so both see the same machine:
 * `compiled` is what `npm start` and `npm run start:prod` run (the JavaScript of `npm run build:server`, rebuilt
 * here first), `tsx` the TypeScript sources through the tsx loader (`npm run dev`, the e2e server). `--tsx-no-cache` turns tsx's transform cache
 * off, as on the first start after a deploy. The studios are provisioned through the sign-up service into
 * `--data` (default `./data-bench-startup`) and reused by the next run, so a thousand studios are provisioned once.
 * With `--behind K`, K studios are recorded one schema version behind before each restart (their databases
 * stay current: the background migration finds them so and records the version), and the time until every
 * one of them is served again is printed too.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import pg from 'pg';
import { latestVersion } from '@rsm/db';
import { loadConfig } from '../apps/server/src/config/env.ts';
import { createLogger } from '../apps/server/src/platform/observability/logger.ts';
import { startRuntime } from '../apps/server/src/platform/runtime.ts';
import { platformFromRuntime } from '../apps/server/src/platform/platform.ts';
import { provisionStudio } from '../apps/server/src/modules/studios/provisioning.service.ts';
import { hashPassword } from '../apps/server/src/platform/security/passwords.ts';
import { databaseUrl } from '../apps/server/src/platform/postgres/connection-manager.ts';
import { arg, freePort, ms, rssMb, saveResults, startServer, stopServer, summarize, type ServerRuntime } from './lib.ts';

const STUDIOS = arg('studios', 100);
const RESTARTS = arg('restarts', 3);
const behindIndex = process.argv.indexOf('--behind');
const BEHIND = behindIndex > 0 ? Number(process.argv[behindIndex + 1]) : 0;
const dataIndex = process.argv.indexOf('--data');
const dataDir = resolve(dataIndex > 0 ? process.argv[dataIndex + 1]! : 'data-bench-startup');
const runtimesIndex = process.argv.indexOf('--runtimes');
const RUNTIMES = (runtimesIndex > 0 ? process.argv[runtimesIndex + 1]! : 'tsx,compiled').split(',') as ServerRuntime[];
if (RUNTIMES.length === 0 || RUNTIMES.some((r) => r !== 'tsx' && r !== 'compiled')) throw new Error('--runtimes takes tsx, compiled or tsx,compiled');
const IDLE_SECONDS = arg('idle', 10);
const TSX_NO_CACHE = process.argv.includes('--tsx-no-cache');
const PORT = 3950 + (process.pid % 40);
const PG_PORT = await freePort();

const serverEnv = {
  DATA_DIR: dataDir,
  PORT: String(PORT),
  EMBEDDED_PG_PORT: String(PG_PORT),
  NODE_ENV: 'production',
  TOTP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  APP_URL: `http://localhost:${PORT}`,
  DEMO_SEED: 'false',
  LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'warn',
  WEB_DIST_DIR: join(dataDir, 'no-web'),
};

function controlUrl(): string {
  const credentials = JSON.parse(readFileSync(join(dataDir, 'pg-credentials.json'), 'utf8')) as { user: string; password: string };
  return databaseUrl(`postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${PG_PORT}/postgres`, 'rsm_control');
}

async function waitReady(started: number): Promise<number> {
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/readyz`)).ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Brings the data folder up to `STUDIOS` studios, through the sign-up service on the server's own PostgreSQL. */
async function provisionMissing(): Promise<number> {
  const server = await startServer(serverEnv);
  try {
    const config = loadConfig({
      NODE_ENV: 'production',
      TOTP_ENCRYPTION_KEY: serverEnv.TOTP_ENCRYPTION_KEY,
      DATABASE_URL: controlUrl(),
      DEMO_SEED: 'false',
      LOG_LEVEL: 'warn',
    });
    const runtime = await startRuntime(config, createLogger('warn'), { skipTemplates: true, jobs: 'none' });
    try {
      const platform = platformFromRuntime(runtime);
      const existing = Number(
        (await runtime.control.pool.query<{ n: string }>("SELECT count(*) AS n FROM tenant_databases WHERE state = 'active'")).rows[0]!.n,
      );
      const passwordHash = await hashPassword('bench password 1234');
      const started = performance.now();
      for (let i = existing; i < STUDIOS; i++) {
        await provisionStudio(platform, {
          owner: { name: `Owner ${i}`, email: `startup${i}@bench.test`, passwordHash, locale: 'en' },
          studio: { name: `Startup ${i}`, slug: `startup-${i}` },
        });
        if ((i + 1) % 100 === 0) process.stdout.write(`\r  provisioned ${i + 1}/${STUDIOS}`);
      }
      if (existing < STUDIOS) console.log(`\n  provisioned ${STUDIOS - existing} studios in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return existing;
    } finally {
      await runtime.close();
    }
  } finally {
    await stopServer(server.child);
  }
}

/** Records `BEHIND` studios one version behind (with the server stopped, through its embedded PostgreSQL). */
async function setBehind(): Promise<string[]> {
  if (BEHIND <= 0) return [];
  const server = await startServer(serverEnv);
  const client = new pg.Client(controlUrl());
  await client.connect();
  try {
    const rows = await client.query<{ slug: string }>(
      `UPDATE tenant_databases t SET schema_version = $1 FROM studios s
       WHERE s.id = t.studio_id AND t.studio_id IN (SELECT studio_id FROM tenant_databases WHERE state = 'active' ORDER BY studio_id LIMIT $2) RETURNING s.slug`,
      [latestVersion('tenant') - 1, BEHIND],
    );
    return rows.rows.map((r) => r.slug);
  } finally {
    await client.end();
    await stopServer(server.child);
  }
}

/** Until every studio is recorded current again (the background migration is done). */
async function waitAllCurrent(started: number): Promise<number> {
  const client = new pg.Client(controlUrl());
  await client.connect();
  try {
    for (;;) {
      const behind = Number(
        (await client.query<{ n: string }>('SELECT count(*) AS n FROM tenant_databases WHERE schema_version < $1', [latestVersion('tenant')])).rows[0]!.n,
      );
      if (behind === 0) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await client.end();
  }
}

console.log(
  `bench:startup — ${STUDIOS} studios, ${RESTARTS} restarts of ${RUNTIMES.join(' and ')}${BEHIND ? `, ${BEHIND} studios behind before each` : ''}, idle ${IDLE_SECONDS} s; data in ${dataDir}${existsSync(dataDir) ? ' (reused)' : ''}`,
);
// Every start below runs after the first (provisionMissing), which compiles the server once: no start times a build.
const existing = await provisionMissing();
interface Figures {
  readyMs: number[];
  migratedMs: number[];
  rssReadyMb: number[];
  rssIdleMb: number[];
}
const figures = Object.fromEntries(RUNTIMES.map((r) => [r, { readyMs: [], migratedMs: [], rssReadyMb: [], rssIdleMb: [] } as Figures])) as Record<
  ServerRuntime,
  Figures
>;
for (let i = 0; i < RESTARTS; i++) {
  for (const runtime of RUNTIMES) {
    const f = figures[runtime];
    await setBehind();
    const env = runtime === 'tsx' && TSX_NO_CACHE ? { ...serverEnv, TSX_DISABLE_CACHE: '1' } : serverEnv;
    const started = performance.now();
    const server = await startServer(env, runtime);
    const readyMs = await waitReady(started);
    f.readyMs.push(readyMs);
    const rssReady = rssMb(server.child.pid!).rss;
    f.rssReadyMb.push(rssReady);
    const allCurrentMs = BEHIND ? await waitAllCurrent(started) : null;
    if (allCurrentMs !== null) f.migratedMs.push(allCurrentMs);
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
    const rssIdle = rssMb(server.child.pid!).rss;
    f.rssIdleMb.push(rssIdle);
    console.log(
      `  restart ${i + 1} ${runtime.padEnd(8)}: ready in ${ms(readyMs)}, RSS ${rssReady.toFixed(0)} MB when ready, ${rssIdle.toFixed(0)} MB after ${IDLE_SECONDS} s idle${allCurrentMs !== null ? `, all ${BEHIND} studios behind migrated after ${ms(allCurrentMs)}` : ''}`,
    );
    await stopServer(server.child);
  }
}
for (const runtime of RUNTIMES) {
  const f = figures[runtime];
  const ready = summarize(f.readyMs);
  console.log(
    `${runtime.padEnd(8)} (${runtime === 'tsx' ? 'tsx loader, npm run dev' : 'npm start, npm run start:prod'}): time to ready with ${STUDIOS} studios p50 ${ms(ready.p50)}, max ${ms(ready.max)} over ${RESTARTS} starts; ` +
      `RSS p50 ${summarize(f.rssReadyMb).p50.toFixed(0)} MB when ready, ${summarize(f.rssIdleMb).p50.toFixed(0)} MB after ${IDLE_SECONDS} s idle`,
  );
  if (f.migratedMs.length)
    console.log(`${runtime.padEnd(8)}: background migration of ${BEHIND} studios behind: p50 ${ms(summarize(f.migratedMs).p50)} from spawn`);
}
saveResults('startup', {
  studios: STUDIOS,
  studiosBefore: existing,
  restarts: RESTARTS,
  behind: BEHIND,
  idleSeconds: IDLE_SECONDS,
  tsxNoCache: TSX_NO_CACHE,
  runtimes: figures,
  date: new Date().toISOString(),
});
