/**
 * Brings every tenant database on every cluster to the latest tenant schema.
 *
 * - Templates first, so studios created during the run are already current.
 * - Tenants in parallel with a bound; each tenant's migration is transactional
 *   and its version is recorded in the directory right after, so a run that is
 *   killed simply resumes: finished tenants are found current and skipped.
 * - Every tenant appears in the report: migrated, current, failed (with the
 *   error) or not migrated because of its state (provisioning / failed).
 */
import { and, asc, count, eq, inArray, lt } from 'drizzle-orm';
import { control, latestVersion, loadChain, migrateDatabase, type Migration } from '@rsm/db';
import { markStudioWork } from '../jobs/studio-work.ts';
import type { Platform } from '../platform.ts';
import { ensureTemplate } from './template.ts';

export interface FleetReport {
  total: number;
  migrated: number;
  current: number;
  failed: { studioId: string; databaseName: string; clusterId: string; error: string }[];
  notMigrated: { studioId: string; databaseName: string; state: string }[];
  templates: { clusterId: string; applied: string[] }[];
  targetVersion: number;
  durationMs: number;
}

export interface FleetOptions {
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  /** Only the studios whose recorded version is behind (start-up); the command visits every studio. */
  behindOnly?: boolean;
  /** The chain to apply; the committed tenant chain unless a benchmark supplies a longer one. */
  chain?: Migration[];
}

export async function migrateFleet(platform: Platform, options: FleetOptions = {}): Promise<FleetReport> {
  const started = Date.now();
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const chain = options.chain ?? loadChain('tenant');
  const targetVersion = options.chain ? chain.length : latestVersion('tenant');
  const templates: FleetReport['templates'] = [];
  for (const cluster of platform.clusters.tenantClusters.values()) {
    const result = await ensureTemplate(cluster, chain);
    templates.push({ clusterId: cluster.id, applied: result.applied });
  }
  const tenants = await platform.controlDb
    .select()
    .from(control.tenantDatabases)
    .where(options.behindOnly ? lt(control.tenantDatabases.schemaVersion, targetVersion) : undefined)
    .orderBy(asc(control.tenantDatabases.schemaVersion), asc(control.tenantDatabases.createdAt));
  const report: FleetReport = { total: tenants.length, migrated: 0, current: 0, failed: [], notMigrated: [], templates, targetVersion, durationMs: 0 };
  const queue = tenants.filter((t) => {
    if (options.behindOnly && t.schemaVersion >= targetVersion) return false;
    if (t.state === 'active' || t.state === 'suspended') return true;
    report.notMigrated.push({ studioId: t.studioId, databaseName: t.databaseName, state: t.state });
    return false;
  });
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const entry = queue[next++]!;
      const cluster = platform.clusters.get(entry.clusterId);
      try {
        if (!cluster) throw new Error(`cluster ${entry.clusterId} is not configured (TENANT_CLUSTERS)`);
        const lease = await cluster.connections.acquire(entry.databaseName);
        let result;
        try {
          result = await migrateDatabase(lease.client, 'tenant', chain);
        } catch (error) {
          lease.release(true);
          throw error;
        }
        lease.release();
        if (result.applied.length > 0) report.migrated++;
        else report.current++;
        // A migration may record work (0016 backfills holds' expiries and reminders): have the outbox worker look.
        if (result.applied.length > 0) await markStudioWork(platform.controlDb, entry.studioId);
        if (entry.schemaVersion !== result.to || entry.lastError) {
          await platform.controlDb
            .update(control.tenantDatabases)
            .set({ schemaVersion: result.to, lastError: null, updatedAt: new Date() })
            .where(eq(control.tenantDatabases.studioId, entry.studioId));
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        report.failed.push({ studioId: entry.studioId, databaseName: entry.databaseName, clusterId: entry.clusterId, error: message });
        await platform.controlDb
          .update(control.tenantDatabases)
          .set({ lastError: message.slice(0, 500), updatedAt: new Date() })
          .where(eq(control.tenantDatabases.studioId, entry.studioId))
          .catch(() => undefined);
      }
      options.onProgress?.(++done, queue.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  report.durationMs = Date.now() - started;
  return report;
}

export function formatFleetReport(report: FleetReport): string {
  const lines = [
    `Tenant schema target: version ${report.targetVersion}`,
    ...report.templates.map((t) => `Template on ${t.clusterId}: ${t.applied.length ? `applied ${t.applied.join(', ')}` : 'current'}`),
    `Tenants: ${report.total} — migrated ${report.migrated}, already current ${report.current}, failed ${report.failed.length}, not migrated ${report.notMigrated.length}`,
    ...report.failed.map((f) => `  FAILED ${f.databaseName} (studio ${f.studioId}, cluster ${f.clusterId}): ${f.error}`),
    ...report.notMigrated.map((n) => `  NOT MIGRATED ${n.databaseName} (studio ${n.studioId}): state is ${n.state}`),
    `Took ${(report.durationMs / 1000).toFixed(2)} s`,
  ];
  return lines.join('\n');
}

/** How many servable studios are recorded behind `latestVersion('tenant')`: one control query, whatever their number. */
export async function countTenantsBehind(platform: Platform): Promise<number> {
  const [row] = await platform.controlDb
    .select({ n: count() })
    .from(control.tenantDatabases)
    .where(and(lt(control.tenantDatabases.schemaVersion, latestVersion('tenant')), inArray(control.tenantDatabases.state, ['active', 'suspended'])));
  return row?.n ?? 0;
}
