/**
 * Binds a field (studioId, portalClientId) to the request's logger once. All calls of a tRPC batch share one
 * request context: each used to wrap the logger again, so the tenth call of a page logged `studioId` ten
 * times in every line (pino does not merge repeated keys) and paid for nine needless child loggers.
 */
import type { RequestContext } from './context.ts';

const bound = new WeakMap<RequestContext, Map<string, string>>();

export function bindToLog(ctx: RequestContext, key: 'studioId' | 'portalClientId', value: string): void {
  let fields = bound.get(ctx);
  if (!fields) bound.set(ctx, (fields = new Map()));
  if (fields.get(key) === value) return;
  ctx.log = ctx.log.child({ [key]: value });
  fields.set(key, value);
}
