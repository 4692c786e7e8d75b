/**
 * Checking a second factor of an enrolled account: a TOTP code (current step ± 1, never a step already
 * used) or a backup code. Every check counts against TWO_FACTOR_LIMITS first, so the 10⁶ codes cannot be tried.
 */
import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { control } from '@rsm/db';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { ControlDb, ControlTx } from '../../platform/postgres/control-db.ts';
import { TWO_FACTOR_LIMITS } from '../../platform/security/rate-limit.ts';
import { matchTotp } from '../../platform/security/totp.ts';
import { twoFactorKeys, type TwoFactorKeys } from '../../platform/security/two-factor-keys.ts';
import { looksLikeBackupCode, spendBackupCode } from './backup-codes.ts';

export const invalidCode = () => new AppError('TWO_FACTOR_CODE_INVALID', 'This code is wrong, expired or already used');

export function keysOf(platform: Pick<Platform, 'config' | 'logger'>): TwoFactorKeys {
  return twoFactorKeys(platform.config, platform.logger);
}

/**
 * Accepts `secret`'s code for the user and records its step in the same statement, on the condition that
 * no later-or-equal step was recorded meanwhile: of two requests racing with one code, one wins.
 */
export async function acceptTotp(
  db: ControlDb | ControlTx,
  nowMs: number,
  userId: string,
  secret: Buffer,
  code: string,
  lastStep: number | null,
  activate = false,
): Promise<boolean> {
  const step = matchTotp(secret, code, nowMs, lastStep);
  if (step === null) return false;
  const set = activate ? { totpLastStep: step, totpEnabledAt: new Date(), updatedAt: new Date() } : { totpLastStep: step };
  const updated = await db
    .update(control.users)
    .set(set)
    .where(and(eq(control.users.id, userId), or(isNull(control.users.totpLastStep), lt(control.users.totpLastStep, step))))
    .returning({ id: control.users.id });
  return updated.length > 0;
}

/** Throws TWO_FACTOR_CODE_INVALID unless `code` is a valid TOTP or an unused backup code of this enrolled user. */
export async function verifySecondFactor(platform: Platform, userId: string, code: string, ip: string): Promise<'totp' | 'backup'> {
  await platform.rateLimiter.hit(TWO_FACTOR_LIMITS(ip, userId));
  const [user] = await platform.controlDb
    .select({ secret: control.users.totpSecret, lastStep: control.users.totpLastStep })
    .from(control.users)
    .where(and(eq(control.users.id, userId), isNotNull(control.users.totpEnabledAt)))
    .limit(1);
  if (!user?.secret) throw invalidCode();
  const keys = keysOf(platform);
  const typed = code.trim();
  if (/^\d{6}$/.test(typed)) {
    if (await acceptTotp(platform.controlDb, platform.clock.now().getTime(), userId, keys.decrypt(user.secret), typed, user.lastStep)) return 'totp';
  } else if (looksLikeBackupCode(typed) && (await spendBackupCode(platform.controlDb, keys, userId, typed))) {
    return 'backup';
  }
  throw invalidCode();
}
