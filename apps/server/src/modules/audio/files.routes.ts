/**
 * Serving a version's files: the original (inline for the player, or as a download), its preview, its
 * peaks. The signed URL is the credential (an <audio> element sends none we could check); its signature
 * binds studio, version, kind, audience and expiry. Byte ranges let the player seek and stream.
 */
import { isSuspended } from '../plans/standing-guard.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';
import { resolveStudioSlug } from '../../platform/http/origins.ts';
import { redirectIfMoved } from '../../platform/http/studio-moved.ts';
import { fileStorage } from '../../platform/storage/storage.ts';
import { isUuid, keyBelongsToStudio } from '../../platform/storage/keys.ts';
import { fileUrlSecret, verifyFileAccess } from '../../platform/storage/signed-urls.ts';
import { canDownloadVersion } from './download-gate.ts';
import { FILE_URL_KINDS, type FileUrlKind } from './file-urls.ts';
import { attachmentDisposition, parseRange } from './http-range.ts';
import { studioContextBySlug } from '../studios/studio-lookup.ts';

type FileRequest = FastifyRequest<{ Params: { versionId: string; kind: string }; Querystring: { a?: string; e?: string; s?: string } }>;

function refuse(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').send({ code, message });
}

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name. */
async function serveFile(platform: Platform, req: FileRequest, reply: FastifyReply) {
  const { versionId, kind: rawKind } = req.params;
  const kind = rawKind as FileUrlKind;
  if (!isUuid(versionId) || !FILE_URL_KINDS.includes(kind)) return refuse(reply, 404, 'NOT_FOUND', 'Not found');
  const { slug, conflict } = resolveStudioSlug(req.headers.host, req.url.split('?')[0] ?? '/', platform.config.BASE_DOMAIN);
  if (!slug || conflict) return refuse(reply, 404, 'NOT_FOUND', 'Not found');
  const audience = req.query.a === 'staff' || req.query.a === 'client' ? req.query.a : null;
  const expiresAt = /^\d{1,12}$/.test(req.query.e ?? '') ? Number(req.query.e) : null;
  if (!audience || expiresAt === null || !req.query.s) return refuse(reply, 403, 'FORBIDDEN', 'This link is not valid');

  const studio = await studioContextBySlug(platform, slug);
  // An unknown studio and a bad signature look the same from outside.
  if (!studio || isSuspended(studio, platform.clock.now())) return refuse(reply, 403, 'FORBIDDEN', 'This link is not valid');
  // The signature binds the studio, not its address: the same link is valid at the current one.
  if (redirectIfMoved(req, reply, slug, studio.slug, platform.config.BASE_DOMAIN)) return reply;
  const check = verifyFileAccess(
    fileUrlSecret(platform.config),
    { studioId: studio.id, versionId, kind, audience, expiresAt },
    req.query.s,
    Math.floor(platform.clock.now().getTime() / 1000),
  );
  if (check === 'invalid') return refuse(reply, 403, 'FORBIDDEN', 'This link is not valid');
  if (check === 'expired') return refuse(reply, 403, 'EXPIRED', 'This link has expired; reload the page for a new one');

  const found = await platform.directory.withTenant(studio.location, async (db) => {
    const [row] = await db
      .select({ version: tenant.trackVersions, file: tenant.storedFiles })
      .from(tenant.trackVersions)
      .innerJoin(tenant.storedFiles, eq(tenant.storedFiles.id, tenant.trackVersions.fileId))
      .where(eq(tenant.trackVersions.id, versionId))
      .limit(1);
    const gated = audience === 'client' && (kind === 'download' || kind === 'audio');
    return row ? { ...row, locked: gated && !(await canDownloadVersion(db, versionId)).allowed } : null;
  });
  if (!found) return refuse(reply, 404, 'NOT_FOUND', 'Not found');
  if (found.locked) return refuse(reply, 402, 'PAYMENT_REQUIRED', 'This file is released once its invoice is paid');
  const key = kind === 'preview' ? found.version.previewKey : kind === 'peaks' ? found.version.peaksKey : found.file.storageKey;
  if (!key || !keyBelongsToStudio(key, studio.id)) return refuse(reply, 404, 'NOT_FOUND', 'Not found');
  const storage = fileStorage(platform.config);
  const stat = await storage.stat(key);
  if (!stat) return refuse(reply, 404, 'NOT_FOUND', 'Not found');

  const contentType = kind === 'peaks' ? 'application/octet-stream' : kind === 'preview' ? 'audio/mpeg' : found.file.mimeType;
  const maxAge = Math.max(0, Math.min(3600, expiresAt - Math.floor(platform.clock.now().getTime() / 1000)));
  reply
    .header('accept-ranges', 'bytes')
    .header('content-type', contentType)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', `private, max-age=${maxAge}`)
    .header('etag', `"${found.file.sha256.slice(0, 32)}-${kind}"`);
  if (kind === 'download') reply.header('content-disposition', attachmentDisposition(found.file.originalName));
  const range = parseRange(req.headers.range, stat.size);
  if (range === 'unsatisfiable') return reply.code(416).header('content-range', `bytes */${stat.size}`).send();
  if (req.method === 'HEAD') return reply.code(200).header('content-length', String(stat.size)).send();
  if (range) {
    reply
      .code(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${stat.size}`)
      .header('content-length', String(range.end - range.start + 1));
    return reply.send(await storage.get(key, range));
  }
  return reply
    .code(200)
    .header('content-length', String(stat.size))
    .send(await storage.get(key));
}

export function registerFileRoutes(app: FastifyInstance, platform: Platform): void {
  for (const prefix of ['/s/:slug/files', '/files']) {
    app.route<{ Params: { versionId: string; kind: string }; Querystring: { a?: string; e?: string; s?: string } }>({
      method: ['GET', 'HEAD'],
      url: `${prefix}/:versionId/:kind`,
      exposeHeadRoute: false,
      handler: (req, reply) => serveFile(platform, req, reply),
    });
  }
}
