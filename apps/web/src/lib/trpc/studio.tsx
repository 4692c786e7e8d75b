import type { ReactNode } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createTRPCContext, createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
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

const clients = new Map<string, ReturnType<typeof createApiClient>>();

/** One client per studio for the page's life: the route prefetches and the components' queries share its batches. */
function studioApiClient(slug: string) {
  let client = clients.get(slug);
  if (!client) clients.set(slug, (client = createApiClient(studioApiUrl(slug))));
  return client;
}

/** The first part of every query key of this studio (the live updates invalidate by it). */
export function studioKeyPrefix(slug: string): string {
  return `studio:${slug}`;
}

/** The same query options and keys as `useStudioTRPC()`, outside React (route loaders that prefetch). */
export function studioQueryOptions(slug: string, queryClient: QueryClient) {
  return createTRPCOptionsProxy<AppRouter, { keyPrefix: true }>({ client: studioApiClient(slug), queryClient, keyPrefix: studioKeyPrefix(slug) });
}

export function StudioTRPCProvider({ slug, children }: { slug: string; children: ReactNode }) {
  const queryClient = useQueryClient();
  return (
    <studioContext.TRPCProvider trpcClient={studioApiClient(slug)} queryClient={queryClient} keyPrefix={studioKeyPrefix(slug)}>
      {children}
    </studioContext.TRPCProvider>
  );
}
