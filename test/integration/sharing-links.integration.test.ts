/**
 * Share links end to end through HTTP: password (required / wrong / right / rate limit), expiry on the
 * business clock, revoke, stream-only (no download URL and the media route refuses a forged one),
 * per-recipient counts with play de-duplication, a token of studio A refused on studio B, and the
 * payment gate with a test provider switching paid / unpaid.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient } from '../support/api.ts';
import { createStudio, freshIp, withStudioDb, type Studio } from '../support/studios.ts';
import { fileStorage } from '../../apps/server/src/platform/storage/storage.ts';
import { studioFileKey } from '../../apps/server/src/platform/storage/keys.ts';
import { registerInvoicePaymentStatus } from '../../apps/server/src/modules/audio/download-gate.ts';
import { signMediaUrl } from '../../apps/server/src/modules/sharing/share-media.ts';
import { hashToken } from '../../apps/server/src/platform/security/tokens.ts';

let server: TestServer;
let filesDir: string;
let a: Studio;
let b: Studio;
const ids = { project: '', track: '', v1: '', v2: '', otherTrack: '', otherVersion: '' };
const AUDIO = Buffer.from('RIFF....WAVEfmt '.padEnd(4096, 'x'));
/** Every processed version has a preview: the only thing a listen-only link streams. */
const PREVIEW = Buffer.from('preview mp3 '.padEnd(2048, 'p'));

interface Created {
  id: string;
  url: string;
}
type Opened =
  | { state: 'password_required' }
  | {
      state: 'open';
      grant: string | null;
      item: {
        canComment: boolean;
        tracks: {
          id: string;
          versions: { id: string; streamUrl: string; peaksUrl: string | null; download: { state: string; url?: string; reason?: string } }[];
        }[];
      };
    };

async function insertVersion(studio: Studio, trackId: string, number: number): Promise<string> {
  const fileId = crypto.randomUUID();
  const key = studioFileKey(studio.id, 'originals', fileId, 'wav');
  await fileStorage(server.platform.config).putBuffer(key, AUDIO, 'audio/wav');
  const previewKey = studioFileKey(studio.id, 'previews', crypto.randomUUID(), 'mp3');
  await fileStorage(server.platform.config).putBuffer(previewKey, PREVIEW, 'audio/mpeg');
  return withStudioDb(server, studio.id, async (db) => {
    const [file] = await db
      .insert(tenant.storedFiles)
      .values({ id: fileId, storageKey: key, originalName: 'take.wav', sizeBytes: AUDIO.length, format: 'wav', mimeType: 'audio/wav', sha256: '0'.repeat(64) })
      .returning({ id: tenant.storedFiles.id });
    const [version] = await db
      .insert(tenant.trackVersions)
      .values({ trackId, number, fileId: file!.id, processing: 'ready', durationMs: 60_000, previewKey })
      .returning({ id: tenant.trackVersions.id });
    return version!.id;
  });
}

beforeAll(async () => {
  filesDir = mkdtempSync(join(tmpdir(), 'rsm-share-'));
  server = await createTestServer({ FILES_DIR: filesDir, DATA_DIR: filesDir });
  a = await createStudio(server, { studioName: 'Share Studio A' });
  b = await createStudio(server, { studioName: 'Share Studio B' });
  await withStudioDb(server, a.id, async (db) => {
    const [project] = await db.insert(tenant.projects).values({ name: 'Night Album', currency: 'EUR' }).returning();
    const [track] = await db.insert(tenant.tracks).values({ projectId: project!.id, position: 1, title: 'Opening' }).returning();
    const [other] = await db.insert(tenant.tracks).values({ projectId: project!.id, position: 2, title: 'Closing' }).returning();
    ids.project = project!.id;
    ids.track = track!.id;
    ids.otherTrack = other!.id;
  });
  ids.v1 = await insertVersion(a, ids.track, 1);
  ids.v2 = await insertVersion(a, ids.track, 2);
  ids.otherVersion = await insertVersion(a, ids.otherTrack, 1);
});
afterAll(async () => {
  await server?.close();
  rmSync(filesDir, { recursive: true, force: true });
});
afterEach(() => {
  server.platform.clock = { now: () => new Date() };
  registerInvoicePaymentStatus(null);
});

const tokenOf = (url: string) => url.split('/share/')[1]!;
const visitor = () => new ApiClient(server.app, { ip: freshIp() });

async function share(input: Record<string, unknown>): Promise<Created[]> {
  const created = await a.owner.mutate<Created[]>('sharing.create', input, a.slug);
  expect(created.error, JSON.stringify(created.error)).toBeUndefined();
  return created.data!;
}

async function open(client: ApiClient, token: string, extra: Record<string, unknown> = {}, slug = a.slug) {
  return client.mutate<Opened>('share.open', { token, ...extra }, slug);
}

const get = (url: string, headers: Record<string, string> = {}) => server.app.inject({ method: 'GET', url, headers, remoteAddress: freshIp() });

describe('share links', () => {
  it('asks for the password, refuses a wrong one, opens with the right one and keeps the unlock for that link only', async () => {
    const [link, other] = await share({ target: { kind: 'track', id: ids.track }, recipients: [{ name: 'Mia' }, { name: 'Leo' }], password: 'open sesame' });
    const client = visitor();
    expect((await open(client, tokenOf(link!.url))).data).toMatchObject({ state: 'password_required' });
    const wrong = await open(client, tokenOf(link!.url), { password: 'nope nope' });
    expect(wrong.error?.data.appCode).toBe('INVALID_CREDENTIALS');
    const right = await open(client, tokenOf(link!.url), { password: 'open sesame' });
    expect(right.data?.state).toBe('open');
    const grant = right.data?.state === 'open' ? right.data.grant : null;
    expect(grant).toBeTruthy();
    // The track link shows every version, newest first.
    if (right.data?.state === 'open') expect(right.data.item.tracks[0]!.versions.map((v) => v.id)).toEqual([ids.v2, ids.v1]);
    expect((await open(client, tokenOf(link!.url), { grant })).data?.state).toBe('open');
    // The same grant does not open the other recipient's link, nor a tampered one this link.
    expect((await open(client, tokenOf(other!.url), { grant })).data?.state).toBe('password_required');
    expect((await open(client, tokenOf(link!.url), { grant: `${grant}x` })).data?.state).toBe('password_required');
    // Plays need the unlock.
    expect((await client.mutate('share.recordPlay', { token: tokenOf(link!.url), versionId: ids.v1 }, a.slug)).error?.data.appCode).toBe('UNAUTHORIZED');
  });

  it('rate limits password guesses per link, even from many addresses', async () => {
    const [link] = await share({ target: { kind: 'version', id: ids.v1 }, password: 'right password' });
    const codes: string[] = [];
    for (let i = 0; i < 11; i++) codes.push((await open(visitor(), tokenOf(link!.url), { password: `guess ${i}` })).error?.data.appCode ?? 'ok');
    expect(codes.slice(0, 10).every((c) => c === 'INVALID_CREDENTIALS')).toBe(true);
    expect(codes[10]).toBe('RATE_LIMITED');
    // Even the right password waits out the window now.
    expect((await open(visitor(), tokenOf(link!.url), { password: 'right password' })).error?.data.appCode).toBe('RATE_LIMITED');
  });

  it('stops at its expiry on the business clock, and staff can extend it', async () => {
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    const [link] = await share({ target: { kind: 'version', id: ids.v1 }, expiresAt });
    const client = visitor();
    expect((await open(client, tokenOf(link!.url))).data?.state).toBe('open');
    server.platform.clock = { now: () => new Date(Date.now() + 2 * 3600_000) };
    const expired = await open(client, tokenOf(link!.url));
    expect(expired.error?.data.appCode).toBe('TOKEN_INVALID');
    const listed = await a.owner.query<{ id: string; status: string }[]>('sharing.list', { target: { kind: 'version', id: ids.v1 } }, a.slug);
    expect(listed.data!.find((l) => l.id === link!.id)?.status).toBe('expired');
    const extended = await a.owner.mutate('sharing.setExpiry', { id: link!.id, expiresAt: new Date(Date.now() + 5 * 3600_000).toISOString() }, a.slug);
    expect(extended.error).toBeUndefined();
    expect((await open(client, tokenOf(link!.url))).data?.state).toBe('open');
    // An expiry in the past is refused.
    expect((await a.owner.mutate('sharing.setExpiry', { id: link!.id, expiresAt: new Date(Date.now()).toISOString() }, a.slug)).error?.data.appCode).toBe(
      'BAD_REQUEST',
    );
  });

  it('answers a revoked link, an unknown token and a token of another studio alike, and its media stop at once', async () => {
    const [link] = await share({ target: { kind: 'version', id: ids.v1 } });
    const client = visitor();
    const opened = await open(client, tokenOf(link!.url));
    const streamUrl = opened.data?.state === 'open' ? opened.data.item.tracks[0]!.versions[0]!.streamUrl : '';
    expect((await get(streamUrl)).statusCode).toBe(200);
    expect((await open(client, tokenOf(link!.url), {}, b.slug)).error?.data.appCode).toBe('TOKEN_INVALID');
    expect((await a.owner.mutate('sharing.revoke', { id: link!.id }, a.slug)).error).toBeUndefined();
    const revoked = await open(client, tokenOf(link!.url));
    const unknown = await open(client, 'A'.repeat(43));
    expect(revoked.error?.data.appCode).toBe('TOKEN_INVALID');
    expect(unknown.error?.data.appCode).toBe('TOKEN_INVALID');
    expect(revoked.error?.message).toBe(unknown.error?.message);
    expect((await get(streamUrl)).statusCode).toBe(404);
    // Staff of studio B cannot revoke or list studio A's links.
    expect((await b.owner.mutate('sharing.revoke', { id: link!.id }, b.slug)).error?.data.appCode).toBe('NOT_FOUND');
  });

  it('streams with ranges, never issues a download URL on a stream-only link, and refuses forged ones', async () => {
    const [link] = await share({ target: { kind: 'version', id: ids.v1 }, allowDownload: false });
    const opened = await open(visitor(), tokenOf(link!.url));
    if (opened.data?.state !== 'open') throw new Error('not open');
    const version = opened.data.item.tracks[0]!.versions[0]!;
    expect(version.download).toEqual({ state: 'stream_only' });
    const ranged = await get(version.streamUrl, { range: 'bytes=0-99' });
    expect(ranged.statusCode).toBe(206);
    expect(ranged.headers['content-range']).toBe(`bytes 0-99/${PREVIEW.length}`);
    expect(ranged.rawPayload.equals(PREVIEW.subarray(0, 100))).toBe(true);
    expect(ranged.headers['content-disposition']).toBe('inline');
    // Swapping the mode breaks the signature; a correctly signed download URL is still refused for this link.
    expect((await get(version.streamUrl.replace('/stream?', '/download?'))).statusCode).toBe(403);
    const url = new URL(version.streamUrl, 'http://x');
    const forged = signMediaUrl(hashToken(tokenOf(link!.url)), {
      slug: a.slug,
      linkId: link!.id,
      versionId: ids.v1,
      mode: 'download',
      expires: Math.floor(Date.now() / 1000) + 60,
    });
    const refused = await get(forged);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toBe('This link is for listening only');
    // Another version of the same track is outside a version link.
    expect((await get(url.pathname.replace(ids.v1, ids.v2) + url.search)).statusCode).toBe(403);
  });

  it('counts views, plays (de-duplicated for a few seconds) and downloads per recipient', async () => {
    const [mia, leo] = await share({
      target: { kind: 'project', id: ids.project },
      recipients: [{ name: 'Mia', email: 'mia@example.test' }, { name: 'Leo' }],
      allowDownload: true,
    });
    const client = visitor();
    const opened = await open(client, tokenOf(mia!.url));
    if (opened.data?.state !== 'open') throw new Error('not open');
    // A project link shows each track's current (here: newest) version.
    expect(opened.data.item.tracks.map((t) => t.versions.map((v) => v.id))).toEqual([[ids.v2], [ids.otherVersion]]);
    const play = () => client.mutate('share.recordPlay', { token: tokenOf(mia!.url), versionId: ids.v2 }, a.slug);
    await play();
    await play();
    server.platform.clock = { now: () => new Date(Date.now() + 10_000) };
    await play();
    // A version the project link does not show is refused.
    expect((await client.mutate('share.recordPlay', { token: tokenOf(mia!.url), versionId: ids.v1 }, a.slug)).error?.data.appCode).toBe('TOKEN_INVALID');
    const download = opened.data.item.tracks[0]!.versions[0]!.download;
    expect(download.state).toBe('available');
    const file = await get(download.url!);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="Opening v2\.wav"/);
    const listed = await a.owner.query<{ id: string; viewCount: number; playCount: number; downloadCount: number; recipientName: string }[]>(
      'sharing.list',
      { target: { kind: 'project', id: ids.project } },
      a.slug,
    );
    const rows = new Map(listed.data!.map((l) => [l.id, l]));
    expect(rows.get(mia!.id)).toMatchObject({ viewCount: 1, playCount: 2, downloadCount: 1, recipientName: 'Mia' });
    expect(rows.get(leo!.id)).toMatchObject({ viewCount: 0, playCount: 0, downloadCount: 0 });
    const activity = await a.owner.query<{ kind: string }[]>('sharing.activity', { id: mia!.id }, a.slug);
    expect(activity.data!.map((e) => e.kind).sort()).toEqual(['download', 'play', 'play', 'view']);
  });

  it('keeps a deliverable locked until its invoice is paid, asked through the payment provider', async () => {
    const invoiceId = crypto.randomUUID();
    let paid = false;
    const [link] = await share({ target: { kind: 'version', id: ids.v1 }, allowDownload: true });
    const set = await a.owner.mutate<{ locked: boolean }>('deliverables.setReleaseWhenPaid', { versionId: ids.v1, releaseWhenPaid: true, invoiceId }, a.slug);
    expect(set.data?.locked).toBe(true);
    const downloadOf = async () => {
      const opened = await open(visitor(), tokenOf(link!.url));
      if (opened.data?.state !== 'open') throw new Error('not open');
      return opened.data.item.tracks[0]!.versions[0]!.download;
    };
    // No provider registered: locked.
    expect((await downloadOf()).state).toBe('locked');
    registerInvoicePaymentStatus({ isInvoicePaid: async (_db, id) => id === invoiceId && paid });
    expect((await downloadOf()).state).toBe('locked');
    paid = true;
    const unlocked = await downloadOf();
    expect(unlocked.state).toBe('available');
    expect((await a.owner.query<{ locked: boolean }>('deliverables.status', { versionId: ids.v1 }, a.slug)).data?.locked).toBe(false);
    // A URL issued while paid stops working if the payment is reversed (checked at serve time).
    paid = false;
    const refused = await get(unlocked.url!);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toBe('Released when the invoice is paid');
    await a.owner.mutate('deliverables.setReleaseWhenPaid', { versionId: ids.v1, releaseWhenPaid: false }, a.slug);
    expect((await downloadOf()).state).toBe('available');
  });
  it('serves the waveform data once computed, and only through a link that reaches the version', async () => {
    const [link] = await share({ target: { kind: 'version', id: ids.otherVersion } });
    const peaksOf = async () => {
      const opened = await open(visitor(), tokenOf(link!.url));
      if (opened.data?.state !== 'open') throw new Error('not open');
      return opened.data.item.tracks[0]!.versions[0]!.peaksUrl;
    };
    expect(await peaksOf()).toBeNull();
    const key = studioFileKey(a.id, 'peaks', crypto.randomUUID(), 'bin');
    await fileStorage(server.platform.config).putBuffer(key, Buffer.from('peaks-data'), 'application/octet-stream');
    await withStudioDb(server, a.id, (db) => db.update(tenant.trackVersions).set({ peaksKey: key }).where(eq(tenant.trackVersions.id, ids.otherVersion)));
    const url = await peaksOf();
    const served = await get(url!);
    expect(served.statusCode).toBe(200);
    expect(served.body).toBe('peaks-data');
    await a.owner.mutate('sharing.revoke', { id: link!.id }, a.slug);
    expect((await get(url!)).statusCode).toBe(404);
  });

  it('lets a named recipient comment from the share page as a client, and refuses an anonymous link', async () => {
    const [named, anonymous] = [
      (await share({ target: { kind: 'version', id: ids.v2 }, recipients: [{ name: 'Nina' }] }))[0]!,
      (await share({ target: { kind: 'version', id: ids.v2 } }))[0]!,
    ];
    const client = visitor();
    const posted = await client.mutate<{ author: { kind: string; id: string; name: string } }>(
      'share.comment',
      { token: tokenOf(named.url), versionId: ids.v2, atMs: 2000, body: 'Bass too loud' },
      a.slug,
    );
    expect(posted.data?.author).toEqual({ kind: 'client', id: named.id, name: 'Nina' });
    const refused = await client.mutate('share.comment', { token: tokenOf(anonymous.url), versionId: ids.v2, atMs: 2000, body: 'Who am I' }, a.slug);
    expect(refused.error?.data.appCode).toBe('FORBIDDEN');
    // Outside the link's target, and on another studio, the link is not valid.
    expect((await client.mutate('share.comment', { token: tokenOf(named.url), versionId: ids.v1, atMs: 0, body: 'x' }, a.slug)).error?.data.appCode).toBe(
      'TOKEN_INVALID',
    );
    const threads = await client.query<{ threads: { body: string }[] }>('share.comments', { token: tokenOf(anonymous.url), versionId: ids.v2 }, a.slug);
    expect(threads.data?.threads.map((t) => t.body)).toEqual(['Bass too loud']);
    const staff = await a.owner.query<{ threads: { body: string; author: { kind: string } }[] }>('comments.list', { versionId: ids.v2 }, a.slug);
    expect(staff.data?.threads.map((t) => [t.body, t.author.kind])).toEqual([['Bass too loud', 'client']]);
  });
});
