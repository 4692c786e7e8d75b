/**
 * Old studio addresses (ADR 0014): a request that names a studio by an address it had before a rename is
 * sent to the same place under its current address with a 308 (method and body kept, cached by browsers
 * and search engines as permanent).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { studioSlugFromHost, studioSlugFromPath } from './origins.ts';

/**
 * Where the same request lives under the studio's current address: the path form's `/s/<slug>` segment or
 * the sub-domain's label replaced, everything else (path, query) kept. Null when nothing names `from`.
 */
export function movedLocation(
  req: { url: string; host: string | undefined; protocol: string },
  from: string,
  to: string,
  baseDomain: string | undefined,
): string | null {
  const [path = '/', query] = req.url.split(/\?(.*)/s);
  const suffix = query === undefined ? '' : `?${query}`;
  if (studioSlugFromPath(path) === from) return `/s/${to}${path.slice(`/s/${from}`.length)}${suffix}`;
  if (baseDomain && studioSlugFromHost(req.host, baseDomain) === from) {
    // The host matched `<slug>.<BASE_DOMAIN>` whole, so a port, if any, is part of BASE_DOMAIN.
    return `${req.protocol}://${to}.${baseDomain}${path}${suffix}`;
  }
  return null;
}

/** Answers 308 when `current` differs from the address the request used; true when it did. */
export function redirectIfMoved(req: FastifyRequest, reply: FastifyReply, requested: string, current: string, baseDomain: string | undefined): boolean {
  if (requested === current) return false;
  const location = movedLocation({ url: req.url, host: req.headers.host, protocol: req.protocol }, requested, current, baseDomain);
  if (!location) return false;
  void reply.code(308).header('location', location).header('cache-control', 'no-store').send();
  return true;
}
