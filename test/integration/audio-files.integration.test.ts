/**
 * Serving a version's files through signed URLs: byte ranges (206 bodies exact, 416), headers, and
 * refusals for a tampered, expired, other-studio or unsigned link; the payment gate on client downloads.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, studioBySlug, withStudioDb, type Studio } from '../support/studios.ts';
import { sine, wavBuffer } from '../support/wav.ts';
import { fileStorage } from '../../apps/server/src/platform/storage/storage.ts';
import { studioFileKey } from '../../apps/server/src/platform/storage/keys.ts';
import { signedFileUrl } from '../../apps/server/src/modules/audio/file-urls.ts';
import { registerInvoicePaymentStatus } from '../../apps/server/src/modules/audio/download-gate.ts';

let server: TestServer;
let studio: Studio;
let other: Studio;
let versionId: string;
const wav = wavBuffer({ seconds: 1, signal: sine(1000, -6) });

interface Urls {
  audio: string;
  preview: string | null;
  peaks: string | null;
  download: string | null;
  playback: string;
  processing: string;
}

async function insertVersion(s: Studio, options: { releaseWhenPaid?: boolean; invoiceId?: string } = {}): Promise<string> {
  const fileId = randomUUID();
  const key = studioFileKey(s.id, 'originals', fileId, 'wav');
  await fileStorage(server.config).putBuffer(key, wav, 'audio/wav');
  return withStudioDb(server, s.id, async (db) => {
    const [project] = await db.insert(tenant.projects).values({ name: 'P', currency: 'EUR' }).returning({ id: tenant.projects.id });
    const [track] = await db.insert(tenant.tracks).values({ projectId: project!.id, position: 1, title: 'T' }).returning({ id: tenant.tracks.id });
    await db.insert(tenant.storedFiles).values({
      id: fileId,
      storageKey: key,
      originalName: 'Été mix "final".wav',
      sizeBytes: wav.length,
      format: 'wav',
      mimeType: 'audio/wav',
      sha256: 'a'.repeat(64),
    });
    const [version] = await db
      .insert(tenant.trackVersions)
      .values({
        trackId: track!.id,
        number: 1,
        fileId,
        processing: 'ready',
        releaseWhenPaid: options.releaseWhenPaid ?? false,
        invoiceId: options.invoiceId ?? null,
      })
      .returning({ id: tenant.trackVersions.id });
    return version!.id;
  });
}

const get = (url: string, headers: Record<string, string> = {}) => server.app.inject({ method: 'GET', url, headers });

beforeAll(async () => {
  server = await createTestServer({ DATA_DIR: mkdtempSync(join(tmpdir(), 'rsm-files-')), BASE_DOMAIN: 'studios.test' });
  studio = await createStudio(server);
  other = await createStudio(server);
  versionId = await insertVersion(studio);
}, 60_000);

afterAll(async () => {
  registerInvoicePaymentStatus(null);
  await server?.close();
});

describe('signed file URLs', () => {
  it('serve the original whole and by range, with exact bodies and headers', async () => {
    const urls = (await studio.owner.query<Urls>('audio.versionUrls', { versionId }, studio.slug)).data!;
    expect(urls.peaks).toBeNull();
    expect(urls.preview).toBeNull();
    expect(urls.playback).toBe(urls.audio);

    const whole = await get(urls.audio);
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.equals(wav)).toBe(true);
    expect(whole.headers).toMatchObject({
      'content-type': 'audio/wav',
      'accept-ranges': 'bytes',
      'x-content-type-options': 'nosniff',
      'content-length': String(wav.length),
    });
    expect(whole.headers['content-disposition']).toBeUndefined();

    const part = await get(urls.audio, { range: 'bytes=100-1099' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-1099/${wav.length}`);
    expect(part.rawPayload.equals(wav.subarray(100, 1100))).toBe(true);

    const tail = await get(urls.audio, { range: 'bytes=-44' });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(wav.subarray(wav.length - 44))).toBe(true);

    const open = await get(urls.audio, { range: `bytes=${wav.length - 10}-` });
    expect(open.rawPayload.equals(wav.subarray(wav.length - 10))).toBe(true);

    const beyond = await get(urls.audio, { range: `bytes=${wav.length}-` });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${wav.length}`);

    const head = await server.app.inject({ method: 'HEAD', url: urls.audio });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(wav.length));

    const download = await get(urls.download!);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="_t_ mix _final_.wav"; filename*=UTF-8''${encodeURIComponent('Été mix "final".wav')}`,
    );
  });

  it('refuse a tampered, unsigned, other-kind or other-studio link, and an expired one', async () => {
    const url = signedFileUrl(server.platform, studio, { versionId, kind: 'audio', audience: 'staff' });
    const sig = new URL(url, 'http://x').searchParams.get('s')!;
    const flipped = url.replace(`s=${sig}`, `s=${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`);
    expect((await get(flipped)).statusCode).toBe(403);
    expect((await get(url.split('?')[0]!)).statusCode).toBe(403);
    expect((await get(url.replace('/audio?', '/download?'))).statusCode).toBe(403);
    expect((await get(url.replace('a=staff', 'a=client'))).statusCode).toBe(403);
    expect((await get(url.replace(`/s/${studio.slug}/`, `/s/${other.slug}/`))).statusCode).toBe(403);
    // Signed by the other studio for this version id: the version is not theirs.
    const otherUrl = signedFileUrl(server.platform, other, { versionId, kind: 'audio', audience: 'staff' });
    expect((await get(otherUrl)).statusCode).toBe(404);
    expect((await get(`/s/${studio.slug}/files/../../etc/passwd/audio`)).statusCode).toBe(404);
    expect((await get(url.replace(versionId, `${versionId}/..`))).statusCode).toBe(404);

    const short = signedFileUrl(server.platform, studio, { versionId, kind: 'audio', audience: 'staff' }, 60);
    expect((await get(short)).statusCode).toBe(200);
    const realNow = server.platform.clock.now;
    server.platform.clock.now = () => new Date(Date.now() + 61_000);
    try {
      const expired = await get(short);
      expect(expired.statusCode).toBe(403);
      expect(expired.json()).toMatchObject({ code: 'EXPIRED' });
    } finally {
      server.platform.clock.now = realNow;
    }
  });

  it('work on the studio sub-domain too, and only there', async () => {
    const url = signedFileUrl(server.platform, studio, { versionId, kind: 'audio', audience: 'staff' });
    const subPath = url.replace(`/s/${studio.slug}`, '');
    const onHost = (path: string, host: string) => server.app.inject({ method: 'GET', url: path, headers: { host, range: 'bytes=0-3' } });
    const own = await onHost(subPath, `${studio.slug}.studios.test`);
    expect(own.statusCode).toBe(206);
    expect(own.body).toBe('RIFF');
    expect((await onHost(subPath, `${other.slug}.studios.test`)).statusCode).toBe(403);
    // Host and path naming different studios: refused, never settled in favour of either.
    expect((await onHost(url, `${other.slug}.studios.test`)).statusCode).toBe(404);
    expect((await onHost(subPath, 'studios.test')).statusCode).toBe(404);
  });

  it('are not given to someone outside the studio', async () => {
    const refused = await other.owner.query('audio.versionUrls', { versionId }, studio.slug);
    expect(refused.status).toBe(403);
    const notHere = await other.owner.query('audio.versionUrls', { versionId }, other.slug);
    expect(notHere.status).toBe(404);
  });

  it('keep a "released when paid" original locked for clients until the invoice is paid', async () => {
    const invoiceId = randomUUID();
    const locked = await insertVersion(studio, { releaseWhenPaid: true, invoiceId });
    const clientDownload = signedFileUrl(server.platform, studio, { versionId: locked, kind: 'download', audience: 'client' });
    const clientAudio = signedFileUrl(server.platform, studio, { versionId: locked, kind: 'audio', audience: 'client' });
    // No payment provider registered: locked (fails closed).
    expect((await get(clientDownload)).statusCode).toBe(402);
    expect((await get(clientAudio)).statusCode).toBe(402);
    // Staff links are not gated.
    expect((await get(signedFileUrl(server.platform, studio, { versionId: locked, kind: 'download', audience: 'staff' }))).statusCode).toBe(200);
    const paid = new Set<string>();
    registerInvoicePaymentStatus({ isInvoicePaid: async (_db, id) => paid.has(id) });
    expect((await get(clientDownload)).statusCode).toBe(402);
    paid.add(invoiceId);
    expect((await get(clientDownload)).statusCode).toBe(200);
    // An ordinary version is downloadable by clients.
    expect((await get(signedFileUrl(server.platform, studio, { versionId, kind: 'download', audience: 'client' }))).statusCode).toBe(200);
  });

  it('answer 404 when the stored file is missing, never another file', async () => {
    const missing = await insertVersion(studio);
    const [row] = await withStudioDb(server, studio.id, (db) =>
      db
        .select({ key: tenant.storedFiles.storageKey })
        .from(tenant.trackVersions)
        .innerJoin(tenant.storedFiles, eq(tenant.storedFiles.id, tenant.trackVersions.fileId))
        .where(eq(tenant.trackVersions.id, missing)),
    );
    await fileStorage(server.config).delete(row!.key);
    expect((await get(signedFileUrl(server.platform, studio, { versionId: missing, kind: 'audio', audience: 'staff' }))).statusCode).toBe(404);
    expect((await studioBySlug(server, studio.slug)).id).toBe(studio.id);
  });
});
