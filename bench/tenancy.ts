/**
 * `npm run bench:tenancy [-- --studios 1000 --rate 200 --duration 30]`
 *
 * Prints figures (not a pass/fail test) for the database-per-tenant platform:
 *  1. provisioning N studios (each: control rows + CREATE DATABASE from the template + activation);
 *  2. authenticated requests over all studios at a fixed rate (most traffic on a few studios, a long
 *     tail on the rest): latency p50/p95/p99, errors, most PostgreSQL connections open at once,
 *     server memory;
 *  3. the fleet migration of a trivial new migration over all N studios.
 * Runs against a real server process on its own embedded PostgreSQL in a temporary folder.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { Agent, request } from 'undici';
import { loadChain, type Migration } from '@rsm/db';
import { loadConfig } from '../apps/server/src/config/env.ts';
import { createLogger } from '../apps/server/src/platform/observability/logger.ts';
import { startRuntime } from '../apps/server/src/platform/runtime.ts';
import { platformFromRuntime } from '../apps/server/src/platform/platform.ts';
import { provisionStudio } from '../apps/server/src/modules/studios/provisioning.service.ts';
import { createSession } from '../apps/server/src/modules/auth/sessions.ts';
import { hashPassword } from '../apps/server/src/platform/security/passwords.ts';
import { migrateFleet } from '../apps/server/src/platform/tenancy/fleet-migrate.ts';
import { databaseUrl } from '../apps/server/src/platform/postgres/connection-manager.ts';
import { tenant } from '@rsm/db';
import { saveResults, arg, cpuSeconds, machineBusySeconds, ms, rssMb, startServer, stopServer, summarize } from './lib.ts';

const STUDIOS = arg('studios', 1000);
const RATE = arg('rate', 200);
const DURATION_S = arg('duration', 30);
const WARMUP_S = arg('warmup', 3);
const HOT_STUDIOS = Math.max(1, Math.min(20, Math.floor(STUDIOS / 10)));
const PORT = 3900 + (process.pid % 50);
const PG_PORT = 55900 + (process.pid % 50);

const dataDir = mkdtempSync(join(tmpdir(), 'rsm-bench-tenancy-'));
console.log(`bench:tenancy — ${STUDIOS} studios, ${RATE} req/s for ${DURATION_S} s after a ${WARMUP_S} s warm-up; data in ${dataDir}`);

const server = await startServer({
  DATA_DIR: dataDir,
  PORT: String(PORT),
  EMBEDDED_PG_PORT: String(PG_PORT),
  NODE_ENV: 'production',
  APP_URL: `http://localhost:${PORT}`,
  DEMO_SEED: 'false',
  LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'warn',
  WEB_DIST_DIR: join(dataDir, 'no-web'),
});
const serverPid = server.child.pid!;
const results: Record<string, unknown> = { studios: STUDIOS, rate: RATE, durationSeconds: DURATION_S, date: new Date().toISOString() };

try {
  // The benchmark provisions through the same service as sign-up, against the server's own PostgreSQL.
  const credentials = JSON.parse(readFileSync(join(dataDir, 'pg-credentials.json'), 'utf8')) as { user: string; password: string };
  const clusterUrl = `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${PG_PORT}/postgres`;
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl(clusterUrl, 'rsm_control'), DEMO_SEED: 'false', LOG_LEVEL: 'warn' });
  const runtime = await startRuntime(config, createLogger('warn'), { skipTemplates: true, jobs: 'none' });
  const platform = platformFromRuntime(runtime);

  // 1. Provisioning
  const passwordHash = await hashPassword('bench password 1234');
  const provisionTimes: number[] = [];
  const studios: { slug: string; cookie: string }[] = [];
  const provisionStarted = performance.now();
  for (let i = 0; i < STUDIOS; i++) {
    const t0 = performance.now();
    const studio = await provisionStudio(platform, {
      owner: { name: `Owner ${i}`, email: `owner${i}@bench.test`, passwordHash, locale: 'en' },
      studio: { name: `Bench Studio ${i}`, slug: `bench-${i}` },
    });
    provisionTimes.push(performance.now() - t0);
    const location = (await platform.directory.locate(studio.studioId))!;
    await platform.directory.withTenant(location, (db) => db.insert(tenant.rooms).values([{ name: 'Live room', hourlyRateCents: 6000, capacity: 6 }, { name: 'Booth', hourlyRateCents: 3000, capacity: 2 }]));
    const session = await createSession(platform.controlDb, studio.userId, 'bench');
    studios.push({ slug: studio.slug, cookie: `rsm_session=${session.token}` });
    if ((i + 1) % 100 === 0) process.stdout.write(`\r  provisioned ${i + 1}/${STUDIOS}`);
  }
  const provisionTotal = performance.now() - provisionStarted;
  const provision = summarize(provisionTimes);
  process.stdout.write('\r');
  console.log(`1. Provisioning: p50 ${ms(provision.p50)}, p95 ${ms(provision.p95)}, p99 ${ms(provision.p99)}, total ${(provisionTotal / 1000).toFixed(1)} s for ${STUDIOS} studios (target p95 < 300 ms)`);
  results.provisioning = { ...provision, totalMs: provisionTotal };
  await runtime.close(); // from here on, every connection to PostgreSQL is the server's (plus the sampler's one)

  // 2. Load: open-loop at a fixed rate; 80 % of requests on a few hot studios, 20 % spread over all.
  const sampler = new pg.Client(clusterUrl);
  await sampler.connect();
  let maxConnections = 0;
  let peakRss = 0;
  const sample = setInterval(() => {
    void sampler
      .query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`)
      .then((r) => (maxConnections = Math.max(maxConnections, r.rows[0]!.n)))
      .catch(() => undefined);
    peakRss = Math.max(peakRss, rssMb(serverPid).rss);
    if (process.env.BENCH_WAIT_EVENTS) {
      void sampler
        .query<{ k: string; n: number }>(`SELECT coalesce(wait_event_type,'cpu') || ':' || coalesce(wait_event,'-') || ':' || state AS k, count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() GROUP BY 1`)
        .then((r) => r.rows.forEach((row) => waits.set(row.k, (waits.get(row.k) ?? 0) + row.n)))
        .catch(() => undefined);
    }
  }, 50);
  const waits = new Map<string, number>();
  const agent = new Agent({ connections: 256, pipelining: 1, keepAliveTimeout: 10_000 });
  const procedures = ['rooms.list', 'dashboard.summary', 'studio.get'];
  const errors: Record<string, number> = {};
  const latencies: number[] = [];
  const hotLatencies: number[] = [];
  const tailLatencies: number[] = [];
  /** Open loop: requests leave on schedule whether or not earlier ones have answered. */
  const runLoad = async (seconds: number, record: boolean) => {
    const total = RATE * seconds;
    const begun = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const wait = begun + (i * 1000) / RATE - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const hot = Math.random() < 0.8;
      const studio = hot ? studios[Math.floor(Math.random() * HOT_STUDIOS)]! : studios[Math.floor(Math.random() * studios.length)]!;
      const procedure = procedures[i % procedures.length]!;
      inFlight.push(
        (async () => {
          const t0 = performance.now();
          try {
            const res = await request(`http://127.0.0.1:${PORT}/s/${studio.slug}/trpc/${procedure}`, { dispatcher: agent, headers: { cookie: studio.cookie } });
            await res.body.text();
            if (res.statusCode !== 200 && record) errors[res.statusCode] = (errors[res.statusCode] ?? 0) + 1;
          } catch (error) {
            if (record) errors[(error as Error).name] = (errors[(error as Error).name] ?? 0) + 1;
          }
          if (!record) return;
          const latency = performance.now() - t0;
          latencies.push(latency);
          (hot ? hotLatencies : tailLatencies).push(latency);
        })(),
      );
    }
    await Promise.all(inFlight);
  };
  // Start from a quiet database: provisioning's writes are flushed before the clock starts.
  const flush = new pg.Client(clusterUrl);
  await flush.connect();
  await flush.query('CHECKPOINT');
  await flush.end();
  // Warm-up (not measured): the server's code paths are compiled on first use, as after any deploy.
  await runLoad(WARMUP_S, false);
  maxConnections = 0;
  peakRss = 0;
  const cpuBefore = { server: cpuSeconds(serverPid), machine: machineBusySeconds(), bench: process.cpuUsage() };
  const started = performance.now();
  await runLoad(DURATION_S, true);
  const elapsed = (performance.now() - started) / 1000;
  const benchCpu = process.cpuUsage(cpuBefore.bench);
  const cpu = { server: cpuSeconds(serverPid) - cpuBefore.server, machine: machineBusySeconds() - cpuBefore.machine, loadGenerator: (benchCpu.user + benchCpu.system) / 1e6 };
  console.log(`   CPU during the load (seconds, 2 cores shared): server ${cpu.server.toFixed(1)}, load generator ${cpu.loadGenerator.toFixed(1)}, whole machine ${cpu.machine.toFixed(1)} of ${(2 * elapsed).toFixed(1)} available, over ${elapsed.toFixed(1)} s`);
  clearInterval(sample);
  await agent.close();
  const load = summarize(latencies);
  const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
  const memory = rssMb(serverPid);
  console.log(
    `2. Load: ${latencies.length} requests in ${elapsed.toFixed(1)} s (${(latencies.length / elapsed).toFixed(0)} req/s) over ${STUDIOS} studios (80 % on ${HOT_STUDIOS}): ` +
      `p50 ${ms(load.p50)}, p95 ${ms(load.p95)}, p99 ${ms(load.p99)}, max ${ms(load.max)}; errors ${errorCount}${errorCount ? ` ${JSON.stringify(errors)}` : ''}; ` +
      `most PostgreSQL connections open at once ${maxConnections}; server memory RSS ${memory.rss.toFixed(0)} MB (peak sampled ${peakRss.toFixed(0)} MB, high-water ${memory.hwm.toFixed(0)} MB) ` +
      `(targets: p95 < 25 ms, 0 errors, ≤ 60 connections)`,
  );
  const hotStats = summarize(hotLatencies);
  const tailStats = summarize(tailLatencies);
  console.log(`   hot studios p50 ${ms(hotStats.p50)} / p95 ${ms(hotStats.p95)}; long tail p50 ${ms(tailStats.p50)} / p95 ${ms(tailStats.p95)} (a tail request usually opens a connection to its studio's database)`);
  results.load = { ...load, hot: hotStats, tail: tailStats, requests: latencies.length, seconds: elapsed, errors, maxPgConnections: maxConnections, serverRssMb: memory.rss, serverPeakRssMb: Math.max(peakRss, memory.hwm) };
  await sampler.end();
  if (process.env.BENCH_WAIT_EVENTS) console.log('   PostgreSQL wait events (samples):', JSON.stringify([...waits].sort((a, b) => b[1] - a[1]).slice(0, 8)));

  // 3. Fleet migration of a trivial new migration over all N studios (the same code as `npm run tenants:migrate`).
  const migrateRuntime = await startRuntime(config, createLogger('warn'), { skipTemplates: true, jobs: 'none' });
  const sql = 'CREATE TABLE IF NOT EXISTS bench_trivial (id integer PRIMARY KEY)';
  const trivial: Migration = { version: loadChain('tenant').length + 1, tag: '9999_bench_trivial', hash: createHash('sha256').update(sql).digest('hex'), statements: [sql] };
  const report = await migrateFleet(platformFromRuntime(migrateRuntime), { concurrency: 8, chain: [...loadChain('tenant'), trivial] });
  console.log(`3. Fleet migration: ${report.migrated} migrated, ${report.current} current, ${report.failed.length} failed in ${(report.durationMs / 1000).toFixed(1)} s (target < 60 s for 1,000)`);
  results.fleetMigration = { migrated: report.migrated, current: report.current, failed: report.failed.length, ms: report.durationMs };
  await migrateRuntime.close();
} finally {
  if (process.env.BENCH_SERVER_LOG_FILE) writeFileSync(process.env.BENCH_SERVER_LOG_FILE, server.output());
  if (process.env.BENCH_KEEP) {
    console.log(`BENCH_KEEP: server pid ${serverPid} on port ${PORT}, PostgreSQL on ${PG_PORT}, data in ${dataDir} — stop it with kill ${serverPid}`);
  } else {
    await stopServer(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

saveResults('tenancy', results);
process.exit(0);
