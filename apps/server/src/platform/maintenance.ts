/** Periodic housekeeping: expired sessions and sign-in challenges, old rate-limit windows. */
import type { Platform } from './platform.ts';
import { pruneExpiredSessions } from '../modules/auth/sessions.ts';
import { pruneExpiredChallenges } from '../modules/two-factor/sign-in.service.ts';

export function startMaintenance(platform: Platform, everyMs = 60 * 60 * 1000): () => void {
  const run = () => {
    void Promise.all([pruneExpiredSessions(platform.controlDb), pruneExpiredChallenges(platform), platform.rateLimiter.prune()]).catch((error: unknown) =>
      platform.logger.warn({ err: error }, 'maintenance failed'),
    );
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
