import { useMemo, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from './app-router.ts';
import { createApiClient } from './global.ts';
import { hostStudioSlug } from '@/app/boot.ts';

/**
 * Studio procedures go to the studio's own endpoint: the server resolves the
 * studio from the URL and checks membership. Query keys carry the slug as a
 * prefix so two studios never share cached data in one QueryClient.
 */
const studioContext = createTRPCContext<AppRouter, { keyPrefix: true }>();
export const useStudioTRPC = studioContext.useTRPC;

export function studioApiUrl(slug: string): string {
  return hostStudioSlug ? '/trpc' : `/s/${encodeURIComponent(slug)}/trpc`;
}

export function StudioTRPCProvider({ slug, children }: { slug: string; children: ReactNode }) {
  const queryClient = useQueryClient();
  const client = useMemo(() => createApiClient(studioApiUrl(slug)), [slug]);
  return (
    <studioContext.TRPCProvider trpcClient={client} queryClient={queryClient} keyPrefix={`studio:${slug}`}>
      {children}
    </studioContext.TRPCProvider>
  );
}
