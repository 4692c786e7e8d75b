/**
 * Issue #13.1, one studio: the demo studio is backed up, damaged in several tables, restored over itself and into a
 * new database, and compared table by table, row by row, with its state before; damaged, altered, foreign, newer
 * and encrypted-without-the-key archives are refused and change nothing.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { control, currentVersion, latestVersion, loadChain, migrateDatabase } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { DEMO_SLUG, ensureDemoStudio } from '../../apps/server/src/demo/seed.ts';
import { databaseUrl } from '../../apps/server/src/platform/postgres/connection-manager.ts';
import { ENCRYPTED_MAGIC } from '../../apps/server/src/platform/backup/archive-format.ts';
import { backupStudio, findStudio } from '../../apps/server/src/platform/backup/studio-backup.ts';
import { restoreStudio, type RestoreOptions } from '../../apps/server/src/platform/backup/studio-restore.ts';
import { createDatabase, dropDatabase } from '../../apps/server/src/platform/tenancy/template.ts';

let server: TestServer;
let dir: string;
let before: Snapshot;
let plainArchive: string;
let fileKey: string;

type Snapshot = { tables: Record<string, string[]>; sequences: Record<string, string> };

async function studioClient(): Promise<pg.Client> {
  const studio = await findStudio(server.platform, DEMO_SLUG);
  const client = new pg.Client(databaseUrl(server.adminUrl, studio.location.databaseName));
  await client.connect();
  return client;
}

/** Every table's rows (ordered by their own text, independently of the backup's order) and every sequence. */
async function snapshot(): Promise<Snapshot> {
  const client = await studioClient();
  try {
    const names = await client.query<{ name: string; kind: string }>(
      `SELECT c.relname AS name, c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S') AND c.relname <> 'rsm_schema_migrations' ORDER BY 1`,
    );
    const snap: Snapshot = { tables: {}, sequences: {} };
    for (const { name, kind } of names.rows) {
      if (kind === 'S') {
        const res = await client.query<{ v: string }>(`SELECT last_value::text || '/' || is_called::text AS v FROM "${name}"`);
        snap.sequences[name] = res.rows[0]!.v;
      } else {
        const res = await client.query<{ j: string }>(`SELECT to_jsonb(t)::text AS j FROM "${name}" t ORDER BY 1`);
        snap.tables[name] = res.rows.map((r) => r.j);
      }
    }
    return snap;
  } finally {
    await client.end();
  }
}

/** Deletes, updates and inserts across several tables, past the money tables' append-only triggers. */
async function damage(): Promise<void> {
  const client = await studioClient();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query('DELETE FROM payments');
    await client.query('DELETE FROM money_document_lines WHERE id IN (SELECT id FROM money_document_lines ORDER BY id LIMIT 3)');
    await client.query('DELETE FROM sessions WHERE id IN (SELECT id FROM sessions ORDER BY id LIMIT 4)');
    await client.query(`UPDATE clients SET name = name || ' (damaged)'`);
    await client.query(`UPDATE rooms SET hourly_rate_cents = hourly_rate_cents + 1`);
    await client.query('DELETE FROM gear_items');
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

async function backup(file: string, encryptionKey: Buffer | null = null): Promise<void> {
  await backupStudio(server.platform, await findStudio(server.platform, DEMO_SLUG), createWriteStream(file), { encryptionKey });
}

async function restore(file: string, options: RestoreOptions = {}) {
  return restoreStudio(server.platform, await findStudio(server.platform, DEMO_SLUG), createReadStream(file), { encryptionKey: null, ...options });
}

/** Rewrites a plain archive's lines. */
async function alter(file: string, edit: (lines: string[]) => void): Promise<string> {
  const lines = gunzipSync(await readFile(plainArchive))
    .toString('utf8')
    .split('\n');
  edit(lines);
  await writeFile(file, gzipSync(lines.join('\n')));
  return file;
}

beforeAll(async () => {
  server = await createTestServer();
  await ensureDemoStudio(server.platform);
  await server.outbox.stop(); // nothing but this test changes the studio from here on
  // More rows than one cursor fetch and one insert batch, with text that tests the line framing.
  const client = await studioClient();
  await client.query(
    `INSERT INTO client_notes (client_id, body)
     SELECT (SELECT id FROM clients ORDER BY id LIMIT 1), 'note ' || g || E'\\nsecond line "quoted" \\\\ back ' || repeat('é♪', g % 40) FROM generate_series(1, 2500) g`,
  );
  const studioId = (await findStudio(server.platform, DEMO_SLUG)).id;
  fileKey = `studios/${studioId}/originals/${randomUUID()}.wav`;
  await client.query(
    `INSERT INTO stored_files (storage_key, original_name, size_bytes, format, mime_type, sha256) VALUES ($1, 'take 1.wav', 1234, 'wav', 'audio/wav', '')`,
    [fileKey],
  );
  await client.end();
  dir = await mkdtemp(join(tmpdir(), 'rsm-backup-'));
  before = await snapshot();
  plainArchive = join(dir, 'demo.ndjson.gz');
  await backup(plainArchive);
}, 120_000);
afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('studio backup', () => {
  it('covers a seeded studio with data in many tables, with a manifest', async () => {
    const filled = Object.entries(before.tables).filter(([, rows]) => rows.length > 0);
    expect(before.tables.client_notes!.length).toBeGreaterThan(2500);
    expect(before.tables.client_notes!.some((row) => row.includes('\\n') && row.includes('é♪'))).toBe(true);
    expect(filled.length).toBeGreaterThanOrEqual(12);
    const lines = gunzipSync(await readFile(plainArchive))
      .toString('utf8')
      .trimEnd()
      .split('\n');
    const header = JSON.parse(lines[0]!.slice(1)).header;
    expect(header).toMatchObject({ studio: { slug: DEMO_SLUG }, schemaVersion: latestVersion('tenant') });
    // Parents before children: a session's room comes first.
    expect(header.tables.indexOf('rooms')).toBeLessThan(header.tables.indexOf('sessions'));
    const manifest = JSON.parse(lines.at(-1)!.slice(1)).manifest;
    expect(manifest.tableSummaries).toHaveLength(Object.keys(before.tables).length);
    for (const t of manifest.tableSummaries) expect(t.rows).toBe(before.tables[t.name]!.length);
    expect(manifest.tableSummaries.every((t: { sha256: string }) => /^[0-9a-f]{64}$/.test(t.sha256))).toBe(true);
    expect(manifest.sequences.length).toBe(Object.keys(before.sequences).length);
    expect(manifest.files).toContainEqual({ key: fileKey, sizeBytes: 1234 });
  });

  it('restores over the damaged studio, every table row for row, and the studio is served again', async () => {
    await damage();
    expect(await snapshot()).not.toEqual(before);
    await restore(plainArchive);
    expect(await snapshot()).toEqual(before);
    const studio = await findStudio(server.platform, DEMO_SLUG);
    expect(studio.location.state).toBe('active');
    const rooms = await server.platform.directory.withTenant(studio.location, (db) => db.execute('SELECT count(*)::int AS n FROM rooms'));
    expect(rooms.rows[0]).toEqual({ n: before.tables.rooms!.length });
  });

  it('refuses an altered, truncated, foreign or newer archive and changes nothing', async () => {
    await damage();
    const damaged = await snapshot();
    const altered = await alter(join(dir, 'altered.gz'), (lines) => {
      const i = lines.findIndex((l) => !l.startsWith('#') && /"hourly_rate_cents": \d/.test(l));
      expect(i).toBeGreaterThan(0);
      lines[i] = lines[i]!.replace(/"hourly_rate_cents": (\d+)/, (_m, n) => `"hourly_rate_cents": ${Number(n) + 100}`);
    });
    await expect(restore(altered)).rejects.toThrow(/altered: table (engineers|rooms) does not match its checksum/);
    const dropped = await alter(join(dir, 'dropped.gz'), (lines) => {
      const start = lines.findIndex((l) => l.startsWith('#{"table":"clients"'));
      lines.splice(start + 1, 1);
    });
    await expect(restore(dropped)).rejects.toThrow(/altered: table clients does not match its checksum/);
    const whole = await readFile(plainArchive);
    await writeFile(join(dir, 'cut.gz'), whole.subarray(0, Math.floor(whole.length * 0.6)));
    await expect(restore(join(dir, 'cut.gz'))).rejects.toThrow(/damaged|truncated/);
    const headerOf = (edit: (h: Record<string, unknown>) => void) => (lines: string[]) => {
      const parsed = JSON.parse(lines[0]!.slice(1));
      edit(parsed.header);
      lines[0] = '#' + JSON.stringify(parsed);
    };
    const newer = await alter(
      join(dir, 'newer.gz'),
      headerOf((h) => (h.schemaVersion = latestVersion('tenant') + 1)),
    );
    await expect(restore(newer)).rejects.toThrow(/newer than this server/);
    const foreign = await alter(
      join(dir, 'foreign.gz'),
      headerOf((h) => (h.studio = { id: '00000000-0000-4000-8000-000000000000', slug: 'elsewhere', name: 'x' })),
    );
    await expect(restore(foreign)).rejects.toThrow(/of studio "elsewhere"/);
    await writeFile(join(dir, 'junk.gz'), gzipSync('hello\n'));
    await expect(restore(join(dir, 'junk.gz'))).rejects.toThrow(/not a studio backup/);
    expect(await snapshot()).toEqual(damaged);
    expect((await findStudio(server.platform, DEMO_SLUG)).location.state).toBe('active');
  });

  it('restores into a new database that the studio then uses, keeping the old one', async () => {
    await damage();
    const old = (await findStudio(server.platform, DEMO_SLUG)).location.databaseName;
    const result = await restore(plainArchive, { newDatabase: true });
    expect(result.previousDatabaseName).toBe(old);
    const studio = await findStudio(server.platform, DEMO_SLUG);
    expect(studio.location).toMatchObject({ databaseName: result.databaseName, state: 'active', schemaVersion: latestVersion('tenant') });
    expect(result.databaseName).not.toBe(old);
    expect(await snapshot()).toEqual(before);
    const kept = await server.platform.clusters.get(studio.location.clusterId)!.admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [old]);
    expect(kept.rowCount).toBe(1);
  });

  it('encrypts with the key, and refuses without it or with another one', async () => {
    const key = Buffer.alloc(32, 9);
    const file = join(dir, 'demo.enc');
    await backup(file, key);
    const bytes = await readFile(file);
    expect(bytes.subarray(0, ENCRYPTED_MAGIC.length).equals(ENCRYPTED_MAGIC)).toBe(true);
    expect(bytes.includes(Buffer.from('Studio Lumi'))).toBe(false);
    await damage();
    const damaged = await snapshot();
    await expect(restore(file)).rejects.toThrow(/encrypted: set BACKUP_ENCRYPTION_KEY/);
    await expect(restore(file, { encryptionKey: Buffer.alloc(32, 1) })).rejects.toThrow(/cannot be decrypted|damaged/);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 40] = flipped[flipped.length - 40]! ^ 1;
    await writeFile(join(dir, 'flipped.enc'), flipped);
    await expect(restore(join(dir, 'flipped.enc'), { encryptionKey: key })).rejects.toThrow(/cannot be decrypted|damaged/);
    expect(await snapshot()).toEqual(damaged);
    await restore(file, { encryptionKey: key });
    expect(await snapshot()).toEqual(before);
  });

  it('keeps the studio offline while it restores', async () => {
    await damage();
    const bytes = await readFile(plainArchive);
    const input = new PassThrough();
    input.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    const restoring = restoreStudio(server.platform, await findStudio(server.platform, DEMO_SLUG), input, { encryptionKey: null });
    await vi.waitFor(async () => expect((await findStudio(server.platform, DEMO_SLUG)).location.state).toBe('suspended'), { timeout: 10_000 });
    const location = (await findStudio(server.platform, DEMO_SLUG)).location;
    await expect(server.platform.directory.withTenant(location, async () => 1)).rejects.toMatchObject({ code: 'TENANT_UNAVAILABLE' });
    await expect(studioClient()).rejects.toThrow(/not currently accepting connections/);
    input.end(bytes.subarray(Math.floor(bytes.length / 2)));
    await restoring;
    expect(await snapshot()).toEqual(before);
    expect((await findStudio(server.platform, DEMO_SLUG)).location.state).toBe('active');
  });

  it('finishes after an interrupted restore: the database accepts connections again and the studio gets its state back', async () => {
    const studio = await findStudio(server.platform, DEMO_SLUG);
    const entry = eq(control.tenantDatabases.studioId, studio.id);
    await server.platform.controlDb
      .update(control.tenantDatabases)
      .set({ state: 'suspended', lastError: 'Restoring from a backup; state before: active' })
      .where(entry);
    await server.platform.clusters.get(studio.location.clusterId)!.admin.query(`ALTER DATABASE "${studio.location.databaseName}" ALLOW_CONNECTIONS false`);
    await expect(studioClient()).rejects.toThrow(/not currently accepting connections/);
    // Another restore of the studio is running (its lock is held): refused.
    const other = new pg.Client(server.platform.clusters.controlUrl);
    await other.connect();
    await other.query(`SELECT pg_advisory_lock(hashtext('rsm-studio-restore'), hashtext($1))`, [studio.id]);
    await expect(restore(plainArchive)).rejects.toThrow(/already running/);
    await other.end();
    await restore(plainArchive);
    expect(await snapshot()).toEqual(before);
    const [after] = await server.platform.controlDb.select().from(control.tenantDatabases).where(entry);
    expect(after).toMatchObject({ state: 'active', lastError: null });
  });

  // Last: it replaces the demo studio's data with the older database's.
  it('loads a backup from an older schema version into a new database and migrates it; refuses it in place', async () => {
    const studio = await findStudio(server.platform, DEMO_SLUG);
    const cluster = server.platform.clusters.get(studio.location.clusterId)!;
    const older = latestVersion('tenant') - 1;
    const oldName = `rsm_backup_older_${process.pid}`;
    await createDatabase(cluster.admin, oldName);
    const client = new pg.Client(databaseUrl(server.adminUrl, oldName));
    await client.connect();
    await migrateDatabase(client, 'tenant', loadChain('tenant').slice(0, older));
    await client.query(`INSERT INTO engineers (name) VALUES ('From an older version')`);
    await client.end();
    const file = join(dir, 'older.gz');
    await backupStudio(server.platform, { ...studio, location: { ...studio.location, databaseName: oldName, schemaVersion: older } }, createWriteStream(file), {
      encryptionKey: null,
    });
    await dropDatabase(cluster.admin, oldName);
    await expect(restore(file)).rejects.toThrow(/at tenant schema version \d+ and the studio's database at \d+: restore it with --new-database/);
    const result = await restore(file, { newDatabase: true });
    expect(result.migratedFrom).toBe(older);
    expect((await findStudio(server.platform, DEMO_SLUG)).location.schemaVersion).toBe(latestVersion('tenant'));
    const restored = await studioClient();
    try {
      expect(await currentVersion(restored)).toBe(latestVersion('tenant'));
      const engineers = await restored.query<{ name: string }>('SELECT name FROM engineers');
      expect(engineers.rows).toEqual([{ name: 'From an older version' }]);
    } finally {
      await restored.end();
    }
  });
});
