/**
 * "Export my studio" (issue 13.1), for the studio's owner (`studio:export`, session cookie):
 *  - GET [/s/:slug]/api/studio/export/info → { encrypted: false }: the owner's export is never encrypted, even with
 *    BACKUP_ENCRYPTION_KEY set — it is theirs to keep, readable after leaving the service (the key encrypts the
 *    backups kept on the server, not a download the owner takes away over HTTPS); the settings page says so;
 *  - GET [/s/:slug]/api/studio/export → a ZIP of the whole studio (the bundle of studio-bundle.ts, as
 *    `npm run backup:studio` writes it): its database archive, every stored file under files/<storage key> (audio
 *    originals, previews, peaks, money documents' PDFs) and manifest.json with each file's size and SHA-256 —
 *    streamed from the database and the file store to the response, one file at a time: nothing is buffered or written.
 * Once per EXPORT_WINDOW_SECONDS per studio (429 + Retry-After otherwise); each export is recorded in the
 * studio's audit log before the bytes flow.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { writeStudioBundle } from '../../platform/backup/studio-bundle.ts';
import { toAppError } from '../../trpc/error-mapping.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { attachmentDisposition } from '../audio/http-range.ts';
import { isRefusal, staffAccess } from '../audio/staff-access.ts';

export const EXPORT_WINDOW_SECONDS = 600;

/** Always false (see above): kept in the answer so the settings page states it. */
const EXPORT_ENCRYPTED = false;

async function serveInfo(platform: Platform, req: FastifyRequest, reply: FastifyReply) {
  const access = await staffAccess(platform, req, 'studio:export');
  if (isRefusal(access)) return reply.code(access.status).send({ code: access.code, message: access.message });
  return reply.header('cache-control', 'private, no-store').send({ encrypted: EXPORT_ENCRYPTED, windowMinutes: EXPORT_WINDOW_SECONDS / 60 });
}

async function serveExport(platform: Platform, req: FastifyRequest, reply: FastifyReply) {
  const access = await staffAccess(platform, req, 'studio:export');
  if (isRefusal(access)) return reply.code(access.status).send({ code: access.code, message: access.message });
  const { studio, actor } = access;
  try {
    await platform.rateLimiter.hit([{ key: `studio-export:${studio.id}`, limit: 1, windowSeconds: EXPORT_WINDOW_SECONDS }]);
  } catch (error) {
    const appError = toAppError(error);
    if (appError?.code !== 'RATE_LIMITED') throw error;
    const seconds = Number(appError.params.retryAfterSeconds ?? EXPORT_WINDOW_SECONDS);
    return reply
      .code(429)
      .header('retry-after', String(seconds))
      .send({ code: 'RATE_LIMITED', message: `One export every ${EXPORT_WINDOW_SECONDS / 60} minutes. Try again in ${Math.ceil(seconds / 60)} minute(s).` });
  }
  await platform.directory.withTenant(studio.location, (db) => recordAudit(db, actor, 'studio.exported', 'studio', studio.id, { encrypted: EXPORT_ENCRYPTED }));
  const day = platform.clock.now().toISOString().slice(0, 10);
  const body = new PassThrough();
  void writeStudioBundle(platform, { id: studio.id, slug: studio.slug, name: studio.name, location: studio.location }, body, {
    includeFiles: true,
    encryptionKey: null,
  }).catch((error: unknown) => {
    // Headers are gone by now: the download is cut short (a ZIP without its central directory is refused by a restore).
    platform.logger.error({ err: error, studioId: studio.id }, 'studio export failed');
    body.destroy(error as Error);
  });
  return reply
    .header('cache-control', 'private, no-store')
    .header('content-disposition', attachmentDisposition(`${studio.slug}-${day}.zip`))
    .type('application/zip')
    .send(body);
}

export function registerStudioExportRoutes(app: FastifyInstance, platform: Platform): void {
  for (const prefix of ['/s/:slug/api/studio/export', '/api/studio/export']) {
    app.get(`${prefix}/info`, (req, reply) => serveInfo(platform, req, reply));
    app.get(prefix, (req, reply) => serveExport(platform, req, reply));
  }
}
