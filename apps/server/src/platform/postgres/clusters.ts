/**
 * The PostgreSQL clusters this server talks to: the control cluster (holding
 * the control database) and the clusters that hold tenant databases. With no
 * TENANT_CLUSTERS, tenants live on the control cluster.
 */
import pg from 'pg';
import type { Config } from '../../config/env.ts';
import { ClusterConnections, databaseUrl } from './connection-manager.ts';

export interface TenantCluster {
  id: string;
  /** URL of the cluster's maintenance database (`postgres`). */
  adminUrl: string;
  connections: ClusterConnections;
  /** Small pool on the maintenance database for CREATE / DROP DATABASE. */
  admin: pg.Pool;
}

export const CONTROL_CLUSTER_ID = 'main';
export const TEMPLATE_DATABASE = 'rsm_tenant_template';

/** "name=postgres://…" or a bare URL (named after its host and port). */
export function parseClusterEntry(entry: string): { id: string; url: string } {
  const eq = entry.indexOf('=');
  if (eq > 0 && !entry.slice(0, eq).includes('://')) return { id: entry.slice(0, eq).trim(), url: entry.slice(eq + 1).trim() };
  const url = new URL(entry);
  return { id: `${url.hostname}:${url.port || '5432'}`, url: entry };
}

export class Clusters {
  readonly tenantClusters = new Map<string, TenantCluster>();

  constructor(
    private readonly config: Config,
    /** URL of the control database itself. */
    readonly controlUrl: string,
  ) {
    const entries = config.TENANT_CLUSTERS.length > 0 ? config.TENANT_CLUSTERS.map(parseClusterEntry) : [{ id: CONTROL_CLUSTER_ID, url: controlUrl }];
    for (const { id, url } of entries) {
      if (this.tenantClusters.has(id)) throw new Error(`TENANT_CLUSTERS names cluster ${id} twice`);
      const adminUrl = databaseUrl(url, 'postgres');
      const admin = new pg.Pool({ connectionString: adminUrl, max: 2, idleTimeoutMillis: 10_000, application_name: 'rsm-admin' });
      admin.on('error', () => {
        // an idle admin connection closed by the server (restart, shutdown): the pool opens a new one when needed
      });
      this.tenantClusters.set(id, {
        id,
        adminUrl,
        connections: new ClusterConnections({
          clusterId: id,
          url,
          maxConnections: config.PG_MAX_CONNECTIONS_PER_CLUSTER,
          maxPerDatabase: config.PG_MAX_CONNECTIONS_PER_TENANT,
          idleTimeoutMs: config.PG_IDLE_TIMEOUT_MS,
          acquireTimeoutMs: config.PG_ACQUIRE_TIMEOUT_MS,
          maxConcurrentOpens: config.PG_MAX_CONCURRENT_OPENS,
          coldAcquireTimeoutMs: config.PG_COLD_ACQUIRE_TIMEOUT_MS,
        }),
        admin,
      });
    }
  }

  get(id: string): TenantCluster | undefined {
    return this.tenantClusters.get(id);
  }

  ids(): string[] {
    return [...this.tenantClusters.keys()];
  }

  async close(): Promise<void> {
    await Promise.all(
      [...this.tenantClusters.values()].map(async (c) => {
        await c.connections.close();
        await c.admin.end();
      }),
    );
  }
}
