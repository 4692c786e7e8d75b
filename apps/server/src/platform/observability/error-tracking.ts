/**
 * Error reports to Sentry, only when SENTRY_DSN is set: without it the SDK is not even loaded, and
 * `reportError` returns at once. Reported: unhandled exceptions and rejections (the SDK's process handlers),
 * 500s of the API and of the other routes, failed jobs and outbox work — each tagged with ids saying where
 * (request id, studio id, procedure or job) and never who: see sentry-scrub.ts for what is dropped.
 *
 * Errors only, no tracing: the SDK's OpenTelemetry set-up and its automatic instrumentations would cost CPU
 * on every request of a server tuned for CPU per request, for data we do not use.
 */
import type * as SentryModule from '@sentry/node';
import type { Config } from '../../config/env.ts';
import { scrubError } from './log-scrub.ts';
import { scrubEvent } from './sentry-scrub.ts';

export interface ErrorTags {
  requestId?: string;
  studioId?: string | null;
  procedure?: string;
  route?: string;
  method?: string;
  job?: string;
  outboxKind?: string;
  source: 'trpc' | 'route' | 'job' | 'outbox' | 'process';
}

let sentry: typeof SentryModule | null = null;

type TrackingConfig = Pick<Config, 'SENTRY_DSN' | 'SENTRY_ENVIRONMENT' | 'SENTRY_RELEASE' | 'NODE_ENV'>;

/** Starts error tracking if a DSN is configured; returns whether it did. */
export async function initErrorTracking(config: TrackingConfig): Promise<boolean> {
  if (!config.SENTRY_DSN || sentry) return sentry !== null;
  const Sentry = await import('@sentry/node');
  Sentry.initWithoutDefaultIntegrations({
    dsn: config.SENTRY_DSN,
    environment: config.SENTRY_ENVIRONMENT ?? config.NODE_ENV,
    ...(config.SENTRY_RELEASE ? { release: config.SENTRY_RELEASE } : {}),
    sendDefaultPii: false,
    skipOpenTelemetrySetup: true,
    maxBreadcrumbs: 0,
    integrations: [
      Sentry.inboundFiltersIntegration(),
      Sentry.linkedErrorsIntegration(),
      Sentry.dedupeIntegration(),
      Sentry.onUncaughtExceptionIntegration(),
      Sentry.onUnhandledRejectionIntegration({ mode: 'warn' }),
    ],
    beforeSend: scrubEvent,
    beforeBreadcrumb: () => null,
  });
  sentry = Sentry;
  return true;
}

export function errorTrackingEnabled(): boolean {
  return sentry !== null;
}

/** Reports an unexpected error (a bug). Query values are removed from the error before it leaves. */
export function reportError(error: unknown, tags: ErrorTags): void {
  if (!sentry) return;
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) if (typeof value === 'string' && value) clean[key] = value;
  sentry.captureException(error instanceof Error ? scrubError(error) : new Error(String(error)), { tags: clean });
}

/** Sends what is queued (at shutdown, and in tests). */
export async function flushErrorTracking(timeoutMs = 2_000): Promise<void> {
  if (sentry) await sentry.flush(timeoutMs);
}

/** Stops reporting (tests switch between configurations in one process). */
export async function closeErrorTracking(): Promise<void> {
  if (!sentry) return;
  await sentry.close(2_000);
  sentry = null;
}
