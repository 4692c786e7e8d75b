/**
 * What /metrics reports about background work, read from the control database at scrape time:
 * - pg-boss jobs by queue and state (queued = created or waiting for a retry, active, failed). pg-boss keeps
 *   a failed job in `pgboss.job` until it is archived (7 days by default), so "failed" is the failures of about
 *   the last week, not since the beginning of time. The job table is partitioned by queue and small (done jobs
 *   are archived after hours), so one grouped count is cheap — and it runs at most once per cache period.
 * - the outbox summary `studio_work` (ADR 15): one row per studio with recorded work, so it counts studios
 *   whose work is due, and those overdue by more than OUTBOX_OVERDUE_SECONDS (the worker polls every few
 *   seconds: more than that means it is stuck or failing), and how late the oldest is.
 */
import { sql } from 'drizzle-orm';
import type { ControlDb } from '../postgres/control-db.ts';

export const OUTBOX_OVERDUE_SECONDS = 300;

export interface JobCount {
  name: string;
  state: 'queued' | 'active' | 'failed';
  count: number;
}

export interface OutboxSummary {
  studiosDue: number;
  studiosOverdue: number;
  oldestDueSeconds: number;
}

export async function readJobCounts(controlDb: ControlDb): Promise<JobCount[]> {
  const result = await controlDb.execute<{ name: string; state: JobCount['state']; count: number }>(sql`
    SELECT name, CASE WHEN state IN ('created', 'retry') THEN 'queued' ELSE state::text END AS state, count(*)::int AS count
    FROM pgboss.job WHERE state IN ('created', 'retry', 'active', 'failed')
    GROUP BY 1, 2`);
  return result.rows;
}

export async function readOutboxSummary(controlDb: ControlDb): Promise<OutboxSummary> {
  const result = await controlDb.execute<{ due: number; overdue: number; oldest: number | null }>(sql`
    SELECT count(*) FILTER (WHERE next_due_at <= now())::int AS due,
           count(*) FILTER (WHERE next_due_at <= now() - make_interval(secs => ${OUTBOX_OVERDUE_SECONDS}))::int AS overdue,
           extract(epoch FROM now() - min(next_due_at) FILTER (WHERE next_due_at <= now()))::float8 AS oldest
    FROM studio_work`);
  const row = result.rows[0];
  return { studiosDue: row?.due ?? 0, studiosOverdue: row?.overdue ?? 0, oldestDueSeconds: row?.oldest ?? 0 };
}
