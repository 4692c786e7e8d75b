import { createContext, useContext } from 'react';
import { hostStudioSlug } from '@/app/boot.ts';
import type { RouterOutputs } from '@/lib/trpc/types.ts';

export type PortalStudio = RouterOutputs['portal']['studio'];
export type PortalSession = RouterOutputs['portal']['sessions']['items'][number];
export type PortalSessionDetail = RouterOutputs['portal']['session'];
export type PortalProfile = RouterOutputs['portal']['me'];

export type CurrentPortal = { slug: string; studio: PortalStudio };

export const CurrentPortalContext = createContext<CurrentPortal | null>(null);

/** In-app path of a portal page: `/s/<slug>/portal/<sub>` (path form) or `/portal/<sub>` on the studio's sub-domain. */
export function portalPath(slug: string, subPath = ''): string {
  const rest = subPath.replace(/^\/+|\/+$/g, '');
  const base = hostStudioSlug ? '/portal' : `/s/${encodeURIComponent(slug)}/portal`;
  return rest ? `${base}/${rest}` : base;
}

export function useCurrentPortal() {
  const current = useContext(CurrentPortalContext);
  if (!current) throw new Error('useCurrentPortal must be used inside a portal route');
  return { ...current, pathTo: (subPath = '') => portalPath(current.slug, subPath) };
}
