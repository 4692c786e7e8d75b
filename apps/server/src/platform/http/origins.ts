/**
 * Which browser origins may call the API with credentials. A studio's pages
 * live on `https://<studio>.<BASE_DOMAIN>`, so every such origin must pass —
 * the earlier build of this product broke production by rejecting them.
 * Plain http is accepted only in development.
 */
import type { Config } from '../../config/env.ts';

export type OriginConfig = Pick<Config, 'APP_URL' | 'BASE_DOMAIN' | 'NODE_ENV' | 'CORS_EXTRA_ORIGINS'>;

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function isAllowedOrigin(origin: string, config: OriginConfig): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin.replace(/\/$/, '')) return false; // paths, credentials or odd forms are not origins
  if (config.CORS_EXTRA_ORIGINS.includes(url.origin)) return true;
  if (url.origin === new URL(config.APP_URL).origin) return true;
  const httpAllowed = config.NODE_ENV === 'development';
  if (url.protocol !== 'https:' && !(httpAllowed && url.protocol === 'http:')) return false;
  if (!config.BASE_DOMAIN) return false;
  const base = config.BASE_DOMAIN.toLowerCase();
  const host = url.host.toLowerCase();
  if (host === base) return true;
  if (!host.endsWith(`.${base}`)) return false;
  const label = host.slice(0, -(base.length + 1));
  return LABEL.test(label); // exactly one label: no "evil.com.studio" tricks, no nested sub-domains
}

/** `<slug>.<BASE_DOMAIN>` → slug; anything else → null. */
export function studioSlugFromHost(hostHeader: string | undefined, baseDomain: string | undefined): string | null {
  if (!hostHeader || !baseDomain) return null;
  const host = hostHeader.toLowerCase();
  const base = baseDomain.toLowerCase();
  if (!host.endsWith(`.${base}`)) return null;
  const label = host.slice(0, -(base.length + 1));
  return LABEL.test(label) && label !== 'www' ? label : null;
}

/** `/s/<slug>/…` → slug; anything else → null. */
export function studioSlugFromPath(path: string): string | null {
  const match = /^\/s\/([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\/|$)/.exec(path);
  return match?.[1] ?? null;
}

/**
 * The studio a request addresses. When both forms are present they must agree;
 * a disagreement is refused (null), never settled in favour of either.
 */
export function resolveStudioSlug(hostHeader: string | undefined, path: string, baseDomain: string | undefined): { slug: string | null; conflict: boolean } {
  const fromHost = studioSlugFromHost(hostHeader, baseDomain);
  const fromPath = studioSlugFromPath(path);
  if (fromHost && fromPath && fromHost !== fromPath) return { slug: null, conflict: true };
  return { slug: fromPath ?? fromHost, conflict: false };
}
