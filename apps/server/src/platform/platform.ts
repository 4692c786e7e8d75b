/**
 * What a service needs from the platform besides a tenant handle. Built once
 * from the runtime and passed to services by the router, jobs and CLIs alike.
 */
import type { Config } from '../config/env.ts';
import type { Logger } from './observability/logger.ts';
import type { ControlDb } from './postgres/control-db.ts';
import type { Clusters } from './postgres/clusters.ts';
import type { TenantDirectory } from './tenancy/directory.ts';
import type { Mailer } from './mail/mailer.ts';
import { RateLimiter } from './security/rate-limit.ts';
import type { Runtime } from './runtime.ts';
import type { ControlCache } from './tenancy/control-cache.ts';
import type { JobScheduler } from './jobs/job-runner.ts';
import type { LiveHub } from './live/live-hub.ts';

export interface Platform {
  config: Config;
  logger: Logger;
  controlDb: ControlDb;
  clusters: Clusters;
  directory: TenantDirectory;
  mailer: Mailer;
  rateLimiter: RateLimiter;
  jobs: JobScheduler;
  controlCache: ControlCache;
  /** Live notices to the studio's open pages: publish after a change commits (live-hub.ts). */
  live: LiveHub;
  /** The time for business rules (hold expiry, reminders); tests move it. */
  clock: { now(): Date };
  isOperatorEmail(email: string): boolean;
}

export function platformFromRuntime(runtime: Runtime): Platform {
  const operators = new Set(runtime.config.OPERATOR_EMAILS.map((e) => e.toLowerCase()));
  return {
    config: runtime.config,
    logger: runtime.logger,
    controlDb: runtime.control.db,
    clusters: runtime.clusters,
    directory: runtime.directory,
    mailer: runtime.mailer,
    rateLimiter: new RateLimiter(runtime.control.db),
    jobs: runtime.jobs,
    controlCache: runtime.controlCache,
    live: runtime.live,
    clock: { now: () => new Date() },
    isOperatorEmail: (email) => operators.has(email.toLowerCase()),
  };
}
