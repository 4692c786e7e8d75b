/**
 * A complete server for one test file: its own control database (cloned),
 * the real runtime, services and HTTP app (driven with `inject`).
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../apps/server/src/config/env.ts';
import { createLogger } from '../../apps/server/src/platform/observability/logger.ts';
import { startRuntime, type Runtime } from '../../apps/server/src/platform/runtime.ts';
import { platformFromRuntime, type Platform } from '../../apps/server/src/platform/platform.ts';
import { databaseUrl } from '../../apps/server/src/platform/postgres/connection-manager.ts';
import { buildApp } from '../../apps/server/src/app.ts';
import { settleAfterResponse } from '../../apps/server/src/platform/after-response.ts';
import { cloneTemplate } from './databases.ts';
import { registerBookingJobs, registerBookingOutbox } from '../../apps/server/src/modules/booking/booking.jobs.ts';
import { registerMoneyOutbox } from '../../apps/server/src/modules/money/delivery/money-daily.job.ts';
import { OutboxWorker } from '../../apps/server/src/platform/jobs/outbox-worker.ts';
import { registerReviewJobs } from '../../apps/server/src/modules/review/review.notifications.ts';
import { registerAudioJobs } from '../../apps/server/src/modules/audio/audio.jobs.ts';
import { registerMoneyPaymentStatus } from '../../apps/server/src/modules/money/invoicing/index.ts';
import { registerMoneyPaymentRecorder } from '../../apps/server/src/modules/money/payments/money-payment-recorder.ts';

export interface TestServer {
  config: Config;
  runtime: Runtime;
  platform: Platform;
  app: FastifyInstance;
  /** The outbox worker, polling every 200 ms (its backstop sweep only when a test calls it). */
  outbox: OutboxWorker;
  logs: string[];
  adminUrl: string;
  close(): Promise<void>;
}

export const TEST_TOTP_KEY = Buffer.alloc(32, 7).toString('base64');

export async function createTestServer(env: Record<string, string> = {}, options: { liveHeartbeatMs?: number } = {}): Promise<TestServer> {
  const adminUrl = inject('pgAdminUrl');
  // A second server of the same platform passes the first one's DATABASE_URL: it shares its control database.
  let controlUrl = env.DATABASE_URL;
  if (!controlUrl) {
    const controlName = `rsm_control_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client(adminUrl);
    await admin.connect();
    await cloneTemplate(admin, controlName, 'rsm_control_template');
    await admin.end();
    controlUrl = databaseUrl(adminUrl, controlName);
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: controlUrl,
    APP_URL: 'http://localhost:3000',
    LOG_LEVEL: 'info',
    DEMO_SEED: 'false',
    PG_MAX_CONNECTIONS_PER_CLUSTER: '10',
    // One key for every test server, as servers sharing a control database must (production requires one).
    TOTP_ENCRYPTION_KEY: TEST_TOTP_KEY,
    ...env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const logger = createLogger(config.LOG_LEVEL, sink);
  const runtime = await startRuntime(config, logger, { skipTemplates: true, jobPollingSeconds: 0.5 });
  const platform = platformFromRuntime(runtime);
  await registerBookingJobs(runtime.jobs, platform);
  await registerReviewJobs(runtime.jobs, platform);
  await registerAudioJobs(runtime.jobs, platform);
  registerMoneyPaymentStatus();
  registerMoneyPaymentRecorder(platform);
  // The built web app is served only by tests that bring their own (WEB_DIST_DIR): the others test the API.
  const app = await buildApp({
    platform,
    logger,
    control: runtime.control,
    serveWebApp: env.WEB_DIST_DIR !== undefined,
    liveHeartbeatMs: options.liveHeartbeatMs,
  });
  await app.ready();
  const outbox = new OutboxWorker(platform, { pollMs: 200, sweepMs: 24 * 3_600_000 });
  registerBookingOutbox(outbox, platform);
  registerMoneyOutbox(outbox, platform);
  outbox.start();
  return {
    config,
    runtime,
    platform,
    app,
    outbox,
    logs,
    adminUrl,
    async close() {
      await settleAfterResponse();
      await app.close();
      await outbox.stop();
      await runtime.close();
    },
  };
}
