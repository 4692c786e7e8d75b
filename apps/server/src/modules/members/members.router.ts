import { z } from 'zod';
import { acceptInvitationInput, changeRoleInput, idInput, inviteMemberInput, removeMemberInput } from '@rsm/shared/schemas';
import { can, ROLES } from '@rsm/shared/roles';
import { AppError } from '../../platform/errors.ts';
import { publicProcedure, router, studioProcedure } from '../../trpc/init.ts';
import { createSession } from '../auth/sessions.ts';
import { acceptInvitation, previewInvitation } from './invitations.service.ts';
import { changeRole, inviteMember, listMembers, removeMember, revokeInvitation } from './members.service.ts';
import { okOutput } from '../../trpc/outputs.ts';

const role = z.enum(ROLES);

export const membersRouter = router({
  list: studioProcedure
    .requires('members:read')
    .output(
      z.object({
        members: z.array(z.object({ userId: z.string(), name: z.string(), email: z.string(), role, joinedAt: z.string() })),
        invitations: z.array(z.object({ id: z.string(), email: z.string(), role, expiresAt: z.string(), createdAt: z.string() })),
      }),
    )
    .query(async ({ ctx }) => {
      const { members, invitations } = await listMembers(ctx.platform, ctx.studio.id);
      return {
        members: members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })),
        invitations: invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString(), createdAt: i.createdAt.toISOString() })),
      };
    }),

  invite: studioProcedure
    .requires('members:write')
    .input(inviteMemberInput)
    .output(z.object({ invitationId: z.string(), inviteUrl: z.string().nullable() }))
    .mutation(({ ctx, input }) => inviteMember(ctx.platform, ctx.studio, ctx.actor, input)),

  revokeInvitation: studioProcedure
    .requires('members:write')
    .input(idInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await revokeInvitation(ctx.platform, ctx.studio.id, ctx.actor, input.id);
      return { ok: true as const };
    }),

  changeRole: studioProcedure
    .requires('members:write')
    .input(changeRoleInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await changeRole(ctx.platform, ctx.studio.id, ctx.actor, input);
      return { ok: true as const };
    }),

  /** Removing someone else needs members:write; anyone may leave (unless they are the last owner). */
  remove: studioProcedure
    .requires('studio:read')
    .input(removeMemberInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      if (input.userId !== ctx.actor.userId && !can(ctx.actor.role, 'members:write')) {
        throw new AppError('FORBIDDEN', 'Your role does not allow this', { permission: 'members:write' });
      }
      await removeMember(ctx.platform, ctx.studio.id, ctx.actor, input.userId);
      return { ok: true as const };
    }),
});

export const invitationsRouter = router({
  preview: publicProcedure
    .input(z.object({ token: z.string().min(20).max(200) }))
    .output(z.object({ studioName: z.string(), studioSlug: z.string(), email: z.string(), role, accountExists: z.boolean(), signedInAsInvitee: z.boolean() }))
    .query(({ ctx, input }) => previewInvitation(ctx.platform, input.token, ctx.ip, ctx.user)),

  accept: publicProcedure
    .input(acceptInvitationInput)
    .output(z.object({ studioSlug: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const result = await acceptInvitation(ctx.platform, input, ctx.ip, ctx.user);
      if (result.createdAccount) {
        const session = await createSession(ctx.platform.controlDb, result.userId, { userAgent: ctx.userAgent, ip: ctx.ip });
        ctx.setSessionCookie(session.token, session.expiresAt);
      }
      return { studioSlug: result.studioSlug };
    }),
});
