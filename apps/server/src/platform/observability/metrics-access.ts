/**
 * Who may read /metrics. In production only the bearer of METRICS_TOKEN: without a token the route is
 * hidden (404). The client address is no credential — behind a proxy on the same machine every request
 * comes from 127.0.0.1 — so there is no "local scraper" exception. Outside production, without a token,
 * metrics are open (development, tests, benchmarks).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config/env.ts';

export type MetricsAccess = 'allowed' | 'unauthorized' | 'hidden';

function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the comparison takes the same time whatever was sent.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function metricsAccess(config: Pick<Config, 'METRICS_TOKEN' | 'isProduction'>, authorization: string | undefined): MetricsAccess {
  if (!config.METRICS_TOKEN) return config.isProduction ? 'hidden' : 'allowed';
  return sameSecret(authorization ?? '', `Bearer ${config.METRICS_TOKEN}`) ? 'allowed' : 'unauthorized';
}
