/**
 * Restoring a studio from its backup, either
 * - over its own database: the studio is taken offline (directory state `suspended`, new connections to its
 *   database refused, the open ones closed), every table is truncated and reloaded in one transaction, checked
 *   against the manifest, and the studio goes back to its previous state; or
 * - into a new database (`newDatabase`): created from the migrated template at the backup's schema version (an
 *   older backup is loaded at its own version and then migrated), checked, and the studio's directory entry is
 *   switched to it. The previous database is kept, for the operator to drop once satisfied.
 * A damaged, altered, undecryptable or foreign archive is refused with a BackupError and changes nothing.
 */
import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { control, currentVersion, latestVersion, loadChain, migrateDatabase } from '@rsm/db';
import { markStudioWork } from '../jobs/studio-work.ts';
import type { Platform } from '../platform.ts';
import { TEMPLATE_DATABASE, type TenantCluster } from '../postgres/clusters.ts';
import type { TenantLocation } from '../tenancy/directory.ts';
import { tenantDatabaseName } from '../tenancy/directory.ts';
import { createDatabase, dropDatabase, ensureTemplate, quoteIdent } from '../tenancy/template.ts';
import { BackupError, backupKey, type ArchiveManifest } from './archive-format.ts';
import { loadArchive, openArchive, type ArchiveLines } from './archive-reader.ts';
import { connectToDatabase, type StudioRef } from './studio-backup.ts';

export interface RestoreOptions {
  newDatabase?: boolean;
  /** Decrypt with this key; by default BACKUP_ENCRYPTION_KEY. */
  encryptionKey?: Buffer | null;
}

export interface RestoreResult {
  manifest: ArchiveManifest;
  databaseName: string;
  /** With `newDatabase`: the database the studio used before, kept. */
  previousDatabaseName: string | null;
  migratedFrom: number | null;
}

export async function restoreStudio(platform: Platform, studio: StudioRef, input: Readable, options: RestoreOptions = {}): Promise<RestoreResult> {
  const key = options.encryptionKey === undefined ? backupKey(platform.config.BACKUP_ENCRYPTION_KEY) : (options.encryptionKey ?? undefined);
  const cluster = platform.clusters.get(studio.location.clusterId);
  if (!cluster) throw new BackupError(`Cluster ${studio.location.clusterId} is not configured on this server (TENANT_CLUSTERS)`);
  const unlock = await lockStudioRestore(platform, studio.id);
  let archive: ArchiveLines | null = null;
  try {
    await recoverInterruptedRestore(platform, cluster, studio.id);
    archive = await openArchive(input, key);
    const { header } = archive;
    if (header.studio.id !== studio.id) {
      throw new BackupError(`This backup is of studio "${header.studio.slug}" (${header.studio.id}), not of "${studio.slug}"`);
    }
    const latest = latestVersion('tenant');
    if (header.schemaVersion > latest) {
      throw new BackupError(
        `This backup is at tenant schema version ${header.schemaVersion}, newer than this server's ${latest}: restore it with a newer version of the application`,
      );
    }
    return options.newDatabase ? await restoreIntoNewDatabase(platform, cluster, studio, archive) : await restoreInPlace(platform, cluster, studio, archive);
  } finally {
    archive?.close();
    await unlock();
  }
}

/** One restore of a studio at a time, across servers: a session lock on the control database, released if the process dies. */
async function lockStudioRestore(platform: Platform, studioId: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: platform.clusters.controlUrl, application_name: 'rsm-restore-lock' });
  await client.connect();
  const res = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtext('rsm-studio-restore'), hashtext($1)) AS ok`, [studioId]);
  if (!res.rows[0]?.ok) {
    await client.end();
    throw new BackupError('A restore of this studio is already running');
  }
  return () => client.end().catch(() => undefined);
}

async function restoreInPlace(platform: Platform, cluster: TenantCluster, studio: StudioRef, archive: ArchiveLines): Promise<RestoreResult> {
  const databaseName = studio.location.databaseName;
  const client = await connectToDatabase(platform, cluster.id, databaseName);
  try {
    const version = await currentVersion(client);
    if (archive.header.schemaVersion !== version) {
      throw new BackupError(
        `This backup is at tenant schema version ${archive.header.schemaVersion} and the studio's database at ${version}: restore it with --new-database (it is then migrated)`,
      );
    }
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const manifest = await whileOffline(platform, cluster, studio, databaseName, pid, () => loadInTransaction(client, archive));
    await markStudioWork(platform.controlDb, studio.id);
    return { manifest, databaseName, previousDatabaseName: null, migratedFrom: null };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function restoreIntoNewDatabase(platform: Platform, cluster: TenantCluster, studio: StudioRef, archive: ArchiveLines): Promise<RestoreResult> {
  const version = archive.header.schemaVersion;
  const latest = latestVersion('tenant');
  const stamp = new Date()
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 14);
  const databaseName = `${tenantDatabaseName(studio.id)}_r${stamp}`;
  quoteIdent(databaseName);
  if (version === latest) {
    await ensureTemplate(cluster);
    await createDatabase(cluster.admin, databaseName, TEMPLATE_DATABASE);
  } else {
    await createDatabase(cluster.admin, databaseName);
  }
  let client: pg.Client | null = null;
  try {
    client = await connectToDatabase(platform, cluster.id, databaseName);
    if (version !== latest) await migrateDatabase(client, 'tenant', loadChain('tenant').slice(0, version));
    const manifest = await loadInTransaction(client, archive);
    if (version !== latest) await migrateDatabase(client, 'tenant');
    await client.end();
    client = null;
    const previous = studio.location.databaseName;
    await whileOffline(platform, cluster, studio, previous, null, async () => {
      await platform.controlDb
        .update(control.tenantDatabases)
        .set({ databaseName, schemaVersion: latest, updatedAt: new Date() })
        .where(eq(control.tenantDatabases.studioId, studio.id));
    });
    await markStudioWork(platform.controlDb, studio.id);
    return { manifest, databaseName, previousDatabaseName: previous, migratedFrom: version !== latest ? version : null };
  } catch (error) {
    await client?.end().catch(() => undefined);
    await cluster.connections.closeDatabase(databaseName).catch(() => undefined);
    await dropDatabase(cluster.admin, databaseName).catch(() => undefined);
    throw error;
  }
}

async function loadInTransaction(client: pg.ClientBase, archive: ArchiveLines): Promise<ArchiveManifest> {
  await client.query('BEGIN');
  try {
    const manifest = await loadArchive(client, archive);
    await client.query('COMMIT');
    return manifest;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * The studio is unavailable while `work` runs: its directory state is `suspended` (requests get "this studio's
 * database is suspended"), its database refuses new connections and the open ones (other than ours, opened before)
 * are closed (except `keepPid`, the restoring connection). Its previous state comes back afterwards, whatever happens.
 */
async function whileOffline<T>(
  platform: Platform,
  cluster: TenantCluster,
  studio: StudioRef,
  databaseName: string,
  keepPid: number | null,
  work: () => Promise<T>,
): Promise<T> {
  const [before] = await platform.controlDb.select().from(control.tenantDatabases).where(eq(control.tenantDatabases.studioId, studio.id)).limit(1);
  if (!before) throw new BackupError(`Studio "${studio.slug}" has no database`);
  // After an interrupted restore the entry still says what the state was before it.
  const interrupted = before.lastError?.startsWith(RESTORING) ?? false;
  const previous = { state: interrupted ? stateBefore(before.lastError!) : before.state, lastError: interrupted ? null : before.lastError };
  await platform.controlDb
    .update(control.tenantDatabases)
    .set({ state: 'suspended', lastError: `${RESTORING}${previous.state}`, updatedAt: new Date() })
    .where(eq(control.tenantDatabases.studioId, studio.id));
  const db = quoteIdent(databaseName);
  try {
    await cluster.admin.query(`ALTER DATABASE ${db} ALLOW_CONNECTIONS false`);
    try {
      await cluster.connections.closeDatabase(databaseName);
      await cluster.admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND pid IS DISTINCT FROM $2::int`,
        [databaseName, keepPid],
      );
      return await work();
    } finally {
      await cluster.admin.query(`ALTER DATABASE ${db} ALLOW_CONNECTIONS true`);
    }
  } finally {
    await platform.controlDb
      .update(control.tenantDatabases)
      .set({ ...previous, updatedAt: new Date() })
      .where(eq(control.tenantDatabases.studioId, studio.id));
  }
}

/** Written into the directory entry's last_error while a restore runs: a crashed restore is visible, and undone by the next. */
const RESTORING = 'Restoring from a backup; state before: ';

function stateBefore(lastError: string): TenantLocation['state'] {
  const state = lastError.slice(RESTORING.length);
  return state === 'active' || state === 'suspended' ? state : 'active';
}

/** A restore that died while the studio was offline left its database refusing connections: let them in again. */
async function recoverInterruptedRestore(platform: Platform, cluster: TenantCluster, studioId: string): Promise<void> {
  const [entry] = await platform.controlDb.select().from(control.tenantDatabases).where(eq(control.tenantDatabases.studioId, studioId)).limit(1);
  if (entry?.lastError?.startsWith(RESTORING)) {
    platform.logger.warn({ studioId }, 'a previous restore of this studio was interrupted: its database accepts connections again');
    await cluster.admin.query(`ALTER DATABASE ${quoteIdent(entry.databaseName)} ALLOW_CONNECTIONS true`);
  }
}
