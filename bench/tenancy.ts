/**
 * `npm run bench:tenancy [-- --studios 1000 --rate 200 --duration 30 --modes worst,visits,cold,migration]`
 *
 * Figures (and with --check, a pass/fail) for the database-per-tenant platform under load, against a real
 * server process on its own embedded PostgreSQL:
 *  0. provisioning N studios (sign-up's own service), or re-use of a fleet kept with `--data <dir>`;
 *     the machine's cost of a new PostgreSQL connection (connect + first query), to compare machines;
 *  1. worst — one request per arrival, 80 % on a few hot studios and 20 % spread over every studio (each
 *     tail request is cold): latency of hot and tail studios, 500s, 503 shedding;
 *  2. visits — a user opens the app: a page is a burst of 5–10 calls at once (one tRPC batch, as the web app's
 *     httpBatchLink sends them; `visits-unbatched`: as separate HTTP requests), 1–3 pages with think time,
 *     studios chosen by a daily-activity (Zipf) distribution over the fleet; rates and figures count calls;
 *  2b. reads — one request per arrival, only to the hot studios (their connection is warm): the server's own CPU
 *     per simple read, without the cost of opening connections (which `cold` measures);
 *  3. cold — requests each to a studio with no open connection, at rising rates: the sustainable rate;
 *  4. migration — the fleet migration of a trivial new migration over all N studios.
 * Every load mode reports server CPU per request (user and kernel) and the most PostgreSQL connections.
 * `--check` exits 1 on any 500 (or any answer but 200 and 503) or when hot studios' p95 exceeds `--max-hot-p95` (ms, default 100): the
 * small CI run (`npm run test:load`) uses it so a collapse cannot ship unnoticed.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
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
import { saveResults, arg, cpuSplit, flag, freePort, machineBusySeconds, ms, option, rssMb, startServer, stopServer, summarize } from './lib.ts';

const STUDIOS = arg('studios', 1000);
const RATE = arg('rate', 200);
const DURATION_S = arg('duration', 30);
const WARMUP_S = arg('warmup', 3);
const MAX_HOT_P95_MS = arg('max-hot-p95', 100);
const MODES = option('modes', 'worst,visits,cold,migration').split(',');
const CHECK = flag('check');
const HOT_STUDIOS = Math.max(1, Math.min(20, Math.floor(STUDIOS / 10)));
const PORT = 3900 + (process.pid % 50);
const keptData = option('data', '');
const FLEET_FILE = 'bench-fleet.json';

interface Fleet {
  pgPort: number;
  studios: { slug: string; cookie: string }[];
}
const reuse = keptData && existsSync(join(keptData, FLEET_FILE)) ? (JSON.parse(readFileSync(join(keptData, FLEET_FILE), 'utf8')) as Fleet) : null;
if (reuse && reuse.studios.length < STUDIOS)
  throw new Error(`${keptData} holds ${reuse.studios.length} studios, fewer than --studios ${STUDIOS}: use another --data folder`);
const PG_PORT = reuse?.pgPort ?? (await freePort());
const dataDir = keptData || mkdtempSync(join(tmpdir(), 'rsm-bench-tenancy-'));
if (keptData) mkdirSync(keptData, { recursive: true });
console.log(
  `bench:tenancy — ${STUDIOS} studios, modes ${MODES.join(', ')}, ${RATE} req/s for ${DURATION_S} s per load mode after a ${WARMUP_S} s warm-up; data in ${dataDir}${reuse ? ' (fleet re-used)' : ''}`,
);

const server = await startServer({
  DATA_DIR: dataDir,
  PORT: String(PORT),
  EMBEDDED_PG_PORT: String(PG_PORT),
  NODE_ENV: 'production',
  TOTP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  APP_URL: `http://localhost:${PORT}`,
  DEMO_SEED: 'false',
  LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'warn',
  WEB_DIST_DIR: join(dataDir, 'no-web'),
});
const serverPid = server.child.pid!;
const results: Record<string, unknown> = { studios: STUDIOS, rate: RATE, durationSeconds: DURATION_S, modes: MODES, date: new Date().toISOString() };
const failures: string[] = [];

const credentials = JSON.parse(readFileSync(join(dataDir, 'pg-credentials.json'), 'utf8')) as { user: string; password: string };
const clusterUrl = `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${PG_PORT}/postgres`;
const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl(clusterUrl, 'rsm_control'), DEMO_SEED: 'false', LOG_LEVEL: 'warn' });

async function provision(): Promise<Fleet['studios']> {
  // The benchmark provisions through the same service as sign-up, against the server's own PostgreSQL.
  const runtime = await startRuntime(config, createLogger('warn'), { skipTemplates: true, jobs: 'none' });
  const platform = platformFromRuntime(runtime);
  const passwordHash = await hashPassword('bench password 1234');
  const times: number[] = [];
  const studios: Fleet['studios'] = [];
  const started = performance.now();
  for (let i = 0; i < STUDIOS; i++) {
    const t0 = performance.now();
    const studio = await provisionStudio(platform, {
      owner: { name: `Owner ${i}`, email: `owner${i}@bench.test`, passwordHash, locale: 'en' },
      studio: { name: `Bench Studio ${i}`, slug: `bench-${i}` },
    });
    times.push(performance.now() - t0);
    const location = (await platform.directory.locate(studio.studioId))!;
    await platform.directory.withTenant(location, (db) =>
      db.insert(tenant.rooms).values([
        { name: 'Live room', hourlyRateCents: 6000, capacity: 6 },
        { name: 'Booth', hourlyRateCents: 3000, capacity: 2 },
      ]),
    );
    const session = await createSession(platform.controlDb, studio.userId, { userAgent: 'bench', ip: null });
    studios.push({ slug: studio.slug, cookie: `rsm_session=${session.token}` });
    if ((i + 1) % 100 === 0) process.stdout.write(`\r  provisioned ${i + 1}/${STUDIOS}`);
  }
  const total = performance.now() - started;
  const stats = summarize(times);
  process.stdout.write('\r');
  console.log(
    `0. Provisioning: p50 ${ms(stats.p50)}, p95 ${ms(stats.p95)}, p99 ${ms(stats.p99)}, total ${(total / 1000).toFixed(1)} s for ${STUDIOS} studios (target p95 < 300 ms)`,
  );
  results.provisioning = { ...stats, totalMs: total };
  await runtime.close(); // from here on, every connection to PostgreSQL is the server's (plus the sampler's one)
  return studios;
}

/** Median time to open a connection to a studio database and run its first query, on this machine. */
async function connectionCost(database: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    const client = new pg.Client(databaseUrl(clusterUrl, database));
    await client.connect();
    await client.query('SELECT 1');
    times.push(performance.now() - t0);
    await client.end();
  }
  return summarize(times).p50;
}

type Pick = () => { studio: Fleet['studios'][number]; hot: boolean };
interface Outcome {
  latencies: number[];
  hot: number[];
  tail: number[];
  errors: Record<string, number>;
  /** Visits: calls of a visit's first page (its studio usually has no open connection) and of the later pages. */
  firstPages?: number[];
  laterPages?: number[];
}

const agent = new Agent({ connections: 256, pipelining: 1, keepAliveTimeout: 10_000 });
const PROCEDURES = ['rooms.list', 'dashboard.summary', 'studio.get'];
let procedureTurn = 0;

async function call(studio: Fleet['studios'][number], hot: boolean, outcome: Outcome | null): Promise<number> {
  const procedure = PROCEDURES[procedureTurn++ % PROCEDURES.length]!;
  const t0 = performance.now();
  let status = 0;
  try {
    const res = await request(`http://127.0.0.1:${PORT}/s/${studio.slug}/trpc/${procedure}`, { dispatcher: agent, headers: { cookie: studio.cookie } });
    await res.body.text();
    status = res.statusCode;
    if (status !== 200 && outcome) outcome.errors[status] = (outcome.errors[status] ?? 0) + 1;
  } catch (error) {
    if (outcome) outcome.errors[(error as Error).name] = (outcome.errors[(error as Error).name] ?? 0) + 1;
  }
  if (outcome) {
    const latency = performance.now() - t0;
    outcome.latencies.push(latency);
    (hot ? outcome.hot : outcome.tail).push(latency);
  }
  return status;
}

/**
 * One page of the web app: its 5–10 queries leave together as one tRPC batch (httpBatchLink), one HTTP
 * request. Each call is counted with the batch's latency and its own status (a batch answers 207 when mixed).
 */
async function callBatch(studio: Fleet['studios'][number], size: number, hot: boolean, outcome: Outcome | null, page = 0): Promise<void> {
  const procedures = Array.from({ length: size }, () => PROCEDURES[procedureTurn++ % PROCEDURES.length]!);
  const t0 = performance.now();
  let statuses: string[];
  try {
    const res = await request(`http://127.0.0.1:${PORT}/s/${studio.slug}/trpc/${procedures.join(',')}?batch=1`, {
      dispatcher: agent,
      headers: { cookie: studio.cookie },
    });
    const body = await res.body.text();
    if (res.statusCode === 200) statuses = procedures.map(() => '200');
    else {
      let items: { error?: { data?: { httpStatus?: number } } }[] = [];
      try {
        items = JSON.parse(body) as typeof items;
      } catch {
        items = [];
      }
      statuses = procedures.map((_, i) =>
        String(Array.isArray(items) ? (items[i]?.error ? (items[i]!.error!.data?.httpStatus ?? res.statusCode) : 200) : res.statusCode),
      );
    }
  } catch (error) {
    statuses = procedures.map(() => (error as Error).name);
  }
  if (!outcome) return;
  const latency = performance.now() - t0;
  for (const status of statuses) {
    if (status !== '200') outcome.errors[status] = (outcome.errors[status] ?? 0) + 1;
    outcome.latencies.push(latency);
    (hot ? outcome.hot : outcome.tail).push(latency);
    (page === 0 ? (outcome.firstPages ??= []) : (outcome.laterPages ??= [])).push(latency);
  }
}

const sleep = (msValue: number) => new Promise((r) => setTimeout(r, msValue));

/** Open loop: arrivals leave on schedule whether or not earlier ones have answered. */
async function openLoop(arrivalsPerSecond: number, seconds: number, arrival: () => Promise<void>): Promise<void> {
  const total = Math.round(arrivalsPerSecond * seconds);
  const begun = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = begun + (i * 1000) / arrivalsPerSecond - performance.now();
    if (wait > 1) await sleep(wait);
    inFlight.push(arrival());
  }
  await Promise.all(inFlight);
}

function sampler() {
  const client = new pg.Client(clusterUrl);
  let maxConnections = 0;
  let timer: NodeJS.Timeout | null = null;
  return {
    async start() {
      await client.connect();
      timer = setInterval(() => {
        void client
          .query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`)
          .then((r) => (maxConnections = Math.max(maxConnections, r.rows[0]!.n)))
          .catch(() => undefined);
      }, 50);
    },
    reset() {
      maxConnections = 0;
    },
    async stop() {
      if (timer) clearInterval(timer);
      await client.end();
      return maxConnections;
    },
  };
}

/** Runs one measured load and prints its figures; returns them. */
async function measure(name: string, run: (outcome: Outcome | null) => Promise<void>, targets: string) {
  await run(null); // warm-up (not measured): connections of hot studios open, code paths compiled
  const connections = sampler();
  await connections.start();
  const outcome: Outcome = { latencies: [], hot: [], tail: [], errors: {} };
  const before = { cpu: cpuSplit(serverPid), machine: machineBusySeconds() };
  const started = performance.now();
  await run(outcome);
  const elapsed = (performance.now() - started) / 1000;
  const after = cpuSplit(serverPid);
  const maxConnections = await connections.stop();
  const requests = outcome.latencies.length;
  const cpu = {
    userMsPerRequest: ((after.user - before.cpu.user) * 1000) / requests,
    systemMsPerRequest: ((after.system - before.cpu.system) * 1000) / requests,
  };
  const all = summarize(outcome.latencies);
  const hot = summarize(outcome.hot);
  const tail = summarize(outcome.tail);
  const count = (status: string) => outcome.errors[status] ?? 0;
  const errorCount = Object.values(outcome.errors).reduce((a, b) => a + b, 0);
  console.log(
    `${name}: ${requests} requests in ${elapsed.toFixed(1)} s (${(requests / elapsed).toFixed(0)} req/s): p50 ${ms(all.p50)}, p95 ${ms(all.p95)}, p99 ${ms(all.p99)}, max ${ms(all.max)}; ` +
      `errors ${errorCount}${errorCount ? ` ${JSON.stringify(outcome.errors)}` : ''} (503 ${((count('503') / requests) * 100).toFixed(1)} %); most PostgreSQL connections ${maxConnections}`,
  );
  console.log(`   hot studios p50 ${ms(hot.p50)} / p95 ${ms(hot.p95)}; others p50 ${ms(tail.p50)} / p95 ${ms(tail.p95)}`);
  const pages = outcome.firstPages ? { first: summarize(outcome.firstPages), later: summarize(outcome.laterPages ?? []) } : null;
  if (pages)
    console.log(
      `   a visit's first page p50 ${ms(pages.first.p50)} / p95 ${ms(pages.first.p95)} (${((outcome.firstPages!.length / requests) * 100).toFixed(0)} % of calls); later pages p50 ${ms(pages.later.p50)} / p95 ${ms(pages.later.p95)}`,
    );
  console.log(
    `   server CPU per request ${(cpu.userMsPerRequest + cpu.systemMsPerRequest).toFixed(2)} ms (user ${cpu.userMsPerRequest.toFixed(2)}, kernel ${cpu.systemMsPerRequest.toFixed(2)}); ` +
      `machine busy ${(machineBusySeconds() - before.machine).toFixed(1)} of ${(2 * elapsed).toFixed(1)} CPU-s; server RSS ${rssMb(serverPid).rss.toFixed(0)} MB (${targets})`,
  );
  if (count('500') > 0) failures.push(`${name}: ${count('500')} × 500`);
  // Anything but a 200 or a 503 (a refused cookie, a lost connection) is a broken server, not load.
  const broken = Object.entries(outcome.errors).filter(([status]) => status !== '503' && status !== '500');
  if (broken.length > 0) failures.push(`${name}: unexpected answers ${JSON.stringify(Object.fromEntries(broken))}`);
  return { ...all, hot, tail, ...(pages ? { pages } : {}), requests, seconds: elapsed, errors: outcome.errors, maxPgConnections: maxConnections, cpu };
}

try {
  const studios = reuse ? reuse.studios.slice(0, STUDIOS) : await provision();
  if (keptData && !reuse) writeFileSync(join(keptData, FLEET_FILE), JSON.stringify({ pgPort: PG_PORT, studios } satisfies Fleet));
  // Start from a quiet database: provisioning's writes are flushed before the clock starts.
  const flush = new pg.Client(clusterUrl);
  await flush.connect();
  await flush.query('CHECKPOINT');
  const control = new pg.Client(databaseUrl(clusterUrl, 'rsm_control'));
  await control.connect();
  const { rows } = await control.query<{ database_name: string }>('SELECT database_name FROM tenant_databases ORDER BY created_at DESC LIMIT 1');
  await control.end();
  await flush.end();
  const cost = await connectionCost(rows[0]!.database_name);
  console.log(`   this machine: a new PostgreSQL connection and its first query take ${ms(cost)} (median of 15)`);
  results.connectionCostMs = cost;

  if (MODES.includes('worst')) {
    // 80 % of requests on a few hot studios, 20 % spread over all (each such request usually finds no connection).
    const pick: Pick = () => {
      const hot = Math.random() < 0.8;
      return { hot, studio: hot ? studios[Math.floor(Math.random() * HOT_STUDIOS)]! : studios[Math.floor(Math.random() * studios.length)]! };
    };
    const run = (outcome: Outcome | null) =>
      openLoop(RATE, outcome ? DURATION_S : WARMUP_S, async () => {
        const { studio, hot } = pick();
        await call(studio, hot, outcome);
      });
    const figures = await measure(
      `1. worst case (80 % on ${HOT_STUDIOS} hot studios, 20 % over all ${STUDIOS})`,
      run,
      'targets: no 500, hot p95 < 15 ms, 503 < 5 %',
    );
    results.worst = figures;
    if (figures.hot.p95 > MAX_HOT_P95_MS) failures.push(`worst: hot studios p95 ${ms(figures.hot.p95)} > ${MAX_HOT_P95_MS} ms`);
  }

  if (MODES.includes('reads')) {
    const run = (outcome: Outcome | null) =>
      openLoop(RATE, outcome ? DURATION_S : WARMUP_S, async () => {
        await call(studios[Math.floor(Math.random() * HOT_STUDIOS)]!, true, outcome);
      });
    results.reads = await measure(
      `2b. reads (single requests to ${HOT_STUDIOS} studios with warm connections)`,
      run,
      'target: server CPU per simple read < 1.5 ms',
    );
  }

  for (const visitMode of ['visits', 'visits-unbatched'] as const) {
    if (!MODES.includes(visitMode)) continue;
    const batched = visitMode === 'visits';
    // Daily activity: studio i is visited with weight 1/(i+1)^1.1 (a few busy studios, a long tail of occasional ones).
    const weights = studios.map((_, i) => 1 / (i + 1) ** 1.1);
    const cumulative: number[] = [];
    weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
    const totalWeight = cumulative[cumulative.length - 1]!;
    const pickStudio = () => {
      const x = Math.random() * totalWeight;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    // However well connections are kept, a visit to a studio outside the N most active ones starts with no open
    // connection: with N the server's budget (PG_MAX_CONNECTIONS_PER_CLUSTER, default 40), this is the least share
    // of visits whose first page pays a new connection on this traffic model.
    const budget = Number(process.env.PG_MAX_CONNECTIONS_PER_CLUSTER ?? 40);
    const coldShare = 1 - (cumulative[Math.min(budget, cumulative.length) - 1] ?? totalWeight) / totalWeight;
    console.log(
      `   (traffic model: at least ${(coldShare * 100).toFixed(0)} % of visits go to studios outside the ${budget} most active, which cannot all keep a connection)`,
    );
    const MEAN_REQUESTS_PER_VISIT = 2 * 7.5; // 1–3 pages of 5–10 requests
    const run = (outcome: Outcome | null) =>
      openLoop(RATE / MEAN_REQUESTS_PER_VISIT, outcome ? DURATION_S : WARMUP_S, async () => {
        const index = pickStudio();
        const studio = studios[index]!;
        const pages = 1 + Math.floor(Math.random() * 3);
        for (let page = 0; page < pages; page++) {
          if (page > 0) await sleep(1_000 + Math.random() * 4_000); // reading the page before the next click
          const burst = 5 + Math.floor(Math.random() * 6);
          if (batched) await callBatch(studio, burst, index < HOT_STUDIOS, outcome, page);
          else await Promise.all(Array.from({ length: burst }, () => call(studio, index < HOT_STUDIOS, outcome)));
        }
      });
    const how = batched ? 'in one batch, as the web app sends them' : 'as separate HTTP requests at once';
    results[visitMode === 'visits' ? 'visits' : 'visitsUnbatched'] = await measure(
      `2. ${visitMode} (a page = 5–10 calls ${how}, 1–3 pages, Zipf activity over ${STUDIOS} studios; figures per call)`,
      run,
      'targets: p95 < 25 ms, 0 errors, ≤ 60 connections',
    );
  }

  if (MODES.includes('cold')) {
    // Every request goes to the next studio in turn, far more studios than connections: each one is cold.
    let next = HOT_STUDIOS;
    const steps: { rate: number; p50: number; p95: number; shedPercent: number; errors500: number }[] = [];
    for (const rate of [10, 20, 40, 80, 160, 320]) {
      const outcome: Outcome = { latencies: [], hot: [], tail: [], errors: {} };
      await openLoop(rate, 5, async () => {
        const studio = studios[next++ % studios.length]!;
        await call(studio, false, outcome);
      });
      const s = summarize(outcome.latencies);
      steps.push({
        rate,
        p50: s.p50,
        p95: s.p95,
        shedPercent: ((outcome.errors['503'] ?? 0) / outcome.latencies.length) * 100,
        errors500: outcome.errors['500'] ?? 0,
      });
      await sleep(1_000);
    }
    const sustainable = steps.filter((s) => s.errors500 === 0 && s.shedPercent < 1 && s.p95 < 250).reduce((best, s) => Math.max(best, s.rate), 0);
    console.log(`3. cold studios: ${steps.map((s) => `${s.rate}/s → p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, shed ${s.shedPercent.toFixed(1)} %`).join('; ')}`);
    console.log(`   sustainable cold-studio rate on this machine: ${sustainable} req/s (no 500, < 1 % shed, p95 < 250 ms)`);
    if (steps.some((s) => s.errors500 > 0)) failures.push('cold: 500s');
    results.cold = { steps, sustainableRate: sustainable };
  }

  if (MODES.includes('migration') && keptData) {
    console.log('4. Fleet migration: skipped with --data (it would leave the kept fleet one trivial migration ahead of the code)');
  } else if (MODES.includes('migration')) {
    // Fleet migration of a trivial new migration over all N studios (the same code as `npm run tenants:migrate`).
    const migrateRuntime = await startRuntime(config, createLogger('warn'), { skipTemplates: true, jobs: 'none' });
    const sql = 'CREATE TABLE IF NOT EXISTS bench_trivial (id integer PRIMARY KEY)';
    const trivial: Migration = {
      version: loadChain('tenant').length + 1,
      tag: '9999_bench_trivial',
      hash: createHash('sha256').update(sql).digest('hex'),
      statements: [sql],
    };
    const report = await migrateFleet(platformFromRuntime(migrateRuntime), { concurrency: 8, chain: [...loadChain('tenant'), trivial] });
    console.log(
      `4. Fleet migration: ${report.migrated} migrated, ${report.current} current, ${report.failed.length} failed in ${(report.durationMs / 1000).toFixed(1)} s (target < 60 s for 1,000)`,
    );
    results.fleetMigration = { migrated: report.migrated, current: report.current, failed: report.failed.length, ms: report.durationMs };
    await migrateRuntime.close();
  }
} finally {
  await agent.close();
  if (process.env.BENCH_SERVER_LOG_FILE) writeFileSync(process.env.BENCH_SERVER_LOG_FILE, server.output());
  if (process.env.BENCH_KEEP) {
    console.log(`BENCH_KEEP: server pid ${serverPid} on port ${PORT}, PostgreSQL on ${PG_PORT}, data in ${dataDir} — stop it with kill ${serverPid}`);
  } else {
    await stopServer(server.child);
    if (!keptData) rmSync(dataDir, { recursive: true, force: true });
  }
}

saveResults('tenancy', results);
if (failures.length > 0) {
  console.log(`FAILED: ${failures.join('; ')}`);
  if (CHECK) process.exit(1);
}
process.exit(0);
