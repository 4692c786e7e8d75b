import { QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@/lib/trpc/app-router.ts';
import { globalApiClient } from '@/lib/trpc/global.ts';
import { hasAppCode, readApiError } from '@/lib/trpc/errors.ts';

/**
 * Retrying only helps when the server was unreachable or busy; a refusal
 * (forbidden, not found, invalid input) will be refused again.
 */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  const { appCode } = readApiError(error);
  return appCode === null || appCode === 'OVERLOADED';
}

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    // A query refused as UNAUTHORIZED means the session ended (expired, logged
    // out elsewhere): mark the visitor as logged out, and the guards send them
    // to log in and back to this page.
    queryCache: new QueryCache({
      onError: (error) => {
        if (!hasAppCode(error, 'UNAUTHORIZED')) return;
        const keys = createTRPCOptionsProxy<AppRouter>({ client: globalApiClient, queryClient });
        queryClient.setQueryData(keys.auth.me.queryKey(), { user: null, studios: [] });
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
  return queryClient;
}

/** The page's one cache: the route loaders prefetch into it, the components read from it. */
export const queryClient = createQueryClient();
