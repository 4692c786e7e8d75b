/** Periodic housekeeping: expired sessions and old rate-limit windows. */
import type { Platform } from './platform.ts';
import { pruneExpiredSessions } from '../modules/auth/sessions.ts';

export function startMaintenance(platform: Platform, everyMs = 60 * 60 * 1000): () => void {
  const run = () => {
    void Promise.all([pruneExpiredSessions(platform.controlDb), platform.rateLimiter.prune()]).catch((error: unknown) => platform.logger.warn({ err: error }, 'maintenance failed'));
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
