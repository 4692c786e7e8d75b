/**
 * Answering an invitation: a new person creates their account from it; an
 * existing account must be logged in as the invited address to accept.
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { control } from '@rsm/db';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { hashPassword } from '../../platform/security/passwords.ts';
import { TOKEN_LIMITS } from '../../platform/security/rate-limit.ts';
import { hashToken } from '../../platform/security/tokens.ts';
import type { SessionUser } from '../auth/sessions.ts';

async function findPendingInvitation(platform: Platform, token: string) {
  const [row] = await platform.controlDb
    .select({
      id: control.invitations.id,
      email: control.invitations.email,
      role: control.invitations.role,
      studioId: control.invitations.studioId,
      studioName: control.studios.name,
      studioSlug: control.studios.slug,
    })
    .from(control.invitations)
    .innerJoin(control.studios, eq(control.studios.id, control.invitations.studioId))
    .where(
      and(
        eq(control.invitations.tokenHash, hashToken(token)),
        isNull(control.invitations.acceptedAt),
        isNull(control.invitations.revokedAt),
        gt(control.invitations.expiresAt, new Date()),
      ),
    )
    .limit(1);
  if (!row) throw new AppError('TOKEN_INVALID', 'This invitation is invalid, expired or already used');
  return row;
}

async function findUserByEmail(platform: Platform, email: string) {
  const [user] = await platform.controlDb
    .select({ id: control.users.id })
    .from(control.users)
    .where(sql`lower(${control.users.email}) = ${email}`)
    .limit(1);
  return user ?? null;
}

export async function previewInvitation(platform: Platform, token: string, ip: string, sessionUser: SessionUser | null) {
  await platform.rateLimiter.hit(TOKEN_LIMITS(ip, 'invitation'));
  const invitation = await findPendingInvitation(platform, token);
  const user = await findUserByEmail(platform, invitation.email);
  return {
    studioName: invitation.studioName,
    studioSlug: invitation.studioSlug,
    email: invitation.email,
    role: invitation.role,
    accountExists: user !== null,
    signedInAsInvitee: sessionUser !== null && sessionUser.email.toLowerCase() === invitation.email,
  };
}

/** Returns the user who joined and whether their account was created here (the caller then logs them in). */
export async function acceptInvitation(
  platform: Platform,
  input: { token: string; name?: string | undefined; password?: string | undefined },
  ip: string,
  sessionUser: SessionUser | null,
): Promise<{ userId: string; studioSlug: string; createdAccount: boolean }> {
  await platform.rateLimiter.hit(TOKEN_LIMITS(ip, 'invitation'));
  const invitation = await findPendingInvitation(platform, input.token);
  const existing = await findUserByEmail(platform, invitation.email);
  let passwordHash: string | null = null;
  if (!existing) {
    // Operator accounts are created from the environment only, never from a link someone else holds.
    if (platform.isOperatorEmail(invitation.email))
      throw new AppError('FORBIDDEN', 'This address is reserved for the platform operator; log in with it instead');
    if (!input.name || !input.password) throw new AppError('BAD_REQUEST', 'Name and password are required to create your account');
    passwordHash = await hashPassword(input.password);
  } else if (!sessionUser || sessionUser.id !== existing.id) {
    throw new AppError('UNAUTHORIZED', 'Log in as the invited e-mail address to accept this invitation');
  }
  return platform.controlDb.transaction(async (tx) => {
    const [claimed] = await tx
      .update(control.invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(control.invitations.id, invitation.id), isNull(control.invitations.acceptedAt), isNull(control.invitations.revokedAt)))
      .returning({ id: control.invitations.id });
    if (!claimed) throw new AppError('TOKEN_INVALID', 'This invitation is invalid, expired or already used');
    let userId = existing?.id;
    if (!userId) {
      // Two invitations to the same new address accepted at once: the second finds the account made by the first.
      const [user] = await tx
        .insert(control.users)
        .values({ name: input.name!, email: invitation.email, passwordHash, locale: 'en' })
        .onConflictDoNothing()
        .returning({ id: control.users.id });
      if (!user) throw new AppError('EMAIL_TAKEN', 'An account with this e-mail now exists: log in with it to accept the invitation');
      userId = user.id;
    }
    await tx.insert(control.memberships).values({ studioId: invitation.studioId, userId, role: invitation.role }).onConflictDoNothing();
    await tx
      .insert(control.platformAuditLog)
      .values({ actorUserId: userId, studioId: invitation.studioId, action: 'member.joined', details: { role: invitation.role }, ip });
    return { userId, studioSlug: invitation.studioSlug, createdAccount: !existing };
  });
}
