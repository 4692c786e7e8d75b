/**
 * Issue #13.1, "Export my studio": GET /s/:slug/api/studio/export streams the studio's bundle (a ZIP: database archive,
 * stored files, manifest; the files themselves are covered by studio-backup-files) to its owner
 * only (managers, staff, another studio's owner and strangers are refused and nothing is audited), once per
 * 10 minutes per studio, audited; /info says the archive is not encrypted (the owner keeps it, BACKUP_ENCRYPTION_KEY or not).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { addMember, createStudio, setPlan, withStudioDb, type Studio } from '../support/studios.ts';
import { openArchive } from '../../apps/server/src/platform/backup/archive-reader.ts';
import { ENCRYPTED_MAGIC } from '../../apps/server/src/platform/backup/archive-format.ts';
import { openBundleEntry } from '../../apps/server/src/platform/backup/studio-bundle-restore.ts';
import { DATABASE_ENTRY } from '../../apps/server/src/platform/backup/studio-bundle.ts';

/** The export's database entry, whole. */
async function databaseOf(zip: Buffer): Promise<Buffer> {
  const path = join(await mkdtemp(join(tmpdir(), 'rsm-export-')), 'export.zip');
  await writeFile(path, zip);
  const chunks: Buffer[] = [];
  for await (const chunk of await openBundleEntry(path, DATABASE_ENTRY)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const KEY = Buffer.alloc(32, 9).toString('base64');
let server: TestServer;
let a: Studio;
let b: Studio;
const cookies = new Map<string, string | null>();

const get = (slug: string, path: string, cookie: string | null) =>
  server.app.inject({ method: 'GET', url: `/s/${slug}/api/studio/export${path}`, headers: cookie ? { cookie } : {} });
const exportsAudited = () => withStudioDb(server, a.id, (db) => db.select().from(tenant.auditLog).where(eq(tenant.auditLog.action, 'studio.exported')));

beforeAll(async () => {
  server = await createTestServer();
  a = await createStudio(server, { studioName: 'Export A' });
  b = await createStudio(server, { studioName: 'Export B' });
  cookies.set('owner', a.owner.cookie);
  await setPlan(server, a.id, 'pro'); // an owner and three members: past Starter's seats
  for (const role of ['manager', 'engineer', 'assistant'] as const) cookies.set(role, (await addMember(server, a, role)).client.cookie);
  cookies.set('other studio owner', b.owner.cookie);
  cookies.set('anonymous', null);
}, 120_000);
afterAll(async () => server?.close());

describe('export my studio', () => {
  it('refuses everyone but the owner, and audits nothing for them', async () => {
    for (const who of ['manager', 'engineer', 'assistant', 'other studio owner', 'anonymous']) {
      const expected = who === 'anonymous' ? 401 : 403;
      expect((await get(a.slug, '', cookies.get(who)!)).statusCode, who).toBe(expected);
      expect((await get(a.slug, '/info', cookies.get(who)!)).statusCode, who).toBe(expected);
    }
    expect(await exportsAudited()).toHaveLength(0);
  });

  it('streams the owner the studio archive, audited, once per 10 minutes', async () => {
    const info = await get(a.slug, '/info', cookies.get('owner')!);
    expect(info.statusCode).toBe(200);
    expect(info.json()).toMatchObject({ encrypted: false, windowMinutes: 10 });

    const res = await get(a.slug, '', cookies.get('owner')!);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(new RegExp(`attachment; filename="?${a.slug}-\\d{4}-\\d{2}-\\d{2}\\.zip`));
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const database = await databaseOf(res.rawPayload);
    const archive = await openArchive(Readable.from([database]), undefined);
    expect(archive.header.studio).toMatchObject({ id: a.id, slug: a.slug });
    archive.close();
    const text = gunzipSync(database).toString('utf8').trimEnd();
    expect(text.split('\n').at(-1)).toMatch(/^#\{"manifest"/);

    const audited = await exportsAudited();
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorUserId: a.ownerId, entity: 'studio', entityId: a.id });

    const again = await get(a.slug, '', cookies.get('owner')!);
    expect(again.statusCode).toBe(429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
    expect(await exportsAudited()).toHaveLength(1);
    // Another studio's limit is its own.
    expect((await get(b.slug, '', cookies.get('other studio owner')!)).statusCode).toBe(200);
  }, 60_000);

  it("stays readable by its owner when BACKUP_ENCRYPTION_KEY is set (the key is for the server's backups), and says so", async () => {
    const keyed = await createTestServer({ BACKUP_ENCRYPTION_KEY: KEY });
    try {
      const owner = await createStudio(keyed, { studioName: 'Export keyed' });
      const info = await keyed.app.inject({ method: 'GET', url: `/s/${owner.slug}/api/studio/export/info`, headers: { cookie: owner.owner.cookie! } });
      expect(info.json()).toMatchObject({ encrypted: false });
      const res = await keyed.app.inject({ method: 'GET', url: `/s/${owner.slug}/api/studio/export`, headers: { cookie: owner.owner.cookie! } });
      expect(res.statusCode).toBe(200);
      const database = await databaseOf(res.rawPayload);
      expect(database.subarray(0, ENCRYPTED_MAGIC.length).equals(ENCRYPTED_MAGIC)).toBe(false);
      const archive = await openArchive(Readable.from([database]), undefined);
      expect(archive.header.studio.id).toBe(owner.id);
      archive.close();
    } finally {
      await keyed.close();
    }
  }, 60_000);
});
