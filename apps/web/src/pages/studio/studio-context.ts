import { createContext, useContext } from 'react';
import type { Permission } from '@rsm/shared/roles';
import type { SignedIn } from '@/components/require-user.tsx';
import type { Studio } from '@/lib/trpc/types.ts';
import { studioHref } from '@/lib/studio-url.ts';

export type CurrentStudio = SignedIn & { slug: string; studio: Studio };

export const CurrentStudioContext = createContext<CurrentStudio | null>(null);

/** The studio of the current page, loaded by StudioLayout before any studio page renders. */
export function useCurrentStudio() {
  const current = useContext(CurrentStudioContext);
  if (!current) throw new Error('useCurrentStudio must be used inside a studio route');
  const { studio, slug } = current;
  return {
    ...current,
    /** Only hides controls; the server checks every call on its own. */
    can: (permission: Permission) => studio.permissions.includes(permission),
    /** In-app path of a page of this studio. */
    pathTo: (subPath = '') => studioHref(slug, subPath).href,
  };
}
