/**
 * Team of a studio: members with roles, invitations by e-mail. Role changes
 * and removals lock the studio's memberships so two concurrent requests can
 * never leave a studio without an owner.
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { control } from '@rsm/db';
import { canAssignRole, type Role } from '@rsm/shared/roles';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { ControlTx } from '../../platform/postgres/control-db.ts';
import { hashToken, newToken } from '../../platform/security/tokens.ts';
import { ROLE_LABELS } from '../../platform/mail/templates.ts';
import type { Actor, StudioContext } from '../studios/studio-context.ts';
import { revokeFeedsOfMember } from '../booking/ical-feeds.service.ts';
import { assertSeatAvailable } from '../plans/seats.service.ts';

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export async function listMembers(platform: Platform, studioId: string) {
  const [members, invitations] = await Promise.all([
    platform.controlDb
      .select({
        userId: control.users.id,
        name: control.users.name,
        email: control.users.email,
        role: control.memberships.role,
        joinedAt: control.memberships.createdAt,
      })
      .from(control.memberships)
      .innerJoin(control.users, eq(control.users.id, control.memberships.userId))
      .where(eq(control.memberships.studioId, studioId))
      .orderBy(control.users.name),
    platform.controlDb
      .select({
        id: control.invitations.id,
        email: control.invitations.email,
        role: control.invitations.role,
        expiresAt: control.invitations.expiresAt,
        createdAt: control.invitations.createdAt,
      })
      .from(control.invitations)
      .where(
        and(
          eq(control.invitations.studioId, studioId),
          isNull(control.invitations.acceptedAt),
          isNull(control.invitations.revokedAt),
          gt(control.invitations.expiresAt, new Date()),
        ),
      )
      .orderBy(control.invitations.createdAt),
  ]);
  return { members, invitations };
}

export async function inviteMember(platform: Platform, studio: StudioContext, actor: Actor, input: { email: string; role: Role }) {
  if (!canAssignRole(actor.role, input.role)) throw forbidden('You cannot invite someone with this role');
  const [alreadyMember] = await platform.controlDb
    .select({ userId: control.memberships.userId })
    .from(control.memberships)
    .innerJoin(control.users, eq(control.users.id, control.memberships.userId))
    .where(and(eq(control.memberships.studioId, studio.id), sql`lower(${control.users.email}) = ${input.email}`))
    .limit(1);
  if (alreadyMember) throw new AppError('CONFLICT', 'This person is already a member of the studio', { email: input.email });
  const token = newToken();
  const invitation = await platform.controlDb.transaction(async (tx) => {
    await assertSeatAvailable(tx, studio, input.email, platform.clock.now(), platform);
    // A new invitation replaces any pending one for the same address.
    await tx
      .update(control.invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(control.invitations.studioId, studio.id),
          eq(control.invitations.email, input.email),
          isNull(control.invitations.acceptedAt),
          isNull(control.invitations.revokedAt),
        ),
      );
    const [row] = await tx
      .insert(control.invitations)
      .values({
        studioId: studio.id,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      })
      .returning({ id: control.invitations.id });
    await tx
      .insert(control.platformAuditLog)
      .values({ actorUserId: actor.userId, studioId: studio.id, action: 'member.invited', details: { email: input.email, role: input.role } });
    return row!;
  });
  const inviteUrl = `${platform.config.APP_URL}/invite?token=${token}`;
  await platform.mailer.send({
    to: input.email,
    template: 'invitation',
    locale: studio.locale,
    studioId: studio.id,
    params: { inviter: actor.name, studio: studio.name, role: ROLE_LABELS[studio.locale][input.role] ?? input.role, url: inviteUrl },
  });
  // Without SMTP the inviter passes the link on; with SMTP only the invitee's mailbox receives it.
  return { invitationId: invitation.id, inviteUrl: platform.mailer.mode === 'outbox' ? inviteUrl : null };
}

export async function revokeInvitation(platform: Platform, studioId: string, actor: Actor, invitationId: string): Promise<void> {
  const [row] = await platform.controlDb
    .update(control.invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(control.invitations.id, invitationId),
        eq(control.invitations.studioId, studioId),
        isNull(control.invitations.acceptedAt),
        isNull(control.invitations.revokedAt),
      ),
    )
    .returning({ id: control.invitations.id });
  if (!row) throw notFound('invitation');
  await platform.controlDb
    .insert(control.platformAuditLog)
    .values({ actorUserId: actor.userId, studioId, action: 'member.invitation_revoked', details: { invitationId } });
}

/**
 * Lock the studio's memberships and return them with the actor's role as it is now: the role read when the
 * request started may have changed meanwhile (another owner demoted this one a moment ago).
 */
async function lockMemberships(tx: ControlTx, studioId: string, actor: Actor) {
  const members = await tx.select().from(control.memberships).where(eq(control.memberships.studioId, studioId)).for('update');
  const current = members.find((m) => m.userId === actor.userId);
  if (!current) throw forbidden('You are no longer a member of this studio');
  return { members, actorRole: current.role };
}

export async function changeRole(platform: Platform, studioId: string, actor: Actor, input: { userId: string; role: Role }): Promise<void> {
  await platform.controlDb.transaction(async (tx) => {
    const { members, actorRole } = await lockMemberships(tx, studioId, actor);
    const target = members.find((m) => m.userId === input.userId);
    if (!target) throw notFound('member');
    if (!canAssignRole(actorRole, target.role) || !canAssignRole(actorRole, input.role)) throw forbidden('You cannot change this role');
    if (target.role === 'owner' && input.role !== 'owner' && members.filter((m) => m.role === 'owner').length === 1) {
      throw new AppError('LAST_OWNER', 'A studio must keep at least one owner');
    }
    await tx
      .update(control.memberships)
      .set({ role: input.role })
      .where(and(eq(control.memberships.studioId, studioId), eq(control.memberships.userId, input.userId)));
    const feedsRevoked = await revokeFeedsOfMember(tx, studioId, input.userId, input.role);
    await tx.insert(control.platformAuditLog).values({
      actorUserId: actor.userId,
      studioId,
      action: 'member.role_changed',
      details: { userId: input.userId, from: target.role, to: input.role, feedsRevoked },
    });
  });
}

export async function removeMember(platform: Platform, studioId: string, actor: Actor, userId: string): Promise<void> {
  await platform.controlDb.transaction(async (tx) => {
    const { members, actorRole } = await lockMemberships(tx, studioId, actor);
    const target = members.find((m) => m.userId === userId);
    if (!target) throw notFound('member');
    const leavingSelf = userId === actor.userId;
    if (!leavingSelf && !canAssignRole(actorRole, target.role)) throw forbidden('You cannot remove this member');
    if (target.role === 'owner' && members.filter((m) => m.role === 'owner').length === 1) {
      throw new AppError('LAST_OWNER', 'A studio must keep at least one owner');
    }
    await tx.delete(control.memberships).where(and(eq(control.memberships.studioId, studioId), eq(control.memberships.userId, userId)));
    // Their secret calendar URLs go with them, or they would keep reading the studio's calendar from outside.
    const feedsRevoked = await revokeFeedsOfMember(tx, studioId, userId, null);
    await tx
      .insert(control.platformAuditLog)
      .values({ actorUserId: actor.userId, studioId, action: 'member.removed', details: { userId, role: target.role, feedsRevoked } });
  });
}
