/** A studio's security rules, kept on the studio's control row (the studio tier reads them with the membership). */
import { eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';

export async function studioSecurity(platform: Platform, studioId: string): Promise<{ requireTwoFactor: boolean }> {
  const [row] = await platform.controlDb
    .select({ requireTwoFactor: control.studios.requireTwoFactor })
    .from(control.studios)
    .where(eq(control.studios.id, studioId));
  return { requireTwoFactor: row?.requireTwoFactor ?? false };
}

export async function setTwoFactorRequired(
  platform: Platform,
  actor: { userId: string; twoFactorEnabled: boolean },
  studioId: string,
  required: boolean,
  ip: string,
): Promise<void> {
  // The owner turning it on goes first: otherwise the rule would lock its author out on the next request.
  if (required && !actor.twoFactorEnabled) throw new AppError('TWO_FACTOR_REQUIRED', 'Turn on two-factor sign-in for your own account first');
  await platform.controlDb.update(control.studios).set({ requireTwoFactor: required, updatedAt: new Date() }).where(eq(control.studios.id, studioId));
  await platform.controlDb
    .insert(control.platformAuditLog)
    .values({ actorUserId: actor.userId, studioId, action: 'studio.two_factor_requirement', details: { required }, ip });
}
