/**
 * Work that must not show in a request's answer. It starts after the current request has answered, so
 * neither how long it takes nor whether it fails can be read from the answer: asking for a password reset
 * or a portal log-in link then looks the same for an address with an account and one without.
 *
 * Pending pieces are kept so tests (and a shutdown) can wait for them.
 */
import type { Logger } from './observability/logger.ts';

export const pendingAfterResponse = new Set<Promise<void>>();

export function runAfterResponse(logger: Logger, what: string, work: () => Promise<void>): void {
  // setImmediate: the caller's promise chain (and the reply it writes) goes first.
  const promise = new Promise<void>((resolve) => setImmediate(resolve))
    .then(work)
    .catch((err: unknown) => logger.error({ err, what }, 'work after the answer failed'))
    .finally(() => pendingAfterResponse.delete(promise));
  pendingAfterResponse.add(promise);
}

/** Resolves once every pending piece (and any piece they started) has finished. */
export async function settleAfterResponse(): Promise<void> {
  while (pendingAfterResponse.size > 0) await Promise.all([...pendingAfterResponse]);
}
