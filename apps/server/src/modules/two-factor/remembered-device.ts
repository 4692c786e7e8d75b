/**
 * "Remember this device for 30 days": a signed, httpOnly cookie `<userId>.<expiry>.<signature>`. The
 * signature covers a fingerprint of the account's password hash and two-factor enrolment, so changing the
 * password, turning 2FA off or enrolling again revokes every remembered device at once, with nothing stored.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';
import { keysOf } from './second-factor.ts';

export const REMEMBER_COOKIE = 'rsm_2fa_device';
export const REMEMBER_TTL_MS = 30 * 24 * 3600 * 1000;

interface Account {
  passwordHash: string | null;
  totpSecret: string | null;
  totpEnabledAt: Date | null;
}

function fingerprint(account: Account): string {
  return createHash('sha256')
    .update(`${account.passwordHash ?? ''}|${account.totpSecret ?? ''}|${account.totpEnabledAt?.toISOString() ?? ''}`)
    .digest('base64url');
}

export function rememberDevice(platform: Platform, userId: string, account: Account): { value: string; expiresAt: Date } {
  const expiresAt = new Date(platform.clock.now().getTime() + REMEMBER_TTL_MS);
  const payload = `${userId}.${expiresAt.getTime()}`;
  return { value: `${payload}.${keysOf(platform).sign(`${payload}.${fingerprint(account)}`)}`, expiresAt };
}

/** Whether `cookie` remembers this browser for `userId` and is still valid for the account as it is now. */
export async function isRememberedDevice(platform: Platform, userId: string, cookie: string | null): Promise<boolean> {
  if (!cookie) return false;
  const [owner, expiry, signature] = cookie.split('.');
  if (owner !== userId || !expiry || !signature || !/^\d+$/.test(expiry) || Number(expiry) <= platform.clock.now().getTime()) return false;
  const [account] = await platform.controlDb
    .select({ passwordHash: control.users.passwordHash, totpSecret: control.users.totpSecret, totpEnabledAt: control.users.totpEnabledAt })
    .from(control.users)
    .where(eq(control.users.id, userId));
  if (!account?.totpEnabledAt) return false;
  const expected = Buffer.from(keysOf(platform).sign(`${owner}.${expiry}.${fingerprint(account)}`));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
