/**
 * "Export my studio" (issue 13.1), for the studio's owner (`studio:export`, session cookie):
 *  - GET [/s/:slug]/api/studio/export/info → { encrypted }: whether the archive will be encrypted
 *    (BACKUP_ENCRYPTION_KEY set on the server) — the settings page says so before the download;
 *  - GET [/s/:slug]/api/studio/export → the studio's backup archive (the same format as the scheduled backups and
 *    `npm run backup:studio`), streamed straight from the database to the response: no file is written.
 * Once per EXPORT_WINDOW_SECONDS per studio (429 + Retry-After otherwise); each export is recorded in the
 * studio's audit log before the bytes flow.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { backupKey } from '../../platform/backup/archive-format.ts';
import { backupStudio } from '../../platform/backup/studio-backup.ts';
import { toAppError } from '../../trpc/error-mapping.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { attachmentDisposition } from '../audio/http-range.ts';
import { isRefusal, staffAccess } from '../audio/staff-access.ts';

export const EXPORT_WINDOW_SECONDS = 600;

function exportEncrypted(platform: Platform): boolean {
  return !!backupKey(platform.config.BACKUP_ENCRYPTION_KEY);
}

async function serveInfo(platform: Platform, req: FastifyRequest, reply: FastifyReply) {
  const access = await staffAccess(platform, req, 'studio:export');
  if (isRefusal(access)) return reply.code(access.status).send({ code: access.code, message: access.message });
  return reply.header('cache-control', 'private, no-store').send({ encrypted: exportEncrypted(platform), windowMinutes: EXPORT_WINDOW_SECONDS / 60 });
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
  const encrypted = exportEncrypted(platform);
  await platform.directory.withTenant(studio.location, (db) => recordAudit(db, actor, 'studio.exported', 'studio', studio.id, { encrypted }));
  const day = platform.clock.now().toISOString().slice(0, 10);
  const body = new PassThrough();
  void backupStudio(platform, { id: studio.id, slug: studio.slug, name: studio.name, location: studio.location }, body).catch((error: unknown) => {
    // Headers are gone by now: the download is cut short (a truncated archive is refused by a restore).
    platform.logger.error({ err: error, studioId: studio.id }, 'studio export failed');
    body.destroy(error as Error);
  });
  return reply
    .header('cache-control', 'private, no-store')
    .header('content-disposition', attachmentDisposition(`${studio.slug}-${day}.rsmbk`))
    .type('application/octet-stream')
    .send(body);
}

export function registerStudioExportRoutes(app: FastifyInstance, platform: Platform): void {
  for (const prefix of ['/s/:slug/api/studio/export', '/api/studio/export']) {
    app.get(`${prefix}/info`, (req, reply) => serveInfo(platform, req, reply));
    app.get(prefix, (req, reply) => serveExport(platform, req, reply));
  }
}
