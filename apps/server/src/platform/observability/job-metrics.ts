/**
 * Failures of background work as they happen, counted by the process that ran it (pg-boss jobs by name,
 * outbox work by kind). Process-wide like the workers themselves; each app's registry registers them.
 */
import { Counter } from 'prom-client';

export const jobFailures = new Counter({
  name: 'rsm_job_failures_total',
  help: 'pg-boss job runs that threw (each is retried), by job name, since this process started',
  labelNames: ['job'],
  registers: [],
});

export const outboxFailures = new Counter({
  name: 'rsm_outbox_failures_total',
  help: 'Outbox work items that threw (each is retried with back-off), by kind, since this process started',
  labelNames: ['kind'],
  registers: [],
});
