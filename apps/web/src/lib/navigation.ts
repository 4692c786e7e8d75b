import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from './trpc/global.ts';
import { homeForStudios } from './auth.ts';
import { useGoToStudio } from './studio-url.ts';
import { safeNextPath } from './next-path.ts';

export { loginPathFor, safeNextPath } from './next-path.ts';

/**
 * After log-in or sign-up: refresh who we are (the guards read it), then go to
 * the requested page, the only studio, or the studio picker.
 */
export function useContinueAfterLogin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const goToStudio = useGoToStudio();
  return useCallback(
    async (next: string | null) => {
      const me = await queryClient.fetchQuery({ ...trpc.auth.me.queryOptions(), staleTime: 0 });
      const nextPath = safeNextPath(next);
      if (nextPath) return navigate(nextPath, { replace: true });
      const home = homeForStudios(me.studios);
      if (home) return goToStudio(home.slug, home.subPath, { replace: true });
      return navigate('/studios', { replace: true });
    },
    [goToStudio, navigate, queryClient, trpc],
  );
}
