import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { hostStudioSlug } from '@/app/boot.ts';

export type StudioHref = { href: string; /** true when the studio lives on another sub-domain */ external: boolean };

function trimSlashes(subPath: string): string {
  return subPath.replace(/^\/+|\/+$/g, '');
}

/**
 * The address of a studio page. Path form: `/s/<slug>/<subPath>`. On a studio
 * sub-domain the studio is the host, so its pages sit at `/<subPath>`, and any
 * other studio is on its own sub-domain (a full page load, new origin).
 */
export function studioHref(slug: string, subPath = ''): StudioHref {
  const rest = trimSlashes(subPath);
  if (!hostStudioSlug) return { href: `/s/${encodeURIComponent(slug)}${rest ? `/${rest}` : ''}`, external: false };
  if (slug === hostStudioSlug) return { href: `/${rest}`, external: false };
  const { protocol, hostname, port } = window.location;
  const baseDomain = hostname.slice(hostStudioSlug.length + 1);
  return { href: `${protocol}//${slug}.${baseDomain}${port ? `:${port}` : ''}/${rest}`, external: true };
}

/** Navigate to a studio page, switching origin when it lives on another sub-domain. */
export function useGoToStudio() {
  const navigate = useNavigate();
  return useCallback(
    async (slug: string, subPath = '', options: { replace?: boolean } = {}) => {
      const target = studioHref(slug, subPath);
      if (target.external) window.location.assign(target.href);
      else await navigate(target.href, options);
    },
    [navigate],
  );
}

/** The studio's public address as people will see it, for the live preview while choosing a slug. */
export function studioAddressPreview(slug: string): string {
  const { host, hostname, port } = window.location;
  if (!hostStudioSlug) return `${host}/s/${slug}`;
  const baseDomain = hostname.slice(hostStudioSlug.length + 1);
  return `${slug}.${baseDomain}${port ? `:${port}` : ''}`;
}
