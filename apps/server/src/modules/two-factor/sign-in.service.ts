/**
 * The second step of signing in: a password accepted for an account with 2FA gives a short-lived challenge
 * (not a session: it opens nothing), which a TOTP or backup code turns into a session.
 */
import { and, eq, gt, lt } from 'drizzle-orm';
import { control } from '@rsm/db';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { hashToken, newToken } from '../../platform/security/tokens.ts';
import { createSession } from '../auth/sessions.ts';
import { rememberDevice } from './remembered-device.ts';
import { verifySecondFactor } from './second-factor.ts';

export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

export async function startChallenge(platform: Platform, userId: string): Promise<{ challenge: string; expiresAt: Date }> {
  const challenge = newToken();
  const expiresAt = new Date(Date.now() + CHALLENGE_TTL_MS);
  await platform.controlDb.insert(control.loginChallenges).values({ tokenHash: hashToken(challenge), userId, expiresAt });
  return { challenge, expiresAt };
}

const expired = () => new AppError('TOKEN_INVALID', 'This sign-in has expired. Please enter your password again.');

export interface CompletedSignIn {
  userId: string;
  session: { token: string; expiresAt: Date };
  device: { value: string; expiresAt: Date } | null;
}

export async function completeChallenge(
  platform: Platform,
  input: { challenge: string; code: string; rememberDevice: boolean },
  meta: { ip: string; userAgent: string | null },
): Promise<CompletedSignIn> {
  // Challenges are 256-bit random: this limit is for a client hammering the endpoint; codes have their own, lower ones.
  await platform.rateLimiter.hit([{ key: `2fa-challenge:ip:${meta.ip}`, limit: 60, windowSeconds: 15 * 60 }]);
  const tokenHash = hashToken(input.challenge);
  const [pending] = await platform.controlDb
    .select({ userId: control.loginChallenges.userId })
    .from(control.loginChallenges)
    .where(and(eq(control.loginChallenges.tokenHash, tokenHash), gt(control.loginChallenges.expiresAt, new Date())));
  if (!pending) throw expired();
  await verifySecondFactor(platform, pending.userId, input.code, meta.ip);
  // Claimed once: a challenge answered twice at the same moment opens one session.
  const claimed = await platform.controlDb
    .delete(control.loginChallenges)
    .where(eq(control.loginChallenges.tokenHash, tokenHash))
    .returning({ userId: control.loginChallenges.userId });
  if (claimed.length === 0) throw expired();
  const session = await createSession(platform.controlDb, pending.userId, meta);
  let device: CompletedSignIn['device'] = null;
  if (input.rememberDevice) {
    const [account] = await platform.controlDb
      .select({ passwordHash: control.users.passwordHash, totpSecret: control.users.totpSecret, totpEnabledAt: control.users.totpEnabledAt })
      .from(control.users)
      .where(eq(control.users.id, pending.userId));
    if (account) device = rememberDevice(platform, pending.userId, account);
  }
  return { userId: pending.userId, session, device };
}

export async function pruneExpiredChallenges(platform: Pick<Platform, 'controlDb'>): Promise<void> {
  await platform.controlDb.delete(control.loginChallenges).where(lt(control.loginChallenges.expiresAt, new Date()));
}
