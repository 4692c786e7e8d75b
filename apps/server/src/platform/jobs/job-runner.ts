/**
 * The durable job runner: pg-boss on the control database (schema `pgboss`). Jobs survive restarts and
 * are tenant-aware by payload: each carries the studio id, and handlers reach the studio's database
 * through the tenant directory like any request. Services schedule jobs through `JobScheduler`, so they
 * never depend on pg-boss itself.
 */
import PgBoss from 'pg-boss';
import type { Logger } from '../observability/logger.ts';
import { jobFailures } from '../observability/job-metrics.ts';
import { reportError } from '../observability/error-tracking.ts';

export const JOB_NAMES = [
  'booking.hold-expiry',
  'booking.hold-expiring',
  'booking.notify',
  'booking.reminder',
  'review.comments-notify',
  'audio.process',
  'audio.preview',
  'audio.backfill-previews',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobScheduler {
  /** Run `name` with `data` at `runAt` (now when omitted). One pending job per `key`: rescheduling replaces nothing, it is idempotent. */
  schedule(name: JobName, data: Record<string, string>, options?: { runAt?: Date; key?: string }): Promise<void>;
}

export type JobHandler = (data: Record<string, string>) => Promise<void>;

export class JobRunner implements JobScheduler {
  private readonly boss: PgBoss;
  private started = false;

  constructor(
    connectionString: string,
    private readonly logger: Logger,
    private readonly options: { pollingIntervalSeconds?: number } = {},
  ) {
    this.boss = new PgBoss({ connectionString, application_name: 'rsm-jobs', max: 3, schema: 'pgboss' });
    // Once stopping, connections closed by the shutdown are expected, not errors worth an alert.
    this.boss.on('error', (error: unknown) =>
      this.started ? logger.error({ err: error }, 'job runner error') : logger.debug({ err: error }, 'job runner closing'),
    );
  }

  async start(): Promise<void> {
    await this.boss.start();
    for (const name of JOB_NAMES) await this.boss.createQueue(name, { name, retryLimit: 5, retryDelay: 30, retryBackoff: true });
    this.started = true;
  }

  /** `pollingIntervalSeconds` per queue: work a person waits for (audio processing) polls more often. */
  async work(name: JobName, handler: JobHandler, options: { pollingIntervalSeconds?: number } = {}): Promise<void> {
    const pollingIntervalSeconds = Math.min(options.pollingIntervalSeconds ?? Infinity, this.options.pollingIntervalSeconds ?? 2);
    await this.boss.work<Record<string, string>>(name, { pollingIntervalSeconds, batchSize: 5 }, async (jobs) => {
      for (const job of jobs) {
        try {
          await handler(job.data);
        } catch (error) {
          this.logger.error({ err: error, job: name, jobId: job.id }, 'job failed; it will be retried');
          jobFailures.inc({ job: name });
          reportError(error, { source: 'job', job: name, studioId: job.data.studioId ?? null });
          throw error;
        }
      }
    });
  }

  async schedule(name: JobName, data: Record<string, string>, options: { runAt?: Date; key?: string } = {}): Promise<void> {
    if (!this.started) throw new Error('job runner not started');
    await this.boss.send(name, data, {
      ...(options.runAt ? { startAfter: options.runAt } : {}),
      ...(options.key ? { singletonKey: `${options.key}:${options.runAt?.toISOString() ?? ''}` } : {}),
    });
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
