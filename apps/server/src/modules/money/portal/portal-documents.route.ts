/**
 * GET /api/portal-documents/:slug/:id — the PDF of an issued money document, for the client logged in to that
 * studio's portal (its portal cookie, looked up in that studio's database). Only that client's (and their
 * companies') issued documents; another client's, another studio's, a draft and an unknown id all answer the
 * same 404. Rate-limited per address: ids are not guessable, but nothing that answers "exists or not" is free.
 */
import { isSuspended } from '../../plans/standing-guard.ts';
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../platform/platform.ts';
import type { RateRule } from '../../../platform/security/rate-limit.ts';
import { assertServable } from '../../../platform/tenancy/directory.ts';
import { fileStorage } from '../../../platform/storage/storage.ts';
import { keyBelongsToStudio } from '../../../platform/storage/keys.ts';
import { toAppError } from '../../../trpc/error-mapping.ts';
import { studioContextBySlug } from '../../studios/studio-lookup.ts';
import { findPortalSession, portalCookieName } from '../../portal/portal-auth.service.ts';
import { attachmentDisposition } from '../../audio/http-range.ts';
import { portalClientIds, portalDocumentPdf } from './portal-money.service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LIMITS = (ip: string): RateRule[] => [{ key: `portal-pdf:ip:${ip}`, limit: 120, windowSeconds: 60 }];

export function registerPortalDocumentRoutes(app: FastifyInstance, platform: Platform): void {
  app.get<{ Params: { slug: string; id: string } }>('/api/portal-documents/:slug/:id', async (req, reply) => {
    const refuse = (status: number, message: string) => reply.code(status).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(message);
    try {
      const { slug, id } = req.params;
      if (!UUID.test(id) || !/^[a-z0-9-]{1,63}$/.test(slug)) return refuse(404, 'Not found');
      await platform.rateLimiter.hit(LIMITS(req.ip));
      const studio = await studioContextBySlug(platform, slug);
      if (!studio || isSuspended(studio, platform.clock.now())) return refuse(404, 'Not found');
      assertServable(studio.location);
      const token = req.cookies[portalCookieName(studio.id)];
      if (!token || token.length > 200) return refuse(401, 'Please log in to the portal');
      const found = await platform.directory.withTenant(studio.location, async (db) => {
        const session = await findPortalSession(db, token, platform.clock.now());
        if (!session) return 'unauthorized' as const;
        return portalDocumentPdf(db, await portalClientIds(db, session.clientId), id);
      });
      if (found === 'unauthorized') return refuse(401, 'Please log in to the portal');
      if (!found || !keyBelongsToStudio(found.key, studio.id)) return refuse(404, 'Not found');
      void reply
        .code(200)
        .header('content-type', 'application/pdf')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', attachmentDisposition(`${found.number.replace(/[^\w.-]+/g, '-')}.pdf`));
      return reply.send(await fileStorage(platform.config).get(found.key));
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
