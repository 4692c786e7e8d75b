import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/global.ts';
import { useGoToStudio } from '@/lib/studio-url.ts';
import type { RouterInputs } from '@/lib/trpc/types.ts';

type AcceptInput = RouterInputs['invitations']['accept'];

/** Accepts, refreshes who we are (new membership, maybe a new session), and opens the studio. */
export function useAcceptInvitation() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const goToStudio = useGoToStudio();
  const accept = useMutation(trpc.invitations.accept.mutationOptions());
  return async (input: AcceptInput) => {
    const { studioSlug } = await accept.mutateAsync(input);
    await queryClient.fetchQuery({ ...trpc.auth.me.queryOptions(), staleTime: 0 });
    await goToStudio(studioSlug, '', { replace: true });
  };
}
