/**
 * GET /api/quote-pdf/:slug/:token — the issued PDF of a quote, for whoever holds its answer link. Same checks
 * and limits as the answer page (public-quote.service.ts); unknown, replaced and foreign tokens are a 404.
 */
import { isSuspended } from '../../plans/standing-guard.ts';
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../platform/platform.ts';
import { fileStorage } from '../../../platform/storage/storage.ts';
import { assertServable } from '../../../platform/tenancy/directory.ts';
import { toAppError } from '../../../trpc/error-mapping.ts';
import { attachmentDisposition } from '../../audio/http-range.ts';
import { studioContextBySlug } from '../../studios/studio-lookup.ts';
import { quotePdfKey } from './public-quote.service.ts';

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
const SLUG = /^[a-z0-9-]{1,63}$/;

export function registerQuotePdfRoute(app: FastifyInstance, platform: Platform): void {
  app.get<{ Params: { slug: string; token: string } }>('/api/quote-pdf/:slug/:token', async (req, reply) => {
    const notValid = () => reply.code(404).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('This link is not valid');
    try {
      const { slug, token } = req.params;
      if (!SLUG.test(slug) || !TOKEN.test(token)) return notValid();
      const studio = await studioContextBySlug(platform, slug);
      if (!studio || isSuspended(studio, platform.clock.now())) return notValid();
      assertServable(studio.location);
      const { key, number } = await platform.directory.withTenant(studio.location, (db) => quotePdfKey(platform, db, req.ip, token));
      void reply
        .type('application/pdf')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', attachmentDisposition(`${number}.pdf`).replace(/^attachment/, 'inline'));
      return reply.send(await fileStorage(platform.config).get(key));
    } catch (error) {
      const appError = toAppError(error);
      if (appError?.code === 'TOKEN_INVALID') return notValid();
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
