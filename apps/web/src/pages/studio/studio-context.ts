import { createContext, useContext } from 'react';
import type { Permission } from '@rsm/shared/roles';
import type { SignedIn } from '@/components/require-user.tsx';
import type { Studio } from '@/lib/trpc/types.ts';
import { studioHref } from '@/lib/studio-url.ts';

/** Permissions that only ever allow changes (reads and exports have their own). */
const CHANGE_ONLY = (permission: Permission) => permission.endsWith(':write') || permission === 'clients:erase' || permission === 'security:manage';

export type CurrentStudio = SignedIn & { slug: string; studio: Studio };

export const CurrentStudioContext = createContext<CurrentStudio | null>(null);

/** The studio of the current page, loaded by StudioLayout before any studio page renders. */
export function useCurrentStudio() {
  const current = useContext(CurrentStudioContext);
  if (!current) throw new Error('useCurrentStudio must be used inside a studio route');
  const { studio, slug } = current;
  return {
    ...current,
    /**
     * Only hides controls; the server checks every call on its own. A read-only studio (trial or subscription
     * ended, issue 12.2) loses every change-only permission: its pages show what there is, without the ways to change it.
     */
    can: (permission: Permission) => studio.permissions.includes(permission) && !(studio.standing === 'read_only' && CHANGE_ONLY(permission)),
    /** Read-only (nothing can be created or changed until a plan is chosen). */
    readOnly: studio.standing === 'read_only',
    /** In-app path of a page of this studio. */
    pathTo: (subPath = '') => studioHref(slug, subPath).href,
  };
}
