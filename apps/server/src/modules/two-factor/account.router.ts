/** The signed-in user's own security: two-factor sign-in and their sessions (Account → Security). */
import { z } from 'zod';
import { confirmEnrolmentInput, twoFactorProofInput } from '@rsm/shared/two-factor-schemas';
import { AppError } from '../../platform/errors.ts';
import { authedProcedure, router } from '../../trpc/init.ts';
import { okOutput } from '../../trpc/outputs.ts';
import { listOwnSessions, revokeOtherSessions, revokeOwnSession } from '../auth/account-sessions.service.ts';
import { beginEnrolment, confirmEnrolment, disableTwoFactor, regenerateBackupCodes, twoFactorStatus } from './enrolment.service.ts';

const backupCodesOutput = z.object({ backupCodes: z.array(z.string()) });

export const accountRouter = router({
  twoFactorStatus: authedProcedure
    .output(z.object({ enabled: z.boolean(), enabledAt: z.string().nullable(), backupCodesLeft: z.number().int() }))
    .query(async ({ ctx }) => {
      const status = await twoFactorStatus(ctx.platform, ctx.user.id);
      return { ...status, enabledAt: status.enabledAt?.toISOString() ?? null };
    }),

  beginTwoFactor: authedProcedure
    .output(z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() }))
    .mutation(({ ctx }) => beginEnrolment(ctx.platform, ctx.user)),

  confirmTwoFactor: authedProcedure
    .input(confirmEnrolmentInput)
    .output(backupCodesOutput)
    .mutation(({ ctx, input }) => confirmEnrolment(ctx.platform, ctx.user.id, input.code, ctx.ip)),

  disableTwoFactor: authedProcedure
    .input(twoFactorProofInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await disableTwoFactor(ctx.platform, ctx.user.id, input, ctx.ip);
      return { ok: true as const };
    }),

  regenerateBackupCodes: authedProcedure
    .input(twoFactorProofInput)
    .output(backupCodesOutput)
    .mutation(({ ctx, input }) => regenerateBackupCodes(ctx.platform, ctx.user.id, input, ctx.ip)),

  sessions: authedProcedure
    .output(
      z.array(
        z.object({
          id: z.string(),
          userAgent: z.string().nullable(),
          ip: z.string().nullable(),
          createdAt: z.string(),
          lastSeenAt: z.string(),
          current: z.boolean(),
        }),
      ),
    )
    .query(async ({ ctx }) => {
      const sessions = await listOwnSessions(ctx.platform.controlDb, ctx.user.id, ctx.sessionToken);
      return sessions.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString() }));
    }),

  revokeSession: authedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await revokeOwnSession(ctx.platform.controlDb, ctx.user.id, input.id);
      return { ok: true as const };
    }),

  revokeOtherSessions: authedProcedure.output(z.object({ revoked: z.number().int() })).mutation(async ({ ctx }) => {
    if (!ctx.sessionToken) throw new AppError('UNAUTHORIZED', 'Please log in');
    return { revoked: await revokeOtherSessions(ctx.platform.controlDb, ctx.user.id, ctx.sessionToken) };
  }),
});
