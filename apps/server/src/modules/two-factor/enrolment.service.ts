/**
 * Enrolment in two-factor sign-in: a secret is drawn and stored encrypted but inactive; it becomes active
 * only once the user proves their app produces its codes. Disabling and regenerating backup codes ask for
 * proof again (a current code or the password), so a session left open is not enough to weaken the account.
 */
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { control } from '@rsm/db';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { verifyPassword } from '../../platform/security/passwords.ts';
import { TWO_FACTOR_LIMITS } from '../../platform/security/rate-limit.ts';
import { base32Encode, newTotpSecret, otpauthUri } from '../../platform/security/totp.ts';
import { backupCodesLeft, replaceBackupCodes } from './backup-codes.ts';
import { acceptTotp, invalidCode, keysOf, verifySecondFactor } from './second-factor.ts';

const ISSUER = 'Recording Studio Manager';

export type Proof = { code: string } | { password: string };

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  backupCodesLeft: number;
}

export async function twoFactorStatus(platform: Platform, userId: string): Promise<TwoFactorStatus> {
  const [user] = await platform.controlDb.select({ enabledAt: control.users.totpEnabledAt }).from(control.users).where(eq(control.users.id, userId));
  const enabledAt = user?.enabledAt ?? null;
  return { enabled: enabledAt !== null, enabledAt, backupCodesLeft: enabledAt ? await backupCodesLeft(platform.controlDb, userId) : 0 };
}

/** A new secret for the user to scan; replaces any enrolment not yet confirmed. Refused once 2FA is active. */
export async function beginEnrolment(platform: Platform, user: { id: string; email: string }): Promise<{ secret: string; uri: string; qrSvg: string }> {
  const secret = newTotpSecret();
  const updated = await platform.controlDb
    .update(control.users)
    .set({ totpSecret: keysOf(platform).encrypt(secret), totpLastStep: null })
    .where(and(eq(control.users.id, user.id), isNull(control.users.totpEnabledAt)))
    .returning({ id: control.users.id });
  if (updated.length === 0) throw new AppError('CONFLICT', 'Two-factor sign-in is already on; turn it off first to enrol a new device');
  const uri = otpauthUri(secret, user.email, ISSUER);
  // qrcode (~10 MiB at import) loads with the first enrolment, not with the server.
  const { default: QRCode } = await import('qrcode');
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret: base32Encode(secret), uri, qrSvg };
}

/** The first valid code activates the enrolment; the backup codes are returned in clear this once. */
export async function confirmEnrolment(platform: Platform, userId: string, code: string, ip: string): Promise<{ backupCodes: string[] }> {
  await platform.rateLimiter.hit(TWO_FACTOR_LIMITS(ip, userId));
  const [user] = await platform.controlDb
    .select({ secret: control.users.totpSecret, enabledAt: control.users.totpEnabledAt, lastStep: control.users.totpLastStep })
    .from(control.users)
    .where(eq(control.users.id, userId));
  if (!user?.secret) throw new AppError('BAD_REQUEST', 'Start the enrolment first');
  if (user.enabledAt) throw new AppError('CONFLICT', 'Two-factor sign-in is already on');
  const keys = keysOf(platform);
  return platform.controlDb.transaction(async (tx) => {
    if (!(await acceptTotp(tx, platform.clock.now().getTime(), userId, keys.decrypt(user.secret!), code.trim(), user.lastStep, true))) throw invalidCode();
    const backupCodes = await replaceBackupCodes(tx, keys, userId);
    await tx.insert(control.platformAuditLog).values({ actorUserId: userId, action: 'user.two_factor_enabled', details: {}, ip });
    return { backupCodes };
  });
}

async function checkProof(platform: Platform, userId: string, proof: Proof, ip: string): Promise<void> {
  if ('code' in proof) {
    await verifySecondFactor(platform, userId, proof.code, ip);
    return;
  }
  await platform.rateLimiter.hit(TWO_FACTOR_LIMITS(ip, userId));
  const [user] = await platform.controlDb.select({ passwordHash: control.users.passwordHash }).from(control.users).where(eq(control.users.id, userId));
  if (!(await verifyPassword(user?.passwordHash ?? null, proof.password))) throw new AppError('INVALID_CREDENTIALS', 'Wrong password');
}

/** Turns 2FA off: the secret and backup codes go, and remembered devices stop matching (remembered-device.ts). */
export async function disableTwoFactor(platform: Platform, userId: string, proof: Proof, ip: string): Promise<void> {
  await checkProof(platform, userId, proof, ip);
  await platform.controlDb.transaction(async (tx) => {
    await tx
      .update(control.users)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: new Date() })
      .where(eq(control.users.id, userId));
    await tx.delete(control.twoFactorBackupCodes).where(eq(control.twoFactorBackupCodes.userId, userId));
  });
  await platform.controlDb.insert(control.platformAuditLog).values({ actorUserId: userId, action: 'user.two_factor_disabled', details: {}, ip });
}

export async function regenerateBackupCodes(platform: Platform, userId: string, proof: Proof, ip: string): Promise<{ backupCodes: string[] }> {
  await checkProof(platform, userId, proof, ip);
  const [enrolled] = await platform.controlDb
    .select({ id: control.users.id })
    .from(control.users)
    .where(and(eq(control.users.id, userId), isNotNull(control.users.totpEnabledAt)));
  if (!enrolled) throw new AppError('BAD_REQUEST', 'Two-factor sign-in is off');
  const backupCodes = await platform.controlDb.transaction((tx) => replaceBackupCodes(tx, keysOf(platform), userId));
  return { backupCodes };
}
