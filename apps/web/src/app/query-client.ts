import { QueryClient } from '@tanstack/react-query';
import { readApiError } from '@/lib/trpc/errors.ts';

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
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
