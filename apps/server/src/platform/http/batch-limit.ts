/**
 * Refuses a tRPC batch of more than MAX_BATCH_SIZE calls before anything else runs for it (no session lookup,
 * no tenant connection, no procedure): a batch names its procedures in one path segment, "a.b,c.d,…", with
 * `batch=1` in the query string. tRPC's own `maxBatchSize` is set too, but it answers only after creating the
 * request context.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MAX_BATCH_SIZE } from '@rsm/shared/api-limits';

/** How many calls the request batches (1 for a plain call). */
export function batchedCalls(url: string): number {
  const [path = '', query = ''] = url.split('?', 2);
  if (!new URLSearchParams(query).has('batch')) return 1;
  const procedures = path.slice(path.lastIndexOf('/') + 1);
  let count = 1;
  for (const ch of procedures) if (ch === ',') count++;
  return count;
}

/** Fastify `onRequest` hook for the tRPC routes. */
export function refuseLargeBatches(req: FastifyRequest, reply: FastifyReply, done: () => void): void {
  const calls = batchedCalls(req.url);
  if (calls <= MAX_BATCH_SIZE) {
    done();
    return;
  }
  void reply.code(413).send({
    error: {
      code: 'BATCH_TOO_LARGE',
      message: `A request may batch at most ${MAX_BATCH_SIZE} API calls; this one has ${calls}. Send them in several requests.`,
    },
  });
}
