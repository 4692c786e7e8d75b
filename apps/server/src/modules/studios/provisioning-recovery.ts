/**
 * Finishing a studio whose sign-up did not (#10.6). A sign-up owns its new studio's provisioning for
 * `PROVISIONING_LEASE_MS` (`tenant_databases.lease_until`); once that lapses — the process died, or the
 * sign-up failed and could not undo — anyone may take the lease and finish the job: the recovery sweeper
 * every 10 s while the server runs, or the owner signing up again with the same e-mail and password. Every
 * step is idempotent, so finishing works from any crash point: the control records exist (they are written
 * in one transaction), the database may or may not have been cloned, set up, or marked active.
 */
import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { control, currentVersion, tenant } from '@rsm/db';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { TEMPLATE_DATABASE } from '../../platform/postgres/clusters.ts';
import { createDatabase, databaseExists } from '../../platform/tenancy/template.ts';
import { tenantDbFor } from '../../platform/tenancy/directory.ts';
import { pausePoint } from '../../platform/testing/pause-points.ts';
import { pgErrorCode } from '../../platform/postgres/pg-errors.ts';
import { writeDefaultOpeningHours } from '../booking/hours.service.ts';

export const RECOVERY_EVERY_MS = 10_000;

export interface ProvisioningEntry {
  studioId: string;
  clusterId: string;
  databaseName: string;
}

/** The lease's end for a provisioning step starting now. */
export function leaseEnd(platform: Platform): Date {
  return new Date(Date.now() + platform.config.PROVISIONING_LEASE_MS);
}

/** Take over a stranded provisioning (lease lapsed); null when it is not stranded or someone else took it. */
export async function claimStranded(platform: Platform, studioId: string): Promise<ProvisioningEntry | null> {
  const [entry] = await platform.controlDb
    .update(control.tenantDatabases)
    .set({ leaseUntil: leaseEnd(platform), updatedAt: new Date() })
    .where(
      and(
        eq(control.tenantDatabases.studioId, studioId),
        inArray(control.tenantDatabases.state, ['provisioning', 'failed']),
        or(isNull(control.tenantDatabases.leaseUntil), lt(control.tenantDatabases.leaseUntil, sql`now()`)),
      ),
    )
    .returning({
      studioId: control.tenantDatabases.studioId,
      clusterId: control.tenantDatabases.clusterId,
      databaseName: control.tenantDatabases.databaseName,
    });
  return entry ?? null;
}

/**
 * The steps after the control records, each safe to repeat: clone the database (unless it exists), write the
 * default opening hours (unless there are some), mark the studio active, record it in the platform audit.
 */
export async function finishProvisioning(platform: Platform, entry: ProvisioningEntry, actorUserId: string | null): Promise<void> {
  const cluster = platform.clusters.get(entry.clusterId);
  if (!cluster) throw new Error(`cluster ${entry.clusterId} is not configured on this server`);
  if (!(await databaseExists(cluster.admin, entry.databaseName))) {
    try {
      await createDatabase(cluster.admin, entry.databaseName, TEMPLATE_DATABASE);
    } catch (error) {
      if (pgErrorCode(error) !== '42P04') throw error; // created meanwhile by another finisher
    }
  }
  await pausePoint('studios.provision.after-database');
  const lease = await cluster.connections.acquire(entry.databaseName);
  let version: number;
  try {
    version = await currentVersion(lease.client);
    const db = tenantDbFor(lease.client);
    const [hours] = await db.select({ id: tenant.openingHours.id }).from(tenant.openingHours).limit(1);
    if (!hours) await writeDefaultOpeningHours(db);
  } finally {
    lease.release();
  }
  await pausePoint('studios.provision.after-setup');
  await platform.controlDb
    .update(control.tenantDatabases)
    .set({ state: 'active', schemaVersion: version, lastError: null, leaseUntil: null, updatedAt: new Date() })
    .where(eq(control.tenantDatabases.studioId, entry.studioId));
  await pausePoint('studios.provision.after-active');
  await platform.controlDb
    .insert(control.platformAuditLog)
    .values({ actorUserId, action: 'studio.provisioned', studioId: entry.studioId, details: { clusterId: entry.clusterId, databaseName: entry.databaseName } });
}

/** Finish one stranded studio if its lease has lapsed; true when this call finished it. */
export async function recoverStudio(platform: Platform, studioId: string): Promise<boolean> {
  const entry = await claimStranded(platform, studioId);
  if (!entry) return false;
  try {
    await finishProvisioning(platform, entry, null);
    platform.logger.warn({ studioId }, 'finished a studio whose provisioning had been interrupted');
    return true;
  } catch (error) {
    // Left for the next round: the lease lapses again and someone retries.
    platform.logger.error({ err: error, studioId }, 'could not finish an interrupted provisioning; will retry');
    await platform.controlDb
      .update(control.tenantDatabases)
      .set({ lastError: String(error instanceof Error ? error.message : error).slice(0, 500) })
      .where(eq(control.tenantDatabases.studioId, studioId))
      .catch(() => undefined);
    return false;
  }
}

/** One round of the sweeper: every provisioning whose lease has lapsed. */
export async function recoverStrandedProvisioning(platform: Platform): Promise<number> {
  const stranded = await platform.controlDb
    .select({ studioId: control.tenantDatabases.studioId })
    .from(control.tenantDatabases)
    .where(
      and(
        inArray(control.tenantDatabases.state, ['provisioning', 'failed']),
        or(isNull(control.tenantDatabases.leaseUntil), lt(control.tenantDatabases.leaseUntil, sql`now()`)),
      ),
    )
    .limit(50);
  let finished = 0;
  for (const { studioId } of stranded) if (await recoverStudio(platform, studioId)) finished++;
  return finished;
}

/** The sweeper: a round at once, then every 10 s while the server runs. Returns its stop function. */
export function startProvisioningRecovery(platform: Platform, everyMs = RECOVERY_EVERY_MS): () => void {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const round = () => {
    void recoverStrandedProvisioning(platform)
      .catch((error: unknown) => platform.logger.error({ err: error }, 'provisioning recovery failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(round, everyMs);
      });
  };
  timer = setTimeout(round, 0);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

/**
 * For an owner signing up again with the right password: the slug of their studio, finished first if a crash
 * interrupted its provisioning (waiting a little for a sign-up still in progress); null when they own none.
 */
export async function finishOwnSignUp(platform: Platform, userId: string, waitMs = 15_000): Promise<string | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const [owned] = await platform.controlDb
      .select({ id: control.studios.id, slug: control.studios.slug, state: control.tenantDatabases.state })
      .from(control.memberships)
      .innerJoin(control.studios, eq(control.studios.id, control.memberships.studioId))
      .innerJoin(control.tenantDatabases, eq(control.tenantDatabases.studioId, control.studios.id))
      .where(and(eq(control.memberships.userId, userId), eq(control.memberships.role, 'owner')))
      .orderBy(asc(control.studios.createdAt))
      .limit(1);
    if (!owned) return null;
    if (owned.state === 'active' || (await recoverStudio(platform, owned.id))) return owned.slug;
    if (Date.now() > deadline) throw new AppError('OVERLOADED', 'Your studio is still being set up. Please retry in a moment.', { retryAfterSeconds: 10 });
    await new Promise((r) => setTimeout(r, 500));
  }
}
