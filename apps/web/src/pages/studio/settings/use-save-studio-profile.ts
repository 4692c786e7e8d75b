import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/global.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';

/** Saves the profile and refreshes what shows the studio's name and address. */
export function useSaveStudioProfile() {
  const trpc = useTRPC();
  const studioTrpc = useStudioTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    studioTrpc.studio.update.mutationOptions({
      onSuccess: async (updated) => {
        queryClient.setQueryData(studioTrpc.studio.get.queryKey(), updated);
        // The studio switcher and picker list names and slugs from auth.me.
        await queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
      },
    }),
  );
}
