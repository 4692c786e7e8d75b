/** Reads an archive's lines (decrypting and decompressing on the way) and loads them into a database in one transaction. */
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type pg from 'pg';
import { ARCHIVE_FORMAT, BackupError, openArchiveStream, type ArchiveHeader, type ArchiveManifest, type TableSummary } from './archive-format.ts';
import { ident, readCatalog, type CatalogTable } from './catalog.ts';
import { summarizeTable, TableHasher } from './table-reader.ts';

const INSERT_ROWS = 500;
const INSERT_BYTES = 4 * 1024 * 1024;

export interface ArchiveLines {
  header: ArchiveHeader;
  /** The lines after the header; throws a BackupError on a damaged, truncated or undecryptable archive. */
  rest: AsyncIterator<string>;
  close(): void;
}

export async function openArchive(input: Readable, key: Buffer | undefined): Promise<ArchiveLines> {
  const decrypt = openArchiveStream(key);
  const gunzip = createGunzip();
  input.on('error', (e) => decrypt.destroy(e));
  decrypt.on('error', (e) => gunzip.destroy(e));
  input.pipe(decrypt).pipe(gunzip);
  const rest = splitLines(gunzip)[Symbol.asyncIterator]();
  const close = () => {
    input.destroy();
    gunzip.destroy();
  };
  let first: IteratorResult<string>;
  try {
    first = await rest.next();
  } catch (error) {
    close();
    throw error;
  }
  const header = !first.done && first.value.startsWith('#{"header"') ? (JSON.parse(first.value.slice(1)) as { header: ArchiveHeader }).header : null;
  if (!header || header.format !== ARCHIVE_FORMAT) {
    close();
    throw new BackupError('This file is not a studio backup of this version (no backup header)');
  }
  return { header, rest, close };
}

async function* splitLines(stream: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  try {
    for await (const chunk of stream) {
      pending += decoder.write(chunk as Buffer);
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        yield pending.slice(0, nl);
        pending = pending.slice(nl + 1);
      }
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`The backup is damaged: ${(error as Error).message}`, { cause: error });
  }
  pending += decoder.end();
  if (pending.length > 0) yield pending;
}

function parseControl(line: string): Record<string, unknown> {
  try {
    return JSON.parse(line.slice(1)) as Record<string, unknown>;
  } catch {
    throw new BackupError('The backup is damaged (an unreadable record)');
  }
}

/**
 * Replaces every table's content with the archive's, inside the caller's transaction: triggers and foreign-key
 * checks are off for the load (session_replication_role, as pg_restore --disable-triggers), every table's rows
 * are hashed from the archive and again from the database afterwards, and anything that does not match throws
 * (the caller rolls back, so nothing changes).
 */
export async function loadArchive(client: pg.ClientBase, archive: ArchiveLines): Promise<ArchiveManifest> {
  const { header, rest } = archive;
  const catalog = await readCatalog(client);
  const byName = new Map(catalog.map((t) => [t.name, t]));
  const expected = [...header.tables].sort().join(',');
  if (expected !== [...byName.keys()].sort().join(',')) {
    throw new BackupError(`The backup's tables do not match this database's schema (version ${header.schemaVersion})`);
  }
  await client.query('SET LOCAL session_replication_role = replica');
  if (catalog.length > 0) await client.query(`TRUNCATE ${catalog.map((t) => ident(t.name)).join(', ')}`);
  const summaries: TableSummary[] = [];
  let table: CatalogTable | null = null;
  let hasher = new TableHasher();
  let batch: string[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (!table || batch.length === 0) return;
    const columns = table.insertColumns.map(ident).join(', ');
    await client.query(
      `INSERT INTO ${ident(table.name)} (${columns}) ${table.hasIdentity ? 'OVERRIDING SYSTEM VALUE ' : ''}SELECT ${columns} FROM jsonb_populate_recordset(NULL::${ident(table.name)}, $1::jsonb)`,
      ['[' + batch.join(',') + ']'],
    );
    batch = [];
    batchBytes = 0;
  };
  let manifest: ArchiveManifest | null = null;
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    const line = next.value;
    if (manifest) throw new BackupError('The backup is damaged (data after its manifest)');
    if (!line.startsWith('#')) {
      if (!table) throw new BackupError('The backup is damaged (a row outside any table)');
      hasher.add(line);
      batch.push(line);
      batchBytes += line.length;
      if (batch.length >= INSERT_ROWS || batchBytes >= INSERT_BYTES) await flush();
      continue;
    }
    const record = parseControl(line);
    if (typeof record.table === 'string') {
      if (table) throw new BackupError(`The backup is damaged (table ${table.name} is not closed)`);
      table = byName.get(record.table) ?? null;
      if (!table || summaries.some((s) => s.name === record.table)) throw new BackupError(`The backup is damaged (unexpected table ${record.table})`);
      const columns = Array.isArray(record.columns) ? [...(record.columns as string[])].sort().join(',') : '';
      if (columns !== [...table.insertColumns].sort().join(','))
        throw new BackupError(`The backup's columns of ${table.name} do not match this database's schema`);
      hasher = new TableHasher();
    } else if (typeof record.tableEnd === 'string') {
      if (!table || record.tableEnd !== table.name) throw new BackupError('The backup is damaged (a table end out of place)');
      await flush();
      const summary = { name: table.name, rows: hasher.rows, sha256: hasher.digest() };
      if (summary.rows !== record.rows || summary.sha256 !== record.sha256) {
        throw new BackupError(`The backup is damaged or was altered: table ${table.name} does not match its checksum`);
      }
      summaries.push(summary);
      table = null;
    } else if (record.manifest && typeof record.manifest === 'object') {
      if (table) throw new BackupError(`The backup is damaged (table ${table.name} is not closed)`);
      manifest = record.manifest as ArchiveManifest;
    } else {
      throw new BackupError('The backup is damaged (an unknown record)');
    }
  }
  if (!manifest) throw new BackupError('The backup is truncated (no manifest at its end)');
  const listed = new Map((manifest.tableSummaries ?? []).map((s) => [s.name, s]));
  if (
    listed.size !== catalog.length ||
    summaries.length !== catalog.length ||
    summaries.some((s) => listed.get(s.name)?.sha256 !== s.sha256 || listed.get(s.name)?.rows !== s.rows)
  ) {
    throw new BackupError('The backup is damaged or was altered: its manifest does not match its tables');
  }
  if (manifest.schemaVersion !== header.schemaVersion || manifest.studio?.id !== header.studio.id)
    throw new BackupError('The backup is damaged or was altered: its manifest does not match its header');
  const sequences = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'S'`,
  );
  const existing = new Set(sequences.rows.map((r) => r.name));
  for (const seq of manifest.sequences ?? []) {
    if (!existing.has(seq.name)) throw new BackupError(`The backup's sequence ${seq.name} does not exist in this database`);
    await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [ident(seq.name), seq.value, seq.isCalled]);
  }
  // Read back what was loaded: every table must hash as in the manifest (types, generated columns, the lot).
  for (const t of catalog) {
    const now = await summarizeTable(client, t);
    const want = listed.get(t.name)!;
    if (now.rows !== want.rows || now.sha256 !== want.sha256) {
      throw new BackupError(`Restored table ${t.name} does not read back as backed up (${now.rows} rows for ${want.rows})`);
    }
  }
  return manifest;
}
