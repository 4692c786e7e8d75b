/**
 * Staff accounts: sign-up (which creates the studio), log in / out, password
 * reset by single-use e-mailed link. Every guessable entry point is rate
 * limited per IP and per account.
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { Locale } from '@rsm/shared/schemas';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { hashPassword, verifyPassword } from '../../platform/security/passwords.ts';
import { LOGIN_LIMITS, RESET_LIMITS, SIGNUP_LIMITS, TOKEN_LIMITS } from '../../platform/security/rate-limit.ts';
import { hashToken, newToken } from '../../platform/security/tokens.ts';
import { emailInUse } from './email-in-use.ts';
import { runAfterResponse } from '../../platform/after-response.ts';
import { provisionStudio } from '../studios/provisioning.service.ts';
import { finishOwnSignUp } from '../studios/provisioning-recovery.ts';
import { createSession, deleteUserSessions } from './sessions.ts';
import { startChallenge } from '../two-factor/sign-in.service.ts';
import { isRememberedDevice } from '../two-factor/remembered-device.ts';

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}

export const RESET_TTL_MS = 60 * 60 * 1000;

export interface StudioSummary {
  slug: string;
  name: string;
  role: 'owner' | 'manager' | 'engineer' | 'assistant';
  onboarded: boolean;
}

export async function listUserStudios(platform: Platform, userId: string): Promise<StudioSummary[]> {
  const rows = await platform.controlDb
    .select({ slug: control.studios.slug, name: control.studios.name, role: control.memberships.role, onboardedAt: control.studios.onboardedAt })
    .from(control.memberships)
    .innerJoin(control.studios, eq(control.studios.id, control.memberships.studioId))
    .innerJoin(control.tenantDatabases, eq(control.tenantDatabases.studioId, control.studios.id))
    .where(and(eq(control.memberships.userId, userId), eq(control.tenantDatabases.state, 'active')))
    .orderBy(control.studios.name);
  return rows.map((r) => ({ slug: r.slug, name: r.name, role: r.role, onboarded: r.onboardedAt !== null }));
}

export async function signUp(
  platform: Platform,
  input: { name: string; email: string; password: string; studioName: string; locale: Locale },
  meta: RequestMeta,
): Promise<{ token: string; expiresAt: Date; studioSlug: string; userId: string }> {
  await platform.rateLimiter.hit(SIGNUP_LIMITS(meta.ip));
  if (platform.isOperatorEmail(input.email)) throw emailInUse();
  const [existing] = await platform.controlDb
    .select({ id: control.users.id, passwordHash: control.users.passwordHash, totpEnabledAt: control.users.totpEnabledAt })
    .from(control.users)
    .where(sql`lower(${control.users.email}) = ${input.email}`)
    .limit(1);
  // An account with two-factor sign-in opens sessions only through the log-in page, never with a password alone.
  if (existing?.totpEnabledAt) throw emailInUse();
  if (existing) {
    // Signing up again with the same e-mail and password finishes a sign-up a crash interrupted (#10.6) and logs
    // in: a password check, so it counts against the log-in limits like any other (ADR 0003).
    await platform.rateLimiter.hit(LOGIN_LIMITS(meta.ip, input.email));
    const studioSlug = (await verifyPassword(existing.passwordHash, input.password)) ? await finishOwnSignUp(platform, existing.id) : null;
    if (!studioSlug) throw emailInUse();
    const session = await createSession(platform.controlDb, existing.id, meta);
    return { ...session, studioSlug, userId: existing.id };
  }
  const passwordHash = await hashPassword(input.password);
  const studio = await provisionStudio(platform, {
    owner: { name: input.name, email: input.email, passwordHash, locale: input.locale },
    studio: { name: input.studioName, locale: input.locale },
  });
  const session = await createSession(platform.controlDb, studio.userId, meta);
  await platform.mailer
    .send({
      to: input.email,
      template: 'welcome',
      locale: input.locale,
      studioId: studio.studioId,
      params: { name: input.name, studio: input.studioName, url: `${platform.config.APP_URL}/s/${studio.slug}` },
    })
    .catch((error: unknown) => platform.logger.warn({ err: error }, 'welcome mail not recorded'));
  return { ...session, studioSlug: studio.slug, userId: studio.userId };
}

export type LogInResult = { kind: 'session'; token: string; expiresAt: Date; userId: string } | { kind: 'challenge'; challenge: string; expiresAt: Date };

/** A password alone opens a session only for accounts without 2FA, or on a device remembered for this account. */
export async function logIn(
  platform: Platform,
  input: { email: string; password: string },
  meta: RequestMeta & { rememberedDevice: string | null },
): Promise<LogInResult> {
  await platform.rateLimiter.hit(LOGIN_LIMITS(meta.ip, input.email));
  const [user] = await platform.controlDb
    .select({ id: control.users.id, passwordHash: control.users.passwordHash, totpEnabledAt: control.users.totpEnabledAt })
    .from(control.users)
    .where(sql`lower(${control.users.email}) = ${input.email}`)
    .limit(1);
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok) throw new AppError('INVALID_CREDENTIALS', 'Wrong e-mail or password');
  if (user.totpEnabledAt && !(await isRememberedDevice(platform, user.id, meta.rememberedDevice))) {
    return { kind: 'challenge', ...(await startChallenge(platform, user.id)) };
  }
  const session = await createSession(platform.controlDb, user.id, meta);
  return { kind: 'session', ...session, userId: user.id };
}

/**
 * Answers the same way, in the same time, whether or not the address has an account: the request only
 * counts the rate limits; looking the account up, storing a token and mailing the link happen after the
 * answer (see after-response.ts).
 */
export async function requestPasswordReset(platform: Platform, input: { email: string }, meta: RequestMeta): Promise<void> {
  await platform.rateLimiter.hit(RESET_LIMITS(meta.ip, input.email));
  runAfterResponse(platform.logger, 'password reset mail', () => mailResetLink(platform, input.email));
}

async function mailResetLink(platform: Platform, email: string): Promise<void> {
  const [user] = await platform.controlDb
    .select({ id: control.users.id, name: control.users.name, locale: control.users.locale })
    .from(control.users)
    .where(sql`lower(${control.users.email}) = ${email}`)
    .limit(1);
  if (!user) return;
  const token = newToken();
  await platform.controlDb
    .insert(control.passwordResetTokens)
    .values({ tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_TTL_MS) });
  await platform.mailer.send({
    to: email,
    template: 'password-reset',
    locale: user.locale === 'fr' ? 'fr' : 'en',
    params: { name: user.name, url: `${platform.config.APP_URL}/reset-password?token=${token}` },
  });
}

export async function resetPassword(platform: Platform, input: { token: string; password: string }, meta: RequestMeta): Promise<void> {
  await platform.rateLimiter.hit(TOKEN_LIMITS(meta.ip, 'reset-token'));
  const passwordHash = await hashPassword(input.password);
  const userId = await platform.controlDb.transaction(async (tx) => {
    // Claiming the token and using it happen in one statement: a link works exactly once.
    const [claimed] = await tx
      .update(control.passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(control.passwordResetTokens.tokenHash, hashToken(input.token)),
          isNull(control.passwordResetTokens.usedAt),
          gt(control.passwordResetTokens.expiresAt, new Date()),
        ),
      )
      .returning({ userId: control.passwordResetTokens.userId });
    if (!claimed) return null;
    // Any other pending link of this account dies with this reset: an older link must not undo it.
    await tx
      .update(control.passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(control.passwordResetTokens.userId, claimed.userId), isNull(control.passwordResetTokens.usedAt)));
    await tx.update(control.users).set({ passwordHash, updatedAt: new Date() }).where(eq(control.users.id, claimed.userId));
    return claimed.userId;
  });
  if (!userId) throw new AppError('TOKEN_INVALID', 'This link is invalid, expired or already used');
  await deleteUserSessions(platform.controlDb, userId); // whoever knew the old password is logged out
  await platform.controlDb.insert(control.platformAuditLog).values({ actorUserId: userId, action: 'user.password_reset', details: {}, ip: meta.ip });
}

export async function setLocale(platform: Platform, userId: string, locale: Locale): Promise<void> {
  await platform.controlDb.update(control.users).set({ locale, updatedAt: new Date() }).where(eq(control.users.id, userId));
}
