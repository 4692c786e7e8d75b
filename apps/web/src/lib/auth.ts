import { useMutation, useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/global.ts';
import type { MyStudio } from '@/lib/trpc/types.ts';

/** Who is logged in and which studios they belong to; null user when logged out. */
export function useMe() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
}

/** Where a freshly logged-in user should land. */
export function homeForStudios(studios: readonly MyStudio[]): { slug: string; subPath: string } | null {
  const [only, ...others] = studios;
  if (!only || others.length > 0) return null;
  return { slug: only.slug, subPath: only.onboarded ? '' : 'onboarding' };
}

export function useLogOut() {
  const trpc = useTRPC();
  return useMutation(
    trpc.auth.logOut.mutationOptions({
      onSuccess: () => {
        // A full page load: nothing of the previous session stays on screen or in memory, and no page of it
        // can race the navigation with its own "log in to continue here" redirect.
        window.location.replace('/login');
      },
    }),
  );
}
