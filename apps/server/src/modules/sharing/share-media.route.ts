/**
 * GET /api/share-media/:slug/:linkId/:versionId/:mode?exp&sig — the bytes behind a share link.
 * Checked on every request, in this order: the studio, the link, the URL's signature (keyed by the
 * link's own secret), the link still live, the version reachable by the link, and for downloads the
 * link allowing them and the payment gate. Streams answer Range requests (seeking); downloads are
 * `attachment`s and count once per download (not per range chunk).
 */
import { isSuspended } from '../plans/standing-guard.ts';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tenant } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';
import { assertServable } from '../../platform/tenancy/directory.ts';
import { fileStorage } from '../../platform/storage/storage.ts';
import { keyBelongsToStudio } from '../../platform/storage/keys.ts';
import { toAppError } from '../../trpc/error-mapping.ts';
import { SHARE_OPEN_LIMITS, recordShareEvent } from './share-access.service.ts';
import { shareStatus } from './share-links.service.ts';
import { verifyMediaSignature, type MediaMode } from './share-media.ts';
import { versionReachableByLink } from './share-view.ts';
import { canDownloadVersion } from '../audio/download-gate.ts';
import { attachmentDisposition, parseRange } from '../audio/http-range.ts';
import { studioContextBySlug } from '../studios/studio-lookup.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PREVIEW_TYPES: Record<string, string> = {
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  flac: 'audio/flac',
  aiff: 'audio/aiff',
};

interface Params {
  slug: string;
  linkId: string;
  versionId: string;
  mode: string;
}

type Refusal = { status: number; message: string; code?: string };
const NOT_VALID: Refusal = { status: 404, message: 'This link is not valid' };
const PREVIEW_PREPARING: Refusal = {
  status: 409,
  code: 'PREVIEW_PREPARING',
  message: 'The listening copy of this version is still being prepared. Try again in a minute.',
};

/** "<title> v<n>.<ext>", safe for a header. */
function downloadName(title: string, number: number, ext: string): string {
  const base = `${title} v${number}`.replace(/[\r\n"\\/]+/g, ' ').trim() || 'download';
  return `${base}.${ext}`;
}

/** What to answer: a refusal, or the file (the tenant connection is released before the bytes flow). */
type Answer = Refusal | { status: number; headers: Record<string, string>; key?: string; range?: { start: number; end: number } };

async function decide(platform: Platform, req: FastifyRequest<{ Params: Params; Querystring: Record<string, string | undefined> }>): Promise<Answer> {
  const { slug, linkId, versionId } = req.params;
  const mode = req.params.mode as MediaMode;
  const expires = Number(req.query.exp);
  const sig = req.query.sig ?? '';
  if (!UUID.test(linkId) || !UUID.test(versionId) || !['stream', 'download', 'peaks'].includes(mode) || !/^[a-z0-9-]{1,63}$/.test(slug)) return NOT_VALID;
  await platform.rateLimiter.hit(SHARE_OPEN_LIMITS(req.ip));
  const studio = await studioContextBySlug(platform, slug);
  if (!studio || isSuspended(studio, platform.clock.now())) return NOT_VALID;
  assertServable(studio.location);
  return platform.directory.withTenant(studio.location, async (db) => {
    const [link] = await db.select().from(tenant.shareLinks).where(eq(tenant.shareLinks.id, linkId));
    if (!link) return NOT_VALID;
    const now = platform.clock.now();
    if (!verifyMediaSignature(link.tokenHash, { slug, linkId, versionId, mode, expires }, sig, Math.floor(now.getTime() / 1000)))
      return { status: 403, message: 'This address has expired or is not valid. Reload the page.' };
    if (shareStatus(link, now) !== 'active') return NOT_VALID;
    const version = await versionReachableByLink(db, link, versionId);
    if (!version) return NOT_VALID;
    if (mode === 'download') {
      if (!link.allowDownload) return { status: 403, message: 'This link is for listening only' };
      if (!(await canDownloadVersion(db, version.id)).allowed) return { status: 403, message: 'Released when the invoice is paid' };
    }
    const [file] = await db.select().from(tenant.storedFiles).where(eq(tenant.storedFiles.id, version.fileId));
    // A listen-only link, or a version locked until paid, streams the 128 kbit/s preview and nothing else.
    const previewOnly = mode === 'stream' && (!link.allowDownload || (version.releaseWhenPaid && !(await canDownloadVersion(db, version.id)).allowed));
    if (previewOnly && !version.previewKey) return PREVIEW_PREPARING;
    const usePreview = mode === 'stream' && !!version.previewKey;
    const key = mode === 'peaks' ? version.peaksKey : usePreview ? version.previewKey! : file?.storageKey;
    if (!key || !keyBelongsToStudio(key, studio.id)) return { status: 404, message: 'This file is not available' };
    const storage = fileStorage(platform.config);
    const stat = await storage.stat(key);
    if (!stat) return { status: 404, message: 'This file is not available' };
    const ext = key.slice(key.lastIndexOf('.') + 1);
    const type =
      mode === 'peaks'
        ? 'application/octet-stream'
        : usePreview
          ? (PREVIEW_TYPES[ext] ?? 'application/octet-stream')
          : (file?.mimeType ?? 'application/octet-stream');
    const range = parseRange(req.headers.range, stat.size);
    if (range === 'unsatisfiable') return { status: 416, headers: { 'content-range': `bytes */${stat.size}` } };
    // One download per GET from the first byte: range continuations and HEAD probes do not count again.
    if (mode === 'download' && req.method === 'GET' && (!range || range.start === 0)) await recordShareEvent(platform, db, link, 'download', version.id);
    const headers: Record<string, string> = {
      'accept-ranges': 'bytes',
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      'content-type': type,
      'content-disposition': 'inline',
      'content-length': String(range ? range.end - range.start + 1 : stat.size),
    };
    if (range) headers['content-range'] = `bytes ${range.start}-${range.end}/${stat.size}`;
    if (mode === 'download') {
      const [track] = await db.select({ title: tenant.tracks.title }).from(tenant.tracks).where(eq(tenant.tracks.id, version.trackId));
      headers['content-disposition'] = attachmentDisposition(downloadName(track?.title ?? 'track', version.number, file?.format ?? ext));
    }
    return { status: range ? 206 : 200, headers, key, range: range ?? undefined };
  });
}

export function registerShareMediaRoutes(app: FastifyInstance, platform: Platform): void {
  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>('/api/share-media/:slug/:linkId/:versionId/:mode', async (req, reply) => {
    try {
      const answer = await decide(platform, req);
      if ('message' in answer && answer.code)
        return reply.code(answer.status).header('cache-control', 'no-store').header('retry-after', '30').send({ code: answer.code, message: answer.message });
      if ('message' in answer) return reply.code(answer.status).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(answer.message);
      void reply.code(answer.status).headers(answer.headers);
      if (!answer.key) return reply.send();
      return reply.send(await fileStorage(platform.config).get(answer.key, answer.range));
    } catch (error) {
      const appError = toAppError(error);
      if (appError?.code === 'RATE_LIMITED')
        return reply
          .code(429)
          .header('retry-after', String(appError.params.retryAfterSeconds ?? 60))
          .send('Too many requests');
      if (appError?.code === 'TENANT_UNAVAILABLE' || appError?.code === 'TENANT_OUTDATED') return reply.code(503).send('Temporarily unavailable');
      throw error;
    }
  });
}
