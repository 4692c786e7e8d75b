/** Prometheus metrics: HTTP latency, and the PostgreSQL connection managers' pools and waits. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Clusters } from '../postgres/clusters.ts';
import type { ConnectionStats } from '../postgres/connection-manager.ts';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  httpErrors: Counter<'status'>;
}

export function createMetrics(clusters: Clusters): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'rsm_' });
  const stat = (name: string, help: string, pick: (s: ConnectionStats) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['cluster'],
      registers: [registry],
      collect() {
        this.reset();
        for (const cluster of clusters.tenantClusters.values()) this.set({ cluster: cluster.id }, pick(cluster.connections.stats()));
      },
    });
  stat('rsm_pg_tenant_connections_open', 'Open connections to tenant databases', (s) => s.open);
  stat('rsm_pg_tenant_connections_active', 'Tenant connections in use', (s) => s.active);
  stat('rsm_pg_tenant_connections_idle', 'Idle tenant connections kept for reuse', (s) => s.idle);
  stat('rsm_pg_tenant_databases_open', 'Tenant databases with at least one open connection (open pools)', (s) => s.databasesOpen);
  stat('rsm_pg_tenant_acquire_waiting', 'Requests waiting for a tenant connection', (s) => s.waiting);
  stat('rsm_pg_tenant_connections_peak', 'Most tenant connections open at once since start', (s) => s.peakOpen);
  stat('rsm_pg_tenant_acquire_timeouts', 'Requests refused with 503 after waiting for a connection', (s) => s.acquireTimeouts);
  return {
    registry,
    httpDuration: new Histogram({
      name: 'rsm_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    httpErrors: new Counter({ name: 'rsm_http_errors_total', help: 'HTTP responses with status >= 500', labelNames: ['status'], registers: [registry] }),
  };
}
