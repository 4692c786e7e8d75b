/**
 * Resumable uploads at the protocol level over real HTTP: interrupted and resumed (also across a new
 * server instance on the same data directory), checksum, version numbering, processing, and every
 * refusal (quota, size, type, studio, role, someone else's upload, path tricks).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, existsSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { FastifyInstance } from 'fastify';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { addMember, createStudio, setPlan, withStudioDb, type Studio } from '../support/studios.ts';
import { TusClient } from '../support/tus.ts';
import { blocks, sine, wavBuffer } from '../support/wav.ts';
import { decodePeaks } from '@rsm/shared/peaks-format';
import { buildApp } from '../../apps/server/src/app.ts';
import { platformFromRuntime } from '../../apps/server/src/platform/platform.ts';
import { uploadGateway } from '../../apps/server/src/modules/audio/audio.routes.ts';
import { waitFor } from '../support/wait-for.ts';

let server: TestServer;
let origin: string;
let dataDir: string;
let studio: Studio;
let other: Studio;
let trackId: string;
let otherTrackId: string;

async function insertTrack(s: Studio, title: string): Promise<string> {
  return withStudioDb(server, s.id, async (db) => {
    const [project] = await db
      .insert(tenant.projects)
      .values({ name: `Project of ${title}`, currency: 'EUR' })
      .returning({ id: tenant.projects.id });
    const [track] = await db.insert(tenant.tracks).values({ projectId: project!.id, position: 1, title }).returning({ id: tenant.tracks.id });
    return track!.id;
  });
}

const endpoint = (s: Studio) => `/s/${s.slug}/uploads/`;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function versionRow(s: Studio, versionId: string) {
  return withStudioDb(server, s.id, async (db) => {
    const [row] = await db
      .select({ version: tenant.trackVersions, file: tenant.storedFiles })
      .from(tenant.trackVersions)
      .innerJoin(tenant.storedFiles, eq(tenant.storedFiles.id, tenant.trackVersions.fileId))
      .where(eq(tenant.trackVersions.id, versionId));
    return row!;
  });
}

/** Staged upload files; the records of finished uploads (`<id>.done`, kept a day for HEAD) only when asked. */
function stagedUploads(s: Studio, withFinished = false): string[] {
  const dir = join(dataDir, 'uploads', s.id);
  const names = existsSync(dir) ? readdirSync(dir) : [];
  return withFinished ? names : names.filter((name) => !name.endsWith('.done'));
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'rsm-audio-'));
  server = await createTestServer({ DATA_DIR: dataDir, BASE_DOMAIN: 'studios.test' });
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const address = server.app.server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  studio = await createStudio(server);
  await setPlan(server, studio.id, 'starter'); // past its trial: Starter's 10 GB
  other = await createStudio(server);
  trackId = await insertTrack(studio, 'Song');
  otherTrackId = await insertTrack(other, 'Other song');
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('resumable upload', () => {
  // 3 s of on/off blocks: known peaks.
  const wav = wavBuffer({
    seconds: 3,
    signal: blocks(
      [
        0.2, 0.8, 0.2, 0.8, 0.5, 0.5, 0.1, 0.9, 0.3, 0.6, 0.4, 0.7, 0.2, 0.8, 0.2, 0.8, 0.5, 0.5, 0.1, 0.9, 0.3, 0.6, 0.4, 0.7, 0.2, 0.8, 0.2, 0.8, 0.5, 0.5,
        0.1, 0.9, 0.3,
      ],
      4096,
    ),
  });

  it('survives a dropped connection: HEAD gives the offset, the rest completes, the version is recorded and processed', async () => {
    const tus = new TusClient(origin, studio.owner.cookie);
    const created = await tus.create(endpoint(studio), wav.length, { trackId, label: 'rough_mix', note: 'First pass', filename: 'song.wav' });
    expect(created.status, created.body).toBe(201);
    expect(created.location).toMatch(new RegExp(`/s/${studio.slug}/uploads/[0-9a-f]{32}$`));
    const url = created.location!;

    await tus.patchCut(url, 0, wav, 200_000);
    const head = await tus.head(url);
    expect(head.status).toBe(200);
    expect(head.offset).toBeGreaterThan(0);
    expect(head.offset).toBeLessThanOrEqual(200_000);
    expect(head.headers['upload-length']).toBe(String(wav.length));

    const done = await tus.patch(url, head.offset!, wav.subarray(head.offset!));
    expect(done.status, done.body).toBe(204);
    expect(done.headers['upload-offset']).toBe(String(wav.length));
    const versionId = String(done.headers['rsm-version-id']);
    expect(done.headers['rsm-version-number']).toBe('1');

    const row = await versionRow(studio, versionId);
    expect(row.file.sha256).toBe(sha(wav));
    expect(row.file.sizeBytes).toBe(wav.length);
    expect(row.file.format).toBe('wav');
    expect(row.file.originalName).toBe('song.wav');
    expect(row.file.storageKey).toMatch(new RegExp(`^studios/${studio.id}/originals/[0-9a-f-]{36}\\.wav$`));
    expect(row.version).toMatchObject({ trackId, number: 1, label: 'rough_mix', note: 'First pass', uploadedBy: studio.ownerId });
    const [track] = await withStudioDb(server, studio.id, (db) => db.select().from(tenant.tracks).where(eq(tenant.tracks.id, trackId)));
    expect(track!.currentVersionId).toBe(versionId);
    // Only the small record of the finished upload stays (a day), no data.
    expect(stagedUploads(studio, true)).toEqual([`${url.split('/').pop()}.done`]);
    // The upload is finished: HEAD says complete and names the version (a client retrying after a lost answer learns it).
    const after = await tus.head(url);
    expect(after.status).toBe(200);
    expect(after.offset).toBe(wav.length);
    expect(after.headers['rsm-version-id']).toBe(versionId);

    const processed = await waitFor(async () => {
      const r = await versionRow(studio, versionId);
      return r.version.processing !== 'pending' ? r : null;
    });
    // Every version gets its 128 kbit/s preview (the only thing listen-only links and locked versions stream).
    expect(processed.version).toMatchObject({
      processing: 'ready',
      sampleRate: 44100,
      channels: 2,
      durationMs: 3000,
      previewKey: `studios/${studio.id}/previews/${versionId}.mp3`,
      processingError: null,
    });
    expect(processed.version.peaksKey).toBe(`studios/${studio.id}/peaks/${versionId}.bin`);
    expect(processed.version.integratedLufs).toBeLessThan(0);
  });

  it('resumes after the server restarts (new app instance, same data directory)', async () => {
    const tus = new TusClient(origin, studio.owner.cookie);
    // Other content than the first test's: the same content on the same track would return that version.
    const wav = wavBuffer({ seconds: 3, signal: sine(523, -10) });
    const created = await tus.create(endpoint(studio), wav.length, { trackId, label: 'mix', filename: 'second.wav' });
    expect(created.status).toBe(201);
    const half = Math.floor(wav.length / 2);
    await tus.patchCut(created.location!, 0, wav, half);
    const before = (await tus.head(created.location!)).offset!;
    expect(before).toBeGreaterThan(0);

    // A new server: fresh memory (tus servers, locks, reservations), the same staging directory on disk.
    const restarted: FastifyInstance = await buildApp({
      platform: platformFromRuntime(server.runtime),
      logger: server.runtime.logger,
      control: server.runtime.control,
      serveWebApp: false,
    });
    try {
      await restarted.listen({ host: '127.0.0.1', port: 0 });
      const address = restarted.server.address();
      const newOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const resumed = new TusClient(newOrigin, studio.owner.cookie);
      const url = created.location!.replace(origin, newOrigin);
      expect((await resumed.head(url)).offset).toBe(before);
      const done = await resumed.patch(url, before, wav.subarray(before));
      expect(done.status, done.body).toBe(204);
      expect(done.headers['rsm-version-number']).toBe('2');
      expect((await versionRow(studio, String(done.headers['rsm-version-id']))).file.sha256).toBe(sha(wav));
    } finally {
      await restarted.close();
    }
  });
});

describe('refusals before any byte', () => {
  it('over the plan quota (413 QUOTA_EXCEEDED), counting stored files and uploads in progress', async () => {
    const tus = new TusClient(origin, studio.owner.cookie);
    const config = await studio.owner.query<{ usedBytes: number; quotaBytes: number; remainingBytes: number; endpoint: string }>(
      'audio.uploadConfig',
      undefined,
      studio.slug,
    );
    expect(config.data).toMatchObject({ quotaBytes: 10 * 1000 ** 3, endpoint: `/s/${studio.slug}/uploads/` });
    // Fill the studio to 300 MB under its quota (starter: 10 GB).
    const filler = await withStudioDb(server, studio.id, async (db) => {
      const [row] = await db
        .insert(tenant.storedFiles)
        .values({
          storageKey: `studios/${studio.id}/originals/${randomUUID()}.wav`,
          originalName: 'big.wav',
          sizeBytes: 10 * 1000 ** 3 - config.data!.usedBytes - 300_000_000,
          format: 'wav',
          mimeType: 'audio/wav',
          sha256: '0'.repeat(64),
        })
        .returning({ id: tenant.storedFiles.id });
      return row!.id;
    });
    try {
      const pending = await tus.create(endpoint(studio), 200_000_000, { trackId, filename: 'fits.wav' });
      expect(pending.status).toBe(201);
      // 200 MB is now reserved by the unfinished upload: another 200 MB does not fit.
      const refused = await tus.create(endpoint(studio), 200_000_000, { trackId, filename: 'too-much.wav' });
      expect(refused.status).toBe(413);
      expect(JSON.parse(refused.body)).toMatchObject({ code: 'QUOTA_EXCEEDED', params: { quotaBytes: 10 * 1000 ** 3 } });
      const left = await studio.owner.query<{ remainingBytes: number }>('audio.uploadConfig', undefined, studio.slug);
      expect(left.data!.remainingBytes).toBe(100_000_000);
      expect((await tus.delete(pending.location!)).status).toBe(204);
    } finally {
      await withStudioDb(server, studio.id, (db) => db.delete(tenant.storedFiles).where(eq(tenant.storedFiles.id, filler)));
    }
  });

  it('over the size limit (413 FILE_TOO_LARGE)', async () => {
    const refused = await new TusClient(origin, studio.owner.cookie).create(endpoint(studio), 4 * 1024 ** 3 + 1, { trackId, filename: 'huge.wav' });
    expect(refused.status).toBe(413);
  });

  it('without a declared length, for another studio’s track, or with a bad label', async () => {
    const tus = new TusClient(origin, studio.owner.cookie);
    expect((await tus.create(endpoint(studio), 1000, { trackId: otherTrackId, filename: 'x.wav' })).status).toBe(404);
    expect((await tus.create(endpoint(studio), 1000, { trackId: '../../etc', filename: 'x.wav' })).status).toBe(400);
    expect((await tus.create(endpoint(studio), 1000, { trackId, label: 'final', filename: 'x.wav' })).status).toBe(400);
    expect(stagedUploads(studio)).toEqual([]);
  });
});

describe('type checked by content', () => {
  it('a text file named .wav is refused at its first bytes and deleted', async () => {
    const tus = new TusClient(origin, studio.owner.cookie);
    const text = Buffer.from('Not audio at all, merely a text file that calls itself a wave file.\n'.repeat(100));
    const created = await tus.create(endpoint(studio), text.length, { trackId, filename: 'song.wav' });
    expect(created.status).toBe(201);
    const refused = await tus.patch(created.location!, 0, text);
    expect(refused.status).toBe(415);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'UNSUPPORTED_TYPE' });
    expect((await tus.head(created.location!)).status).toBe(404);
    expect(stagedUploads(studio)).toEqual([]);
  });

  it('a ZIP is accepted only as stems, and needs no processing', async () => {
    const tus = new TusClient(origin, studio.owner.cookie);
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(2000, 1)]);
    const asMix = await tus.create(endpoint(studio), zip.length, { trackId, label: 'mix', filename: 'stems.zip' });
    expect((await tus.patch(asMix.location!, 0, zip)).status).toBe(415);
    const asStems = await tus.create(endpoint(studio), zip.length, { trackId, label: 'stems', filename: 'stems.zip' });
    const done = await tus.patch(asStems.location!, 0, zip);
    expect(done.status, done.body).toBe(204);
    const row = await versionRow(studio, String(done.headers['rsm-version-id']));
    expect(row.file.format).toBe('zip');
    expect(row.version.processing).toBe('ready');
    expect(row.version.peaksKey).toBeNull();
  });

  it('path tricks in the file name only change the display name', async () => {
    const tus = new TusClient(origin, studio.owner.cookie);
    const wav = wavBuffer({ seconds: 0.2, signal: sine(440, -12) });
    const created = await tus.create(endpoint(studio), wav.length, { trackId, filename: '../../../../etc/passwd', studioId: other.id, userId: other.ownerId });
    const done = await tus.patch(created.location!, 0, wav);
    expect(done.status, done.body).toBe(204);
    const row = await versionRow(studio, String(done.headers['rsm-version-id']));
    expect(row.file.originalName).toBe('passwd');
    expect(row.file.storageKey.startsWith(`studios/${studio.id}/originals/`)).toBe(true);
    expect(row.version.uploadedBy).toBe(studio.ownerId);
  });
});

describe('the sub-domain form', () => {
  it('accepts uploads at /uploads/ on the studio host, and refuses another studio’s host', async () => {
    const wav = wavBuffer({ seconds: 0.5, signal: sine(440, -6) });
    const tus = new TusClient(origin, studio.owner.cookie, `${studio.slug}.studios.test`);
    const created = await tus.create('/uploads/', wav.length, { trackId, filename: 'host.wav' });
    expect(created.status, created.body).toBe(201);
    expect(new URL(created.location!).pathname).toMatch(/^\/uploads\/[0-9a-f]{32}$/);
    const done = await tus.patch(created.location!, 0, wav);
    expect(done.status, done.body).toBe(204);
    expect((await new TusClient(origin, studio.owner.cookie, `${other.slug}.studios.test`).create('/uploads/', wav.length, { trackId })).status).toBe(403);
    expect((await new TusClient(origin, studio.owner.cookie, `${other.slug}.studios.test`).create(endpoint(studio), wav.length, { trackId })).status).toBe(404);
  });
});

describe('who may upload', () => {
  it('no session → 401; another studio → 403; an assistant → 403; an engineer → 201', async () => {
    expect((await new TusClient(origin, null).create(endpoint(studio), 1000, { trackId })).status).toBe(401);
    expect((await new TusClient(origin, other.owner.cookie).create(endpoint(studio), 1000, { trackId })).status).toBe(403);
    const assistant = await addMember(server, studio, 'assistant');
    expect((await new TusClient(origin, assistant.client.cookie).create(endpoint(studio), 1000, { trackId })).status).toBe(403);
    const engineer = await addMember(server, studio, 'engineer');
    const created = await new TusClient(origin, engineer.client.cookie).create(endpoint(studio), 1000, { trackId, filename: 'e.wav' });
    expect(created.status).toBe(201);
    // Someone else's upload, even in the same studio, cannot be continued, looked at or cancelled.
    const owner = new TusClient(origin, studio.owner.cookie);
    expect((await owner.head(created.location!)).status).toBe(404);
    expect((await owner.patch(created.location!, 0, Buffer.alloc(1000))).status).toBe(404);
    expect((await owner.delete(created.location!)).status).toBe(404);
    // Nor from the other studio's endpoint with the same id.
    const sameId = created.location!.replace(`/s/${studio.slug}/`, `/s/${other.slug}/`);
    expect((await new TusClient(origin, other.owner.cookie).head(sameId)).status).toBe(404);
    expect((await new TusClient(origin, engineer.client.cookie).delete(created.location!)).status).toBe(204);
  });
});

describe('processing', () => {
  async function uploadWhole(body: Buffer, filename: string): Promise<string> {
    const tus = new TusClient(origin, studio.owner.cookie);
    const created = await tus.create(endpoint(studio), body.length, { trackId, filename });
    const done = await tus.patch(created.location!, 0, body);
    expect(done.status, done.body).toBe(204);
    return String(done.headers['rsm-version-id']);
  }
  const settled = (versionId: string) =>
    waitFor(async () => {
      const r = await versionRow(studio, versionId);
      return r.version.processing !== 'pending' ? r.version : null;
    }, 60_000);

  it('a large WAV gets loudness, peaks and an MP3 preview, all served by signed URLs', async () => {
    const wav = wavBuffer({ seconds: 30, signal: sine(1000, -18) }); // 5.3 MB
    const versionId = await uploadWhole(wav, 'long.wav');
    const version = await settled(versionId);
    expect(version).toMatchObject({ processing: 'ready', durationMs: 30_000, sampleRate: 44100, channels: 2 });
    expect(Math.abs(version.integratedLufs! + 18)).toBeLessThanOrEqual(0.5);
    expect(version.previewKey).toBe(`studios/${studio.id}/previews/${versionId}.mp3`);
    const urls = (await studio.owner.query<{ preview: string; peaks: string; playback: string }>('audio.versionUrls', { versionId }, studio.slug)).data!;
    expect(urls.playback).toBe(urls.preview);
    const preview = await fetch(`${origin}${urls.preview}`);
    expect(preview.headers.get('content-type')).toBe('audio/mpeg');
    // 30 s at 128 kbit/s ≈ 480 kB.
    expect((await preview.arrayBuffer()).byteLength).toBeGreaterThan(400_000);
    const peaks = decodePeaks(await (await fetch(`${origin}${urls.peaks}`)).arrayBuffer());
    expect(peaks.frames).toBe(30 * 44100);
    // A steady −18 dBFS sine: every fine peak is ±0.126 of full scale (±16 of 127).
    expect(Math.max(...peaks.levels[0]!.data)).toBe(Math.ceil(10 ** (-18 / 20) * 127));
  }, 90_000);

  it('a WAV header with no format chunk is refused when the upload completes (structure, not just a prefix)', async () => {
    const broken = Buffer.concat([Buffer.from('RIFF\x00\x10\x00\x00WAVEjunk', 'latin1'), Buffer.alloc(4000, 7)]);
    const tus = new TusClient(origin, studio.owner.cookie);
    const created = await tus.create(endpoint(studio), broken.length, { trackId, filename: 'broken.wav' });
    const refused = await tus.patch(created.location!, 0, broken);
    expect(refused.status).toBe(415);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'UNSUPPORTED_TYPE' });
  });

  it('a well-formed file ffmpeg cannot decode fails with a code and a sentence, never a server path (#9.12)', async () => {
    // A valid RIFF/WAVE with a codec tag no decoder knows.
    const wav = wavBuffer({ seconds: 0.5, signal: sine(440, -6) });
    wav.writeUInt16LE(0x7777, 20);
    const versionId = await uploadWhole(wav, 'odd-codec.wav');
    const version = await settled(versionId);
    expect(version.processing).toBe('failed');
    expect(version.processingError).toBe('unreadable');
    expect(version.peaksKey).toBeNull();
    const urls = (await studio.owner.query<{ processingError: string; processingErrorCode: string }>('audio.versionUrls', { versionId }, studio.slug)).data!;
    expect(urls.processingErrorCode).toBe('unreadable');
    expect(urls.processingError).toMatch(/could not be read as audio/);
    expect(urls.processingError).not.toMatch(/\//);
    // The detail (ffmpeg's words) went to the log instead.
    expect(server.logs.some((line) => line.includes(versionId) && line.includes('version processing failed'))).toBe(true);
  }, 60_000);

  it('a version that failed before error codes existed shows the generic sentence, not its stored text', async () => {
    const versionId = await uploadWhole(wavBuffer({ seconds: 0.2, signal: sine(440, -6) }), 'legacy.wav');
    await settled(versionId);
    await withStudioDb(server, studio.id, (db) =>
      db
        .update(tenant.trackVersions)
        .set({ processing: 'failed', processingError: `This file could not be read as audio (${dataDir}/files/studios/x/originals/y.wav: Invalid data).` })
        .where(eq(tenant.trackVersions.id, versionId)),
    );
    const urls = (await studio.owner.query<{ processingError: string; processingErrorCode: string }>('audio.versionUrls', { versionId }, studio.slug)).data!;
    expect(urls).toMatchObject({ processingErrorCode: 'unreadable' });
    expect(urls.processingError).not.toContain(dataDir);
  }, 60_000);
});

describe('abandoned uploads', () => {
  it('are removed after 24 hours without activity, and no longer count against the quota', async () => {
    const tus = new TusClient(origin, studio.owner.cookie);
    const wav = wavBuffer({ seconds: 1, signal: sine(440, -6) });
    const stale = await tus.create(endpoint(studio), wav.length, { trackId, filename: 'stale.wav' });
    await tus.patchCut(stale.location!, 0, wav, 1000);
    const fresh = await tus.create(endpoint(studio), wav.length, { trackId, filename: 'fresh.wav' });
    const staleId = stale.location!.split('/').pop()!;
    const dayAgo = new Date(Date.now() - 25 * 3600 * 1000);
    for (const name of [staleId, `${staleId}.json`]) utimesSync(join(dataDir, 'uploads', studio.id, name), dayAgo, dayAgo);

    const gateway = uploadGateway(server.platform);
    const used = async () => (await studio.owner.query<{ usedBytes: number }>('audio.uploadConfig', undefined, studio.slug)).data!.usedBytes;
    const before = await used();
    expect(await gateway.cleanupExpired(new Date())).toBe(1);
    // Its reservation is dropped with its files: the space is free at once.
    expect(await used()).toBe(before - wav.length);
    expect((await tus.head(stale.location!)).status).toBe(404);
    expect((await tus.head(fresh.location!)).status).toBe(200);
    await tus.delete(fresh.location!);
  });
});
