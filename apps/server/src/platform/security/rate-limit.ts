/**
 * Fixed-window rate limits stored in the control database, so every server
 * instance counts the same attempts. Used for anything that can be guessed:
 * log-in, password reset, invitation and (later) portal codes.
 */
import { sql } from 'drizzle-orm';
import { AppError } from '../errors.ts';
import type { ControlDb } from '../postgres/control-db.ts';

export interface RateRule {
  /** What is limited, e.g. `login:ip:1.2.3.4`. */
  key: string;
  limit: number;
  windowSeconds: number;
}

export class RateLimiter {
  constructor(private readonly db: ControlDb) {}

  /** Count one attempt against every rule; throws RATE_LIMITED if any rule is exceeded. */
  async hit(rules: RateRule[]): Promise<void> {
    const now = Date.now();
    const windows = rules.map((r) => new Date(Math.floor(now / (r.windowSeconds * 1000)) * r.windowSeconds * 1000));
    const rows = await this.db.execute<{ key: string; count: number }>(sql`
      INSERT INTO rate_limits (key, window_start, count)
      SELECT k, w, 1 FROM unnest(${sql.param(rules.map((r) => r.key))}::text[], ${sql.param(windows.map((w) => w.toISOString()))}::timestamptz[]) AS t(k, w)
      ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1
      RETURNING key, count`);
    let retryAfter = 0;
    for (const row of rows.rows) {
      const index = rules.findIndex((r) => r.key === row.key);
      const rule = rules[index];
      const window = windows[index];
      if (!rule || !window || row.count <= rule.limit) continue;
      retryAfter = Math.max(retryAfter, Math.ceil((window.getTime() + rule.windowSeconds * 1000 - now) / 1000));
    }
    if (retryAfter > 0) {
      throw new AppError('RATE_LIMITED', `Too many attempts. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`, {
        retryAfterSeconds: retryAfter,
        retryAfterMinutes: Math.ceil(retryAfter / 60),
      });
    }
  }

  /** Forget old windows; called periodically. */
  async prune(olderThanSeconds = 24 * 3600): Promise<void> {
    await this.db.execute(sql`DELETE FROM rate_limits WHERE window_start < now() - make_interval(secs => ${olderThanSeconds})`);
  }
}

export const LOGIN_LIMITS = (ip: string, email: string): RateRule[] => [
  { key: `login:ip:${ip}`, limit: 30, windowSeconds: 15 * 60 },
  { key: `login:account:${email}`, limit: 10, windowSeconds: 15 * 60 },
];

export const RESET_LIMITS = (ip: string, email: string): RateRule[] => [
  { key: `reset:ip:${ip}`, limit: 10, windowSeconds: 60 * 60 },
  { key: `reset:account:${email}`, limit: 3, windowSeconds: 60 * 60 },
];

export const SIGNUP_LIMITS = (ip: string): RateRule[] => [{ key: `signup:ip:${ip}`, limit: 20, windowSeconds: 60 * 60 }];

/** Two-factor codes: 10⁶ possible codes, so few tries per account; per IP for one address trying many accounts. */
export const TWO_FACTOR_LIMITS = (ip: string, userId: string): RateRule[] => [
  { key: `2fa:ip:${ip}`, limit: 30, windowSeconds: 15 * 60 },
  { key: `2fa:account:${userId}`, limit: 10, windowSeconds: 15 * 60 },
];

export const TOKEN_LIMITS = (ip: string, purpose: string): RateRule[] => [{ key: `${purpose}:ip:${ip}`, limit: 30, windowSeconds: 15 * 60 }];
