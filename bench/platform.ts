/**
 * A product platform for in-process benchmarks: an embedded PostgreSQL in a temporary folder, a control
 * database, and the real runtime (without the job runner). `close()` stops and removes everything.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../apps/server/src/config/env.ts';
import { createLogger } from '../apps/server/src/platform/observability/logger.ts';
import { startEmbeddedPostgres } from '../apps/server/src/platform/postgres/embedded.ts';
import { databaseUrl } from '../apps/server/src/platform/postgres/connection-manager.ts';
import { startRuntime } from '../apps/server/src/platform/runtime.ts';
import { platformFromRuntime, type Platform } from '../apps/server/src/platform/platform.ts';
import { freePort } from './lib.ts';

export interface BenchPlatform {
  platform: Platform;
  /** A connection string to one of the server's databases (e.g. a studio's, for a bench's own pool). */
  databaseUrl(name: string): string;
  /**
   * A bench's own pool on one of the server's databases. `pool.end()` resolves before its connections have closed,
   * so `close()` right after can stop PostgreSQL under them ("terminating connection due to administrator
   * command"): a pool without an error listener then crashes the bench after its figures are printed.
   */
  pool(database: string, max: number): pg.Pool;
  close(): Promise<void>;
}

/** On a port the OS picks, so benchmarks can run side by side and never collide with a socket left behind. */
export async function startBenchPlatform(name: string): Promise<BenchPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), `rsm-bench-${name}-`));
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), log: () => {} });
  const admin = new pg.Client(databaseUrl(server.url, 'postgres'));
  await admin.connect();
  await admin.query('CREATE DATABASE rsm_control');
  await admin.end();
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl(server.url, 'rsm_control'), DEMO_SEED: 'false', LOG_LEVEL: 'warn' });
  const runtime = await startRuntime(config, createLogger('warn'), { jobs: 'none' });
  return {
    platform: platformFromRuntime(runtime),
    databaseUrl: (db) => databaseUrl(server.url, db),
    pool(database, max) {
      const pool = new pg.Pool({ connectionString: databaseUrl(server.url, database), max });
      pool.on('error', (error) => {
        if (!pool.ending) console.error(`bench pool on ${database}: idle connection error: ${error.message}`);
      });
      return pool;
    },
    async close() {
      await runtime.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
