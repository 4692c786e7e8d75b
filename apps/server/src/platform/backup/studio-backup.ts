/**
 * A consistent logical export of one studio's database: every table the catalog lists, read in one
 * REPEATABLE READ READ ONLY transaction (one snapshot), streamed through cursors into the archive
 * described in archive-format.ts, with the manifest (schema version, row counts, SHA-256 per table,
 * sequences, the studio's files). The files themselves are not copied.
 */
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { control, currentVersion } from '@rsm/db';
import type { Platform } from '../platform.ts';
import { databaseUrl } from '../postgres/connection-manager.ts';
import { recordBackup } from '../observability/backups.ts';
import { fileStorage } from '../storage/storage.ts';
import { keyBelongsToStudio } from '../storage/keys.ts';
import type { TenantLocation } from '../tenancy/directory.ts';
import { ARCHIVE_FORMAT, BackupError, backupKey, encryptStream, type ArchiveHeader, type ArchiveManifest, type TableSummary } from './archive-format.ts';
import { ident, readCatalog, readSequences } from './catalog.ts';
import { readTableRows, TableHasher } from './table-reader.ts';

export interface StudioRef {
  id: string;
  slug: string;
  name: string;
  location: TenantLocation;
}

export async function findStudio(platform: Platform, slug: string): Promise<StudioRef> {
  const [studio] = await platform.controlDb
    .select({ id: control.studios.id, slug: control.studios.slug, name: control.studios.name })
    .from(control.studios)
    .where(eq(control.studios.slug, slug))
    .limit(1);
  if (!studio) throw new BackupError(`No studio has the address "${slug}"`);
  const location = await platform.directory.locate(studio.id);
  if (!location) throw new BackupError(`Studio "${slug}" has no database`);
  return { ...studio, location };
}

/** A connection of its own to the studio's database (not from the request pool: a backup is long). */
export async function connectToDatabase(platform: Platform, clusterId: string, databaseName: string): Promise<pg.Client> {
  const cluster = platform.clusters.get(clusterId);
  if (!cluster) throw new BackupError(`Cluster ${clusterId} is not configured on this server (TENANT_CLUSTERS)`);
  const client = new pg.Client({ connectionString: databaseUrl(cluster.adminUrl, databaseName), application_name: 'rsm-backup' });
  await client.connect();
  return client;
}

export interface BackupOptions {
  /** Encrypt with this key; by default BACKUP_ENCRYPTION_KEY when it is set. `null`: never encrypt. */
  encryptionKey?: Buffer | null;
}

export async function backupStudio(platform: Platform, studio: StudioRef, out: Writable, options: BackupOptions = {}): Promise<ArchiveManifest> {
  if (studio.location.state === 'provisioning' || studio.location.state === 'failed') {
    throw new BackupError(`Studio "${studio.slug}" cannot be backed up: its database is ${studio.location.state}`);
  }
  const key = options.encryptionKey === undefined ? backupKey(platform.config.BACKUP_ENCRYPTION_KEY) : (options.encryptionKey ?? undefined);
  const client = await connectToDatabase(platform, studio.location.clusterId, studio.location.databaseName);
  const lines = new PassThrough();
  const written = key ? pipeline(lines, createGzip(), encryptStream(key), out) : pipeline(lines, createGzip(), out);
  written.catch(() => undefined); // awaited below; a write error also ends the export
  const write = async (line: string) => {
    if (!lines.write(line + '\n')) await Promise.race([once(lines, 'drain'), written]);
  };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const at = await client.query<{ now: Date }>('SELECT now()');
    const schemaVersion = await currentVersion(client);
    const tables = await readCatalog(client);
    const header: ArchiveHeader = {
      format: ARCHIVE_FORMAT,
      studio: { id: studio.id, slug: studio.slug, name: studio.name },
      schemaVersion,
      createdAt: at.rows[0]!.now.toISOString(),
      tables: tables.map((t) => t.name),
    };
    await write('#' + JSON.stringify({ header }));
    const tableSummaries: TableSummary[] = [];
    for (const table of tables) {
      await write('#' + JSON.stringify({ table: table.name, columns: table.insertColumns }));
      const hasher = new TableHasher();
      await readTableRows(client, table, async (batch) => {
        for (const line of batch) {
          hasher.add(line);
          await write(line);
        }
      });
      const summary = { name: table.name, rows: hasher.rows, sha256: hasher.digest() };
      tableSummaries.push(summary);
      await write('#' + JSON.stringify({ tableEnd: table.name, rows: summary.rows, sha256: summary.sha256 }));
    }
    const sequences = await readSequences(client);
    const files = await filesManifest(platform, client, studio.id);
    await client.query('COMMIT');
    const manifest: ArchiveManifest = { ...header, tableSummaries, sequences, files };
    await write('#' + JSON.stringify({ manifest }));
    lines.end();
    await written;
    recordBackup('studio', new Date(), true);
    return manifest;
  } catch (error) {
    recordBackup('studio', new Date(), false);
    lines.destroy(error as Error);
    await written.catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The studio's stored files: every value of a `*_key` text column that is a storage key of this studio,
 * sized from stored_files when it has the file, else from the store itself (null when the store lacks it).
 */
async function filesManifest(platform: Platform, client: pg.ClientBase, studioId: string): Promise<ArchiveManifest['files']> {
  const columns = await client.query<{ table: string; column: string }>(
    `SELECT c.relname AS table, a.attname AS column
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        AND a.atttypid = 'text'::regtype AND a.attname LIKE '%\\_key' ORDER BY 1, 2`,
  );
  const sizes = new Map<string, number | null>();
  for (const { table, column } of columns.rows) {
    const sizeColumn = table === 'stored_files' && column === 'storage_key' ? 'size_bytes' : null;
    const res = await client.query<{ key: string; size: string | null }>(
      `SELECT DISTINCT ${ident(column)} AS key, ${sizeColumn ? `${ident(sizeColumn)}::text` : 'NULL::text'} AS size FROM ${ident(table)} WHERE ${ident(column)} LIKE 'studios/%'`,
    );
    for (const row of res.rows) {
      if (!keyBelongsToStudio(row.key, studioId)) continue;
      if (row.size !== null) sizes.set(row.key, Number(row.size));
      else if (!sizes.has(row.key)) sizes.set(row.key, null);
    }
  }
  const storage = fileStorage(platform.config);
  const files: ArchiveManifest['files'] = [];
  for (const [key, size] of [...sizes].sort(([a], [b]) => a.localeCompare(b))) {
    files.push({ key, sizeBytes: size ?? (await storage.stat(key).catch(() => null))?.size ?? null });
  }
  return files;
}
