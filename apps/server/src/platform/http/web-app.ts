/**
 * Serves the built web app: hashed assets from disk (cached for a year as immutable, sent as the
 * brotli or gzip copy the build wrote beside each one when the browser accepts it), and index.html for
 * every page route (revalidated on each visit), with the studio resolved from the host injected for the
 * page (script with a CSP nonce).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/env.ts';
import { resolveStudioSlug, studioSlugFromHost } from './origins.ts';
import { redirectIfMoved } from './studio-moved.ts';
import type { SecurityHeaders } from './security-headers.ts';

// Defined only by the production build (scripts/build-server.ts): compiled, this module sits in apps/server/dist.
declare const __RSM_BUNDLED__: boolean | undefined;
const DEFAULT_DIST = resolve(dirname(fileURLToPath(import.meta.url)), typeof __RSM_BUNDLED__ === 'undefined' ? '../../../..' : '../..', 'web/dist');
const API_PREFIXES = ['/trpc', '/healthz', '/readyz', '/metrics', '/api/', '/ical/', '/__test__/'];

function withVary(current: unknown, header: string): string {
  const values =
    current === undefined
      ? []
      : String(current)
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean);
  return values.some((v) => v.toLowerCase() === header.toLowerCase()) ? values.join(', ') : [...values, header].join(', ');
}

/** The current address of the studio that has or had `slug` (null: no studio ever had it). */
export type CurrentSlugOf = (slug: string) => Promise<string | null>;

export async function registerWebApp(app: FastifyInstance, config: Config, security: SecurityHeaders, currentSlugOf: CurrentSlugOf): Promise<void> {
  const dist = resolve(config.WEB_DIST_DIR ?? DEFAULT_DIST);
  const indexFile = join(dist, 'index.html');
  if (!existsSync(indexFile)) {
    app.log.warn({ dist }, 'web app not built: run `npm run build` (npm start does it)');
    app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: 'Not found' }));
    return;
  }
  const indexHtml = readFileSync(indexFile, 'utf8');
  await app.register(fastifyStatic, {
    root: join(dist, 'assets'),
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    index: false,
    preCompressed: true,
  });
  // The body depends on Accept-Encoding: a shared cache must not hand a brotli body to a client that did not ask for it.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/assets/')) reply.header('vary', withVary(reply.getHeader('vary'), 'Accept-Encoding'));
    return payload;
  });
  for (const file of ['favicon.svg', 'robots.txt']) {
    if (existsSync(join(dist, file)))
      app.get(`/${file}`, (req, reply) => reply.type(file.endsWith('.svg') ? 'image/svg+xml' : 'text/plain').send(readFileSync(join(dist, file))));
  }
  app.setNotFoundHandler(async (req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    const isPage = req.method === 'GET' && !API_PREFIXES.some((p) => path.startsWith(p)) && !/\/trpc(\/|$)/.test(path) && !path.startsWith('/assets/');
    if (!isPage) return reply.code(404).send({ error: 'Not found' });
    // A page under a studio's old address (a bookmark, a link in an old mail) opens at its current one.
    const { slug } = resolveStudioSlug(req.headers.host, path, config.BASE_DOMAIN);
    const current = slug ? await currentSlugOf(slug) : null;
    if (slug && current && redirectIfMoved(req, reply, slug, current, config.BASE_DOMAIN)) return reply;
    // The page's policy has a nonce in script-src and style-src; the page's UI library injects <style> tags with the style one.
    const { policy, nonces } = security.pagePolicy();
    reply.raw.setHeader('content-security-policy', policy);
    const boot = JSON.stringify({ hostStudioSlug: studioSlugFromHost(req.headers.host, config.BASE_DOMAIN), styleNonce: nonces.style }).replace(
      /</g,
      '\\u003c',
    );
    const html = indexHtml.replace('</head>', `<script nonce="${nonces.script}">window.__RSM__=${boot}</script></head>`);
    return reply.code(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
}
