/**
 * The studio's logo for its public booking page, as an image (an <img> cannot call tRPC):
 * `/s/<slug>/public/logo` and `/public/logo` on the studio's sub-domain. Served only while the page is
 * enabled, with the type sniffed at upload, nosniff, and a cache the `?v=` version in the URL busts.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { control } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';
import { studioSlugFromHost } from '../../platform/http/origins.ts';
import { assertServable } from '../../platform/tenancy/directory.ts';
import { publicLogo } from './booking-page-settings.service.ts';

async function serveLogo(platform: Platform, slug: string | null, reply: FastifyReply) {
  const notFound = () => reply.code(404).header('cache-control', 'no-store').type('text/plain').send('Not found');
  if (!slug) return notFound();
  const [row] = await platform.controlDb
    .select({ location: control.tenantDatabases })
    .from(control.studios)
    .innerJoin(control.tenantDatabases, eq(control.tenantDatabases.studioId, control.studios.id))
    .where(eq(control.studios.slug, slug))
    .limit(1);
  if (!row) return notFound();
  assertServable(row.location);
  const logo = await platform.directory.withTenant(row.location, (db) => publicLogo(db));
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
  app.get<{ Params: { slug: string } }>('/s/:slug/public/logo', (req, reply) => serveLogo(platform, req.params.slug, reply));
  app.get('/public/logo', (req: FastifyRequest, reply) => serveLogo(platform, studioSlugFromHost(req.headers.host, platform.config.BASE_DOMAIN), reply));
}
