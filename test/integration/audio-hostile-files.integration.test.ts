/**
 * Issue #9.1: a staff member of studio A uploads a tiny file that starts like an MP3 (an ID3 tag) but is a
 * playlist (HLS, ffconcat) naming studio B's stored original by its path on disk. Whatever the defence that
 * stops it (refused at upload, or processing that reads nothing of B), A must never get B's duration or peaks.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, withStudioDb, type Studio } from '../support/studios.ts';
import { TusClient } from '../support/tus.ts';
import { sine, wavBuffer } from '../support/wav.ts';

let server: TestServer;
let origin: string;
let dataDir: string;
let a: Studio;
let b: Studio;
let trackA: string;
let trackB: string;

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

async function versionOf(s: Studio, versionId: string) {
  return withStudioDb(server, s.id, async (db) => {
    const [row] = await db
      .select({ version: tenant.trackVersions, file: tenant.storedFiles })
      .from(tenant.trackVersions)
      .innerJoin(tenant.storedFiles, eq(tenant.storedFiles.id, tenant.trackVersions.fileId))
      .where(eq(tenant.trackVersions.id, versionId));
    return row!;
  });
}

async function settled(s: Studio, versionId: string) {
  const until = Date.now() + 90_000;
  for (;;) {
    const row = await versionOf(s, versionId);
    if (row.version.processing !== 'pending') return row;
    if (Date.now() > until) throw new Error('processing did not settle');
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Upload `body` as `studio`'s owner; the PATCH answer (status, version id when accepted). */
async function upload(studio: Studio, trackId: string, body: Buffer, filename: string) {
  const tus = new TusClient(origin, studio.owner.cookie);
  const created = await tus.create(`/s/${studio.slug}/uploads/`, body.length, { trackId, filename });
  expect(created.status, created.body).toBe(201);
  const done = await tus.patch(created.location!, 0, body);
  return { status: done.status, versionId: done.headers['rsm-version-id'] ? String(done.headers['rsm-version-id']) : null };
}

/** An empty ID3v2.4 tag: what makes a prefix sniffer (and ffmpeg's prober, which skips it) call this MP3. */
const ID3_EMPTY = Buffer.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0]);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'rsm-hostile-'));
  server = await createTestServer({ DATA_DIR: dataDir });
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const address = server.app.server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  a = await createStudio(server, { studioName: 'Hostile A' });
  b = await createStudio(server, { studioName: 'Victim B' });
  trackA = await insertTrack(a, 'Innocent looking');
  trackB = await insertTrack(b, 'Unreleased single');
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('a playlist disguised as an MP3 naming another studio’s original', () => {
  let victimPath: string;
  let victimDurationMs: number;

  beforeAll(async () => {
    // B's original: 7.5 s, a duration nothing else in this suite has.
    const uploaded = await upload(b, trackB, wavBuffer({ seconds: 7.5, signal: sine(440, -9) }), 'single.wav');
    expect(uploaded.status).toBe(204);
    const row = await settled(b, uploaded.versionId!);
    expect(row.version.processing).toBe('ready');
    victimDurationMs = row.version.durationMs!;
    victimPath = join(dataDir, 'files', row.file.storageKey);
  }, 120_000);

  const playlists: Record<string, (path: string) => string> = {
    'an HLS playlist': (path) =>
      `#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10.0,\nfile://${path}\n#EXT-X-ENDLIST\n`,
    'an ffconcat list': (path) => `ffconcat version 1.0\nfile 'file:${path}'\n`,
  };

  for (const [kind, playlist] of Object.entries(playlists)) {
    it(`${kind}: refused, or processed without a byte of B`, async () => {
      const hostile = Buffer.concat([ID3_EMPTY, Buffer.from(playlist(victimPath), 'latin1')]);
      const answer = await upload(a, trackA, hostile, 'cover.mp3');
      if (answer.status === 415) return; // refused by content: the best outcome
      expect(answer.status).toBe(204);
      const row = await settled(a, answer.versionId!);
      expect(row.version.durationMs).not.toBe(victimDurationMs);
      expect(row.version.peaksKey).toBeNull();
      expect(row.version.processing).toBe('failed');
    }, 120_000);
  }
});
