/**
 * Issue #13.1, the studio's stored files in its backups: a crafted bundle whose entry names try to leave the file
 * store (`files/../../x`) or name another studio's file is refused and writes nothing; "Export my studio" is a ZIP
 * holding every stored file (the uploaded audio byte for byte, its preview and peaks) with sizes and SHA-256 in its
 * manifest; a bundle restores a file deleted from the store, verified, plain and encrypted.
 */
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { Writable } from 'node:stream';
import pg from 'pg';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { tenant } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, withStudioDb, type Studio } from '../support/studios.ts';
import { TusClient } from '../support/tus.ts';
import { sine, wavBuffer } from '../support/wav.ts';
import { fileStorage } from '../../apps/server/src/platform/storage/storage.ts';
import { findStudio } from '../../apps/server/src/platform/backup/studio-backup.ts';
import { writeStudioBundle, type BundleManifest } from '../../apps/server/src/platform/backup/studio-bundle.ts';
import { restoreStudioFromFile } from '../../apps/server/src/platform/backup/studio-bundle-restore.ts';
import { waitFor } from '../support/wait-for.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let server: TestServer;
let dataDir: string;
let dir: string;
let studio: Studio;
let other: Studio;
let originalKey: string;
let clientName: string;
const wav = wavBuffer({ seconds: 2, signal: sine(440, -6) });
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every entry of a ZIP file, read whole (test files are small). */
async function unzip(path: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  const out = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    out.set(entry.fileName, Buffer.concat(chunks));
  }
  zip.close();
  return out;
}

/** A ZIP with these entries; names are patched byte for byte afterwards (yazl itself refuses `..`). */
async function craftZip(entries: { name: string; body: Buffer; patchTo?: string }[]): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.body, e.name, { compress: false });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  let bytes = Buffer.concat(chunks);
  for (const e of entries) {
    if (!e.patchTo) continue;
    expect(e.patchTo.length).toBe(e.name.length);
    const from = Buffer.from(e.name);
    const to = Buffer.from(e.patchTo);
    for (let at = bytes.indexOf(from); at >= 0; at = bytes.indexOf(from, at + 1)) to.copy(bytes, at);
    bytes = Buffer.from(bytes);
  }
  const path = join(dir, `crafted-${randomUUID()}.zip`);
  await writeFile(path, bytes);
  return path;
}

async function backupTo(file: string, encryptionKey: Buffer | null = null): Promise<BundleManifest> {
  return writeStudioBundle(server.platform, await findStudio(server.platform, studio.slug), createWriteStream(file), { includeFiles: true, encryptionKey });
}

async function currentClientName(): Promise<string> {
  return withStudioDb(server, studio.id, async (db) => (await db.select({ name: tenant.clients.name }).from(tenant.clients).limit(1))[0]!.name);
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rsm-backup-files-'));
  dir = await mkdtemp(join(tmpdir(), 'rsm-bundles-'));
  server = await createTestServer({ DATA_DIR: dataDir });
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const address = server.app.server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  studio = await createStudio(server, { studioName: 'Files backup' });
  other = await createStudio(server, { studioName: 'Files other' });
  const trackId = await withStudioDb(server, studio.id, async (db) => {
    await db.insert(tenant.clients).values({ name: 'Before the backup' });
    const [project] = await db.insert(tenant.projects).values({ name: 'Album', currency: 'EUR' }).returning({ id: tenant.projects.id });
    const [track] = await db.insert(tenant.tracks).values({ projectId: project!.id, position: 1, title: 'Song' }).returning({ id: tenant.tracks.id });
    return track!.id;
  });
  clientName = 'Before the backup';
  // The real upload route: tus over HTTP, then the processing job (preview, peaks).
  const tus = new TusClient(origin, studio.owner.cookie);
  const created = await tus.create(`/s/${studio.slug}/uploads/`, wav.length, { trackId, label: 'mix', filename: 'song.wav' });
  expect(created.status, created.body).toBe(201);
  const done = await tus.patch(created.location!, 0, wav);
  expect(done.status, done.body).toBe(204);
  const versionId = String(done.headers['rsm-version-id']);
  const row = await waitFor(
    () =>
      withStudioDb(server, studio.id, async (db) => {
        const [r] = await db
          .select({ version: tenant.trackVersions, file: tenant.storedFiles })
          .from(tenant.trackVersions)
          .innerJoin(tenant.storedFiles, eq(tenant.storedFiles.id, tenant.trackVersions.fileId))
          .where(eq(tenant.trackVersions.id, versionId));
        return r && r.version.processing !== 'pending' ? r : null;
      }),
    30_000,
  );
  expect(row.version.processing).toBe('ready');
  originalKey = row.file.storageKey;
}, 120_000);

afterAll(async () => server?.close());

describe('stored files in studio backups', () => {
  it('refuses a crafted bundle whose entries leave the file store or name another studio, and writes nothing', async () => {
    const manifest = (files: { key: string }[]) =>
      Buffer.from(
        JSON.stringify({
          format: 2,
          studio: { id: studio.id, slug: studio.slug, name: 'x' },
          schemaVersion: 1,
          createdAt: new Date().toISOString(),
          encrypted: false,
          database: { entry: 'database.rsmbk', sizeBytes: 1, sha256: 'x' },
          filesIncluded: true,
          files: files.map((f) => ({ key: f.key, sizeBytes: 4, sha256: sha(Buffer.from('evil')), included: true })),
        }),
      );
    const evil = Buffer.from('evil');
    const escape = resolve(dataDir, 'files', '../../escaped-by-restore.txt');

    // files/../../escaped-by-restore.txt
    const traversal = await craftZip([
      { name: 'database.rsmbk', body: Buffer.from('not read') },
      { name: 'files/xx/xx/escaped-by-restore.txt', patchTo: 'files/../../escaped-by-restore.txt', body: evil },
      { name: 'manifest.json', body: manifest([{ key: 'xx/xx/escaped-by-restore.txt' }]) },
    ]);
    await expect(restoreStudioFromFile(server.platform, await findStudio(server.platform, studio.slug), traversal)).rejects.toThrow(/Refused/);
    expect(existsSync(escape)).toBe(false);

    // An absolute path.
    const absolute = await craftZip([
      { name: 'database.rsmbk', body: Buffer.from('not read') },
      { name: 'xtmp/escaped-by-restore.txt', patchTo: '/tmp/escaped-by-restore.txt', body: evil },
      { name: 'manifest.json', body: manifest([]) },
    ]);
    await expect(restoreStudioFromFile(server.platform, await findStudio(server.platform, studio.slug), absolute)).rejects.toThrow(/Refused/);
    expect(existsSync('/tmp/escaped-by-restore.txt')).toBe(false);

    // A well-formed key of another studio, as an entry (refused by its name alone) or in the manifest.
    const foreignKey = `studios/${other.id}/originals/${randomUUID()}.wav`;
    const foreign = await craftZip([
      { name: 'database.rsmbk', body: Buffer.from('not read') },
      { name: `files/${foreignKey}`, body: evil },
      { name: 'manifest.json', body: manifest([]) },
    ]);
    await expect(restoreStudioFromFile(server.platform, await findStudio(server.platform, studio.slug), foreign)).rejects.toThrow(/Refused/);
    expect(await fileStorage(server.config).exists(foreignKey)).toBe(false);
    const listedOnly = await craftZip([
      { name: 'database.rsmbk', body: Buffer.from('not read') },
      { name: 'manifest.json', body: manifest([{ key: foreignKey }]) },
    ]);
    await expect(restoreStudioFromFile(server.platform, await findStudio(server.platform, studio.slug), listedOnly)).rejects.toThrow(/Refused/);
    // Nothing changed: the studio's data and its file are as they were.
    expect(await currentClientName()).toBe(clientName);
    expect(await fileStorage(server.config).exists(originalKey)).toBe(true);
  });

  it('"Export my studio" is a ZIP holding every stored file, the uploaded audio byte for byte, with size and SHA-256', async () => {
    const res = await server.app.inject({ method: 'GET', url: `/s/${studio.slug}/api/studio/export`, headers: { cookie: studio.owner.cookie! } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(new RegExp(`filename="?${studio.slug}-\\d{4}-\\d{2}-\\d{2}\\.zip`));
    const path = join(dir, 'export.zip');
    await writeFile(path, res.rawPayload);
    const entries = await unzip(path);
    expect(entries.get(`files/${originalKey}`)?.equals(wav)).toBe(true);

    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as BundleManifest;
    expect(manifest).toMatchObject({ format: 2, studio: { id: studio.id, slug: studio.slug }, encrypted: false, filesIncluded: true });
    expect(manifest.files).toContainEqual({ key: originalKey, sizeBytes: wav.length, sha256: sha(wav), included: true });
    // The preview and the peaks too: every key the studio's database names, each one verifiable.
    const keys = manifest.files.map((f) => f.key);
    expect(keys.some((k) => k.startsWith(`studios/${studio.id}/previews/`))).toBe(true);
    expect(keys.some((k) => k.startsWith(`studios/${studio.id}/peaks/`))).toBe(true);
    for (const file of manifest.files) {
      const body = entries.get(`files/${file.key}`)!;
      expect(body, file.key).toBeDefined();
      expect(body.length).toBe(file.sizeBytes);
      expect(sha(body)).toBe(file.sha256);
    }
    expect(sha(entries.get('database.rsmbk')!)).toBe(manifest.database.sha256);
    expect([...entries.keys()].filter((n) => n.startsWith('files/'))).toHaveLength(manifest.files.length);
  }, 60_000);

  it('backup, file deleted from the store, restore: the file is back, identical, and the database restored', async () => {
    const file = join(dir, 'bundle.rsmbk');
    const manifest = await backupTo(file);
    expect(manifest.files.find((f) => f.key === originalKey)).toMatchObject({ included: true, sha256: sha(wav) });

    const storage = fileStorage(server.config);
    await storage.delete(originalKey);
    expect(await storage.exists(originalKey)).toBe(false);
    await withStudioDb(server, studio.id, (db) => db.update(tenant.clients).set({ name: 'Damaged' }).where(eq(tenant.clients.name, clientName)));

    const result = await restoreStudioFromFile(server.platform, await findStudio(server.platform, studio.slug), file);
    expect(result.files).toMatchObject({ restored: [originalKey], missing: [], backupHeldFiles: true });
    expect(result.files.unchanged).toBe(manifest.files.length - 1);
    const back: Buffer[] = [];
    for await (const chunk of await storage.get(originalKey)) back.push(chunk as Buffer);
    expect(Buffer.concat(back).equals(wav)).toBe(true);
    expect(await currentClientName()).toBe(clientName);
  }, 60_000);

  it('refuses a bundle whose file was altered, and changes nothing', async () => {
    const file = join(dir, 'altered.rsmbk');
    await backupTo(file);
    await fileStorage(server.config).delete(originalKey);
    const bytes = await readFile(file);
    // The WAV's data sits as is in the ZIP (stored): flip one byte of it.
    const at = bytes.indexOf(wav.subarray(1000, 1032));
    expect(at).toBeGreaterThan(0);
    bytes[at] = bytes[at]! ^ 0xff;
    await writeFile(file, bytes);
    await withStudioDb(server, studio.id, (db) => db.update(tenant.clients).set({ name: 'Changed after' }).where(eq(tenant.clients.name, clientName)));
    await expect(restoreStudioFromFile(server.platform, await findStudio(server.platform, studio.slug), file)).rejects.toThrow(/damaged|SHA-256|CRC/i);
    expect(await currentClientName()).toBe('Changed after');
    expect(await fileStorage(server.config).exists(originalKey)).toBe(false);
    // Put it back for the next test, from a good backup.
    await withStudioDb(server, studio.id, (db) => db.update(tenant.clients).set({ name: clientName }).where(eq(tenant.clients.name, 'Changed after')));
  }, 60_000);

  it('encrypted bundles hold the files encrypted, and restore them with the key', async () => {
    const key = Buffer.alloc(32, 7);
    // The file was deleted by the previous test: a backup now lists it as missing, not held.
    const gap = join(dir, 'gap.rsmbk');
    const gapManifest = await backupTo(gap, key);
    expect(gapManifest.files.find((f) => f.key === originalKey)).toMatchObject({ included: false, sizeBytes: null, sha256: null });
    const gapped = await restoreStudioFromFile(server.platform, await findStudio(server.platform, studio.slug), gap, { encryptionKey: key });
    expect(gapped.files.missing).toEqual([originalKey]);

    await fileStorage(server.config).putBuffer(originalKey, wav, 'audio/wav');
    const file = join(dir, 'encrypted.rsmbk');
    const manifest = await backupTo(file, key);
    expect(manifest.encrypted).toBe(true);
    const entries = await unzip(file);
    expect(entries.get(`files/${originalKey}`)!.includes(wav.subarray(1000, 1032))).toBe(false);
    await fileStorage(server.config).delete(originalKey);
    await expect(restoreStudioFromFile(server.platform, await findStudio(server.platform, studio.slug), file, { encryptionKey: null })).rejects.toThrow(
      /encrypted/,
    );
    const result = await restoreStudioFromFile(server.platform, await findStudio(server.platform, studio.slug), file, { encryptionKey: key });
    expect(result.files.restored).toEqual([originalKey]);
    const back: Buffer[] = [];
    for await (const chunk of await fileStorage(server.config).get(originalKey)) back.push(chunk as Buffer);
    expect(Buffer.concat(back).equals(wav)).toBe(true);
  }, 60_000);

  it('npm run backup:studio / backup:restore-studio: files included and put back, or reported missing (exit 3)', async () => {
    const cli = (script: string, args: string[]) =>
      new Promise<{ code: number | null; output: string }>((done) => {
        const child = spawn(process.execPath, ['--import', 'tsx', `apps/server/src/cli/${script}`, ...args], {
          cwd: ROOT,
          env: {
            ...process.env,
            DATABASE_URL: server.config.DATABASE_URL,
            TENANT_CLUSTERS: server.config.TENANT_CLUSTERS.join(','),
            DATA_DIR: dataDir,
            NODE_ENV: 'test',
            LOG_LEVEL: 'warn',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (c: Buffer) => (output += c.toString()));
        child.stderr.on('data', (c: Buffer) => (output += c.toString()));
        child.on('exit', (code) => done({ code, output }));
      });
    const storage = fileStorage(server.config);
    const full = join(dir, 'cli-full.rsmbk');
    const backedUp = await cli('backup-studio.ts', ['--studio', studio.slug, '--out', full]);
    expect(backedUp.output).toMatch(/\d+ files \(\d+ bytes\) included/);
    expect(backedUp.code).toBe(0);
    const listOnly = join(dir, 'cli-list.rsmbk');
    expect((await cli('backup-studio.ts', ['--studio', studio.slug, '--out', listOnly, '--without-files'])).output).toMatch(/files listed \(not copied\)/);

    await storage.delete(originalKey);
    const missing = await cli('restore-studio.ts', ['--studio', studio.slug, '--from', listOnly]);
    expect(missing.output).toContain('1 stored files are missing');
    expect(missing.output).toContain(originalKey);
    expect(missing.code).toBe(3);

    const restored = await cli('restore-studio.ts', ['--studio', studio.slug, '--from', full]);
    expect(restored.output).toMatch(/Stored files: 1 put back from the backup \(SHA-256 checked\)/);
    expect(restored.code).toBe(0);
    const back: Buffer[] = [];
    for await (const chunk of await storage.get(originalKey)) back.push(chunk as Buffer);
    expect(Buffer.concat(back).equals(wav)).toBe(true);
  }, 120_000);

  it('a reader that leaves mid-download ends the backup: it fails, and its database connection is released', async () => {
    // More rows than the streams' buffers hold: the snapshot is still being read when the reader leaves.
    await withStudioDb(server, studio.id, (db) =>
      db.execute(sql`INSERT INTO clients (name) SELECT 'Bulk ' || md5(random()::text) || md5(random()::text) FROM generate_series(1, 20000)`),
    );
    let received = 0;
    const leaving = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        received += chunk.length;
        // The browser goes away after the first bytes (the database entry is still being written).
        if (received > 0) done(new Error('client went away'));
        else done();
      },
    });
    await expect(
      writeStudioBundle(server.platform, await findStudio(server.platform, studio.slug), leaving, { includeFiles: true, encryptionKey: null }),
    ).rejects.toThrow(/client went away/);
    const admin = new pg.Client(server.adminUrl);
    await admin.connect();
    try {
      const open = await waitFor(async () => {
        const res = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'rsm-backup'`);
        return res.rows[0]!.n === 0 ? 'none' : null;
      }, 10_000);
      expect(open).toBe('none');
    } finally {
      await admin.end();
    }
  }, 60_000);
});
