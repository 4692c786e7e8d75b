/**
 * Issue #9.3: a listen-only link, or a version "released when paid" that is still locked, must only ever
 * stream the transcoded preview — never the original — for lossy files and small lossless files alike;
 * while no preview exists the stream answers 409 PREVIEW_PREPARING. Versions processed before every
 * version had a preview get one from the backfill.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient } from '../support/api.ts';
import { createStudio, freshIp, withStudioDb, type Studio } from '../support/studios.ts';
import { sine, wavBuffer } from '../support/wav.ts';
import { fileStorage } from '../../apps/server/src/platform/storage/storage.ts';
import { studioFileKey } from '../../apps/server/src/platform/storage/keys.ts';
import { processVersion } from '../../apps/server/src/modules/audio/audio.jobs.ts';
import { BACKFILL_TASK, backfillPreviews } from '../../apps/server/src/modules/audio/preview-backfill.ts';
import { ffmpegPath } from '../../apps/server/src/modules/audio/ffmpeg-process.ts';

let server: TestServer;
let dir: string;
let studio: Studio;
let trackId: string;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function addVersion(body: Buffer, format: 'wav' | 'mp3', number: number): Promise<string> {
  const fileId = crypto.randomUUID();
  const key = studioFileKey(studio.id, 'originals', fileId, format);
  await fileStorage(server.platform.config).putBuffer(key, body, format === 'wav' ? 'audio/wav' : 'audio/mpeg');
  return withStudioDb(server, studio.id, async (db) => {
    await db.insert(tenant.storedFiles).values({
      id: fileId,
      storageKey: key,
      originalName: `take.${format}`,
      sizeBytes: body.length,
      format,
      mimeType: format === 'wav' ? 'audio/wav' : 'audio/mpeg',
      sha256: sha(body),
    });
    const [version] = await db
      .insert(tenant.trackVersions)
      .values({ trackId, number, fileId, processing: 'pending' })
      .returning({ id: tenant.trackVersions.id });
    return version!.id;
  });
}

async function streamOf(versionId: string, share: Record<string, unknown>): Promise<{ status: number; body: Buffer; type: string | undefined; text: string }> {
  const created = await studio.owner.mutate<{ url: string }[]>('sharing.create', { target: { kind: 'version', id: versionId }, ...share }, studio.slug);
  expect(created.error, JSON.stringify(created.error)).toBeUndefined();
  const token = created.data![0]!.url.split('/share/')[1]!;
  const opened = await new ApiClient(server.app, { ip: freshIp() }).mutate<{ state: string; item: { tracks: { versions: { streamUrl: string }[] }[] } }>(
    'share.open',
    { token },
    studio.slug,
  );
  const url = opened.data!.item.tracks[0]!.versions[0]!.streamUrl;
  const res = await server.app.inject({ method: 'GET', url, remoteAddress: freshIp() });
  return { status: res.statusCode, body: res.rawPayload, type: res.headers['content-type'] as string | undefined, text: res.body };
}

const wav = wavBuffer({ seconds: 2, signal: sine(440, -6) }); // 350 kB: far under the old 4 MiB preview threshold
let mp3: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rsm-previews-'));
  server = await createTestServer({ DATA_DIR: dir });
  studio = await createStudio(server, { studioName: 'Preview Studio' });
  trackId = await withStudioDb(server, studio.id, async (db) => {
    const [project] = await db.insert(tenant.projects).values({ name: 'EP', currency: 'EUR' }).returning();
    const [track] = await db.insert(tenant.tracks).values({ projectId: project!.id, position: 1, title: 'Single' }).returning();
    return track!.id;
  });
  const source = join(dir, 'source.wav');
  await import('node:fs').then((fs) => fs.writeFileSync(source, wav));
  execFileSync(ffmpegPath({ FFMPEG_PATH: undefined }), [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-i',
    source,
    '-c:a',
    'libmp3lame',
    '-b:a',
    '320k',
    join(dir, 'source.mp3'),
  ]);
  mp3 = readFileSync(join(dir, 'source.mp3'));
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('what a listen-only or locked link streams', () => {
  const cases: [string, () => Buffer, 'wav' | 'mp3'][] = [
    ['a small lossless file', () => wav, 'wav'],
    ['a lossy file', () => mp3, 'mp3'],
  ];
  let number = 0;
  for (const [name, body, format] of cases) {
    it(`${name}: the preview, never the original (listen-only and locked until paid)`, async () => {
      const original = body();
      const versionId = await addVersion(original, format, ++number);
      expect(await processVersion(server.platform, studio.id, versionId)).toBe('ready');
      const [row] = await withStudioDb(server, studio.id, (db) => db.select().from(tenant.trackVersions).where(eq(tenant.trackVersions.id, versionId)));
      expect(row!.previewKey).toBe(`studios/${studio.id}/previews/${versionId}.mp3`);
      const preview = readFileSync(join(dir, 'files', row!.previewKey!));

      const listenOnly = await streamOf(versionId, { allowDownload: false });
      expect(listenOnly.status).toBe(200);
      expect(listenOnly.type).toBe('audio/mpeg');
      expect(sha(listenOnly.body)).not.toBe(sha(original));
      expect(sha(listenOnly.body)).toBe(sha(preview));

      await studio.owner.mutate('deliverables.setReleaseWhenPaid', { versionId, releaseWhenPaid: true, invoiceId: crypto.randomUUID() }, studio.slug);
      const locked = await streamOf(versionId, { allowDownload: true });
      expect(locked.status).toBe(200);
      expect(sha(locked.body)).toBe(sha(preview));
    }, 60_000);
  }

  it('while the preview is not ready: 409 PREVIEW_PREPARING, never the original', async () => {
    const versionId = await addVersion(mp3, 'mp3', ++number);
    const answer = await streamOf(versionId, { allowDownload: false });
    expect(answer.status).toBe(409);
    expect(JSON.parse(answer.text)).toMatchObject({ code: 'PREVIEW_PREPARING' });
    expect(JSON.parse(answer.text).message).toMatch(/being prepared/);
  });

  it('versions processed before every version had a preview get one from the backfill', async () => {
    const versionId = await addVersion(wav, 'wav', ++number);
    expect(await processVersion(server.platform, studio.id, versionId)).toBe('ready');
    await withStudioDb(server, studio.id, (db) => db.update(tenant.trackVersions).set({ previewKey: null }).where(eq(tenant.trackVersions.id, versionId)));
    expect((await streamOf(versionId, { allowDownload: false })).status).toBe(409);
    await server.platform.controlDb.delete(control.platformTasks).where(eq(control.platformTasks.name, BACKFILL_TASK));
    const report = await backfillPreviews(server.platform, { inline: true });
    expect(report).toMatchObject({ ran: true });
    expect(report.made).toBeGreaterThanOrEqual(1);
    const answer = await streamOf(versionId, { allowDownload: false });
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('audio/mpeg');
    expect(sha(answer.body)).not.toBe(sha(wav));

    // Finished once, never again: a start does not open a connection to every studio to find nothing.
    await withStudioDb(server, studio.id, (db) => db.update(tenant.trackVersions).set({ previewKey: null }).where(eq(tenant.trackVersions.id, versionId)));
    expect(await backfillPreviews(server.platform, { inline: true })).toEqual({ ran: false, studios: 0, made: 0 });
  }, 60_000);
});
