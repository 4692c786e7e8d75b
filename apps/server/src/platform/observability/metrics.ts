/**
 * Prometheus metrics: HTTP and tRPC latency, the PostgreSQL connection managers, background work (pg-boss
 * queues, the outbox summary, failures) and backup age. Figures held in memory are read by collect
 * callbacks at scrape time; database figures come through a cached probe (see cached-probe.ts), so a scrape
 * never costs more than one query per source and requests never pay for metrics beyond one observation.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type pg from 'pg';
import type { Clusters } from '../postgres/clusters.ts';
import type { ConnectionStats } from '../postgres/connection-manager.ts';
import type { ControlDb } from '../postgres/control-db.ts';
import { readJobCounts, readOutboxSummary, OUTBOX_OVERDUE_SECONDS } from '../jobs/queue-stats.ts';
import { CachedProbe } from './cached-probe.ts';
import { procedureDuration } from './procedure-metrics.ts';
import { jobFailures, outboxFailures } from './job-metrics.ts';
import { backups as defaultBackups, type BackupSource } from './backups.ts';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  httpErrors: Counter<'status'>;
}

export interface MetricsSources {
  clusters: Clusters;
  controlDb: ControlDb;
  controlPool: pg.Pool;
  backups?: BackupSource;
  /** How long a database reading is reused (ms). */
  probeTtlMs?: number;
  onProbeError?: (error: unknown) => void;
}

export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'rsm_' });
  registry.registerMetric(procedureDuration);
  registry.registerMetric(jobFailures);
  registry.registerMetric(outboxFailures);
  connectionGauges(registry, sources.clusters, sources.controlPool);
  backgroundWorkGauges(registry, sources);
  backupGauges(registry, sources.backups ?? defaultBackups);
  return {
    registry,
    httpDuration: new Histogram({
      name: 'rsm_http_request_duration_seconds',
      help: 'HTTP request duration, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    httpErrors: new Counter({ name: 'rsm_http_errors_total', help: 'HTTP responses with status >= 500', labelNames: ['status'], registers: [registry] }),
  };
}

/** Tenant connection managers, one series per cluster; stats() is read once per cluster per scrape. */
function connectionGauges(registry: Registry, clusters: Clusters, controlPool: pg.Pool): void {
  const fields: [keyof ConnectionStats, string, string][] = [
    ['open', 'rsm_pg_tenant_connections_open', 'Open connections to tenant databases'],
    ['active', 'rsm_pg_tenant_connections_active', 'Tenant connections in use'],
    ['idle', 'rsm_pg_tenant_connections_idle', 'Idle tenant connections kept for reuse'],
    ['opening', 'rsm_pg_tenant_connections_opening', 'Tenant connections being opened right now'],
    ['maxConnections', 'rsm_pg_tenant_connections_max', 'The cap on tenant connections of the cluster (PG_MAX_CONNECTIONS_PER_CLUSTER)'],
    ['databasesOpen', 'rsm_pg_tenant_databases_open', 'Tenant databases with at least one open connection (open pools)'],
    ['waiting', 'rsm_pg_tenant_acquire_waiting', 'Requests waiting for a tenant connection'],
    ['peakOpen', 'rsm_pg_tenant_connections_peak', 'Most tenant connections open at once since start'],
    ['acquireTimeouts', 'rsm_pg_tenant_acquire_timeouts', 'Requests refused with 503 after waiting for a connection, since start'],
  ];
  // One collect (on the first gauge: prom-client collects a registry's metrics in order) fills them all.
  const fill = () => {
    for (const { gauge } of gauges) gauge.reset();
    for (const cluster of clusters.tenantClusters.values()) {
      const stats = cluster.connections.stats();
      for (const { field, gauge } of gauges) gauge.set({ cluster: cluster.id }, stats[field] as number);
    }
  };
  const gauges = fields.map(([field, name, help], i) => ({
    field,
    gauge: new Gauge({ name, help, labelNames: ['cluster'], registers: [registry], ...(i === 0 ? { collect: fill } : {}) }),
  }));
  new Gauge({
    name: 'rsm_pg_control_connections',
    help: 'The control database pool: open (total), idle, and requests waiting for a connection',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, controlPool.totalCount);
      this.set({ state: 'idle' }, controlPool.idleCount);
      this.set({ state: 'waiting' }, controlPool.waitingCount);
    },
  });
}

function backgroundWorkGauges(registry: Registry, sources: MetricsSources): void {
  const ttl = sources.probeTtlMs ?? 15_000;
  const onError = sources.onProbeError ?? (() => undefined);
  const jobs = new CachedProbe(() => readJobCounts(sources.controlDb), ttl, onError);
  const outbox = new CachedProbe(() => readOutboxSummary(sources.controlDb), ttl, onError);
  new Gauge({
    name: 'rsm_jobs',
    help: 'pg-boss jobs by job name and state: queued (waiting or to be retried), active, failed (kept ~7 days until archived); read at most every 15 s',
    labelNames: ['job', 'state'],
    registers: [registry],
    async collect() {
      const counts = await jobs.get();
      this.reset();
      for (const c of counts ?? []) this.set({ job: c.name, state: c.state }, c.count);
    },
  });
  const summary = (name: string, help: string, pick: (s: NonNullable<Awaited<ReturnType<typeof outbox.get>>>) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const value = await outbox.get();
        this.reset();
        if (value) this.set(pick(value));
      },
    });
  summary('rsm_outbox_studios_due', 'Studios whose recorded work (outbox) is due now, from the control summary studio_work', (s) => s.studiosDue);
  summary(
    'rsm_outbox_studios_overdue',
    `Studios whose outbox work has been due for more than ${OUTBOX_OVERDUE_SECONDS} s (the worker polls every few seconds)`,
    (s) => s.studiosOverdue,
  );
  summary('rsm_outbox_oldest_due_seconds', 'How long the longest-waiting due outbox work has been due (0 when none)', (s) => s.oldestDueSeconds);
}

function backupGauges(registry: Registry, source: BackupSource): void {
  new Gauge({
    name: 'rsm_backup_age_seconds',
    help: 'Seconds since the latest successful backup of each kind. No sample for a kind until one has succeeded (alert on absent() too)',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      this.reset();
      const now = Date.now();
      for (const b of source.latestSuccesses()) this.set({ kind: b.kind }, (now - b.finishedAt.getTime()) / 1000);
    },
  });
  new Gauge({
    name: 'rsm_backup_failures',
    help: 'Failed backups of each kind since this process started',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [kind, count] of source.failures()) this.set({ kind }, count);
    },
  });
}
