/**
 * The studio's logo for its public booking page, as an image (an <img> cannot call tRPC):
 * `/s/<slug>/public/logo` and `/public/logo` on the studio's sub-domain. Served only while the page is
 * enabled, with the type sniffed at upload, nosniff, and a cache the `?v=` version in the URL busts.
 */
import { isSuspended } from '../plans/standing-guard.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { studioSlugFromHost } from '../../platform/http/origins.ts';
import { redirectIfMoved } from '../../platform/http/studio-moved.ts';
import { assertServable } from '../../platform/tenancy/directory.ts';
import { publicLogo } from './booking-page-settings.service.ts';
import { studioContextBySlug } from '../studios/studio-lookup.ts';

async function serveLogo(platform: Platform, slug: string | null, req: FastifyRequest, reply: FastifyReply) {
  const notFound = () => reply.code(404).header('cache-control', 'no-store').type('text/plain').send('Not found');
  if (!slug) return notFound();
  const studio = await studioContextBySlug(platform, slug);
  if (!studio || isSuspended(studio, platform.clock.now())) return notFound();
  if (redirectIfMoved(req, reply, slug, studio.slug, platform.config.BASE_DOMAIN)) return reply;
  assertServable(studio.location);
  const logo = await platform.directory.withTenant(studio.location, (db) => publicLogo(db));
  if (!logo) return notFound();
  return reply
    .type(logo.mime)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'public, max-age=3600')
    .header('etag', `"${logo.version}"`)
    .header('content-disposition', 'inline; filename="logo"')
    .send(logo.bytes);
}

export function registerPublicBookingRoutes(app: FastifyInstance, platform: Platform): void {
  app.get<{ Params: { slug: string } }>('/s/:slug/public/logo', (req, reply) => serveLogo(platform, req.params.slug, req, reply));
  app.get('/public/logo', (req: FastifyRequest, reply) => serveLogo(platform, studioSlugFromHost(req.headers.host, platform.config.BASE_DOMAIN), req, reply));
}
