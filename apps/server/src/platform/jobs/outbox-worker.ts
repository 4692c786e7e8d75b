/**
 * Drains the studios' outboxes (ADR 15): work recorded in a studio's database by the transaction that called
 * for it (a hold's expiry, a reminder, a notice), run once it is due.
 *
 * - Every `WORK_POLL_MS` it asks the control database which studios have work due (`studio_work`) and drains
 *   those: due rows are leased for `OUTBOX_LEASE_MS` (another worker skips them; a worker that dies lets the
 *   lease lapse), run by the handler registered for their kind, and marked done — or retried later with
 *   back-off after a failure. Handlers re-check what they act on, and mail they send carries an idempotency
 *   key, so a row run twice (a crash between the work and "done") changes nothing the second time.
 * - Every `WORK_SWEEP_MS` a backstop sweep visits every active studio, `SWEEP_CONCURRENCY` at a time:
 *   re-records a hold with no pending expiry, drains what is overdue and corrects the summary — so even a
 *   stale summary delays work by at most one sweep.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { control, latestVersion } from '@rsm/db';
import type { Platform } from '../platform.ts';
import type { TenantDb, TenantLocation } from '../tenancy/directory.ts';
import { controlNow, dueStudios, postponeStudioWork, settleStudioWork } from './studio-work.ts';
import { isUnavailableError } from '../postgres/unavailable.ts';
import { outboxFailures } from '../observability/job-metrics.ts';
import { reportError } from '../observability/error-tracking.ts';

export interface OutboxItem {
  id: string;
  kind: string;
  payload: Record<string, string>;
  dueAt: Date;
  attempts: number;
}

/** Runs one item; `mailKey` prefixes the idempotency key of every mail it sends. Throw to retry later. */
export type OutboxHandler = (studioId: string, item: OutboxItem, mailKey: string) => Promise<void>;

export const OUTBOX_LEASE_MS = 30_000;
const BATCH = 20;
const STUDIOS_PER_POLL = 10;
const SWEEP_CONCURRENCY = 10;
const MAX_BACKOFF_MS = 3_600_000;
const TRANSIENT_RETRY_MS = 2_000;
const UNAVAILABLE_RETRY_MS = 60_000;

type ClaimedRow = {
  id: string;
  kind: string;
  payload: Record<string, string>;
  due_at: Date | string;
  /** due_at as PostgreSQL prints it: exact to the microsecond, where a JS Date keeps milliseconds. */
  due_exact: string;
  attempts: number;
};

/** A claimed item, with the exact due time that "done" compares against. */
type ClaimedItem = OutboxItem & { dueExact: string };

export class OutboxWorker {
  private readonly handlers = new Map<string, OutboxHandler>();
  private pollTimer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> = Promise.resolve();
  private stopped = true;

  constructor(
    private readonly platform: Platform,
    private readonly options: { pollMs: number; sweepMs: number; firstSweepMs?: number },
  ) {}

  register(kind: string, handler: OutboxHandler): void {
    this.handlers.set(kind, handler);
  }

  start(): void {
    this.stopped = false;
    const poll = () => {
      this.current = this.pollOnce()
        .catch((error: unknown) => this.logFailure(error, {}, 'outbox poll failed'))
        .finally(() => {
          if (!this.stopped) this.pollTimer = setTimeout(poll, this.options.pollMs);
        });
    };
    const sweep = () => {
      void this.sweep()
        .catch((error: unknown) => this.logFailure(error, {}, 'outbox sweep failed'))
        .finally(() => {
          if (!this.stopped) this.sweepTimer = setTimeout(sweep, this.options.sweepMs);
        });
    };
    this.pollTimer = setTimeout(poll, 0);
    this.sweepTimer = setTimeout(sweep, this.options.firstSweepMs ?? this.options.sweepMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    await this.current.catch(() => undefined);
  }

  /** One poll: drain every studio the summary says is due. */
  async pollOnce(): Promise<number> {
    const studios = await dueStudios(this.platform.controlDb, this.platform.clock.now(), STUDIOS_PER_POLL);
    await Promise.all(studios.map((id) => this.drainStudio(id).catch((error: unknown) => this.logFailure(error, { studioId: id }, 'outbox drain failed'))));
    return studios.length;
  }

  /** The backstop: every active studio, whatever the summary says. */
  async sweep(): Promise<number> {
    let after = '00000000-0000-0000-0000-000000000000';
    let visited = 0;
    for (;;) {
      const batch = await this.platform.controlDb
        .select({ studioId: control.tenantDatabases.studioId })
        .from(control.tenantDatabases)
        .where(and(eq(control.tenantDatabases.state, 'active'), gt(control.tenantDatabases.studioId, after)))
        .orderBy(asc(control.tenantDatabases.studioId))
        .limit(SWEEP_CONCURRENCY);
      if (batch.length === 0 || this.stopped) return visited;
      await Promise.all(
        batch.map((b) =>
          this.drainStudio(b.studioId, { repair: true }).catch((error: unknown) =>
            this.logFailure(error, { studioId: b.studioId }, 'outbox sweep of a studio failed'),
          ),
        ),
      );
      visited += batch.length;
      after = batch[batch.length - 1]!.studioId;
    }
  }

  /** Run everything due in one studio, then record when its next work is due. */
  async drainStudio(studioId: string, options: { repair?: boolean } = {}): Promise<void> {
    const lookedAt = await controlNow(this.platform.controlDb);
    const location = await this.platform.directory.locate(studioId);
    if (!location) return settleStudioWork(this.platform.controlDb, studioId, lookedAt, null);
    if (location.state !== 'active' || location.schemaVersion < latestVersion('tenant'))
      return postponeStudioWork(this.platform.controlDb, studioId, UNAVAILABLE_RETRY_MS);
    if (options.repair) await this.withTenant(location, repairOutbox);
    for (;;) {
      const items = await this.withTenant(location, (db) => claimDue(db, this.platform.clock.now()));
      for (const item of items) await this.run(location, studioId, item);
      if (items.length < BATCH || this.stopped) break;
    }
    const next = await this.withTenant(location, nextDue);
    await settleStudioWork(this.platform.controlDb, studioId, lookedAt, next);
  }

  /** A database too busy to serve is load, not a bug: a warning (the next poll or sweep takes the work again). */
  private logFailure(error: unknown, bindings: Record<string, unknown>, message: string): void {
    if (isUnavailableError(error)) this.platform.logger.warn({ err: error, ...bindings }, message);
    else this.platform.logger.error({ err: error, ...bindings }, message);
  }

  private withTenant<T>(location: TenantLocation, work: (db: TenantDb) => Promise<T>): Promise<T> {
    return this.platform.directory.withTenant(location, work);
  }

  private async run(location: TenantLocation, studioId: string, item: ClaimedItem): Promise<void> {
    const handler = this.handlers.get(item.kind);
    try {
      if (!handler) throw new Error(`no handler for outbox work "${item.kind}"`);
      await handler(studioId, item, `outbox:${studioId}:${item.id}`);
      await this.withTenant(location, (db) => markDone(db, item));
    } catch (error) {
      // A database too busy to serve right now is not the work's fault: look again soon rather than in 30 s, so a
      // notice is late by seconds under a burst; anything else backs off from the lease's length.
      const transient = isUnavailableError(error);
      outboxFailures.inc({ kind: item.kind });
      // A busy database is load, not a bug: it shows in the metrics, and is not reported as an error.
      if (!transient) reportError(error, { source: 'outbox', outboxKind: item.kind, studioId });
      const backoffMs = transient ? TRANSIENT_RETRY_MS : Math.min(OUTBOX_LEASE_MS * 2 ** Math.max(0, item.attempts - 1), MAX_BACKOFF_MS);
      this.logFailure(error, { studioId, kind: item.kind, outboxId: item.id, attempts: item.attempts }, 'outbox work failed; it will be retried');
      await this.withTenant(location, (db) => markFailed(db, item, error, backoffMs));
    }
  }
}

async function claimDue(db: TenantDb, now: Date): Promise<ClaimedItem[]> {
  const result = await db.execute<ClaimedRow>(sql`
    UPDATE outbox SET lease_until = now() + make_interval(secs => ${OUTBOX_LEASE_MS / 1000}), attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM outbox
      WHERE done_at IS NULL AND due_at <= ${now.toISOString()} AND (lease_until IS NULL OR lease_until < now())
      ORDER BY due_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, payload, due_at, due_at::text AS due_exact, attempts`);
  return result.rows
    .map((r) => ({ id: r.id, kind: r.kind, payload: r.payload, dueAt: new Date(r.due_at), dueExact: r.due_exact, attempts: r.attempts }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/**
 * Done — unless the work was recorded again meanwhile (a hold's new expiry): then it stays for its new time.
 * The due time is compared exactly: work recorded for now() has microseconds, which a JS Date would drop, and
 * the row would then never be marked done and run again after every lease.
 */
async function markDone(db: TenantDb, item: ClaimedItem): Promise<void> {
  await db.execute(sql`
    UPDATE outbox SET done_at = now(), lease_until = NULL
    WHERE id = ${item.id} AND done_at IS NULL AND due_at = ${item.dueExact}::timestamptz AND payload = ${JSON.stringify(item.payload)}::jsonb`);
}

async function markFailed(db: TenantDb, item: OutboxItem, error: unknown, backoffMs: number): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  await db.execute(
    sql`UPDATE outbox SET lease_until = now() + make_interval(secs => ${backoffMs / 1000}), last_error = ${message} WHERE id = ${item.id} AND done_at IS NULL`,
  );
}

/** When this studio's next work is due (a leased or backed-off row counts from its lease's end). */
async function nextDue(db: TenantDb): Promise<Date | null> {
  const result = await db.execute<{ next: Date | string | null }>(
    sql`SELECT min(GREATEST(due_at, coalesce(lease_until, due_at))) AS next FROM outbox WHERE done_at IS NULL`,
  );
  const next = result.rows[0]?.next;
  return next ? new Date(next) : null;
}

/** Backstop repairs: a hold with no pending expiry gets one, money's daily run is recorded; done work older than a week is forgotten. */
async function repairOutbox(db: TenantDb): Promise<void> {
  await db.execute(sql`
    INSERT INTO outbox (kind, dedupe_key, due_at, payload)
    SELECT 'hold-expiry', 'hold-expiry:' || s.id, s.hold_expires_at, jsonb_build_object('sessionId', s.id::text)
    FROM sessions s
    WHERE s.status = 'hold' AND s.hold_expires_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dedupe_key = 'hold-expiry:' || s.id AND o.done_at IS NULL)
    ON CONFLICT (dedupe_key) WHERE done_at IS NULL DO NOTHING`);
  // Money's daily work (quote expiry, invoice reminders: modules/money/delivery/money-daily.job.ts) for a studio
  // with open documents; each run records the next one itself.
  await db.execute(sql`
    INSERT INTO outbox (kind, dedupe_key, due_at, payload)
    SELECT 'money-daily', 'money-daily', now(), '{}'::jsonb
    WHERE EXISTS (SELECT 1 FROM money_documents WHERE status IN ('sent', 'issued', 'partially_paid'))
    ON CONFLICT (dedupe_key) WHERE done_at IS NULL DO NOTHING`);
  await db.execute(sql`DELETE FROM outbox WHERE done_at < now() - interval '7 days'`);
}
