import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { MAX_BATCH_SIZE } from '@rsm/shared/api-limits';
import type { AppRouter } from './app-router.ts';
import { tabId } from '../live/tab-id.ts';

/**
 * Global procedures (auth, invitations, operator) go to `/trpc`. On a studio
 * sub-domain the same endpoint also resolves the studio from the Host.
 */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function createApiClient(url: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url,
        // The server refuses larger batches (413); more queries at once go in several requests.
        maxItems: MAX_BATCH_SIZE,
        // The session is an HTTP-only cookie on this origin; never send it elsewhere.
        fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }),
        // Which tab made a change: its own live notice is not sent back to it (lib/live).
        headers: { 'x-rsm-tab': tabId },
      }),
    ],
  });
}

export const globalApiClient = createApiClient('/trpc');
