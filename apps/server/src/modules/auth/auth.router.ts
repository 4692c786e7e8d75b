import { z } from 'zod';
import { localeSchema, logInInput, requestPasswordResetInput, resetPasswordInput, signUpInput } from '@rsm/shared/schemas';
import { ROLES } from '@rsm/shared/roles';
import { authedProcedure, publicProcedure, router } from '../../trpc/init.ts';
import { listUserStudios, logIn, requestPasswordReset, resetPassword, setLocale, signUp } from './auth.service.ts';
import { deleteSession } from './sessions.ts';
import { okOutput } from '../../trpc/outputs.ts';
import { verifyTwoFactorInput } from '@rsm/shared/two-factor-schemas';
import { completeChallenge } from '../two-factor/sign-in.service.ts';
import { REMEMBER_COOKIE } from '../two-factor/remembered-device.ts';

export const studioSummaryOutput = z.object({ slug: z.string(), name: z.string(), role: z.enum(ROLES), onboarded: z.boolean() });

const logInOutput = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signedIn'), studios: z.array(studioSummaryOutput) }),
  z.object({ status: z.literal('twoFactor'), challenge: z.string(), expiresAt: z.string() }),
]);

export const authRouter = router({
  me: publicProcedure
    .output(
      z.object({
        user: z.object({ id: z.string(), name: z.string(), email: z.string(), locale: z.string(), isOperator: z.boolean() }).nullable(),
        studios: z.array(studioSummaryOutput),
      }),
    )
    .query(async ({ ctx }) => {
      if (!ctx.user) return { user: null, studios: [] };
      return {
        user: {
          id: ctx.user.id,
          name: ctx.user.name,
          email: ctx.user.email,
          locale: ctx.user.locale,
          isOperator: ctx.platform.isOperatorEmail(ctx.user.email),
        },
        studios: await listUserStudios(ctx.platform, ctx.user.id),
      };
    }),

  signUp: publicProcedure
    .input(signUpInput)
    .output(z.object({ studioSlug: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const result = await signUp(ctx.platform, input, { ip: ctx.ip, userAgent: ctx.userAgent });
      ctx.setSessionCookie(result.token, result.expiresAt);
      return { studioSlug: result.studioSlug };
    }),

  /** With two-factor sign-in on (and this device not remembered), the password only earns a challenge for verifyTwoFactor. */
  logIn: publicProcedure
    .input(logInInput)
    .output(logInOutput)
    .mutation(async ({ ctx, input }) => {
      const result = await logIn(ctx.platform, input, { ip: ctx.ip, userAgent: ctx.userAgent, rememberedDevice: ctx.readCookie(REMEMBER_COOKIE) });
      if (result.kind === 'challenge') return { status: 'twoFactor' as const, challenge: result.challenge, expiresAt: result.expiresAt.toISOString() };
      ctx.setSessionCookie(result.token, result.expiresAt);
      return { status: 'signedIn' as const, studios: await listUserStudios(ctx.platform, result.userId) };
    }),

  verifyTwoFactor: publicProcedure
    .input(verifyTwoFactorInput)
    .output(z.object({ status: z.literal('signedIn'), studios: z.array(studioSummaryOutput) }))
    .mutation(async ({ ctx, input }) => {
      const result = await completeChallenge(ctx.platform, input, { ip: ctx.ip, userAgent: ctx.userAgent });
      ctx.setSessionCookie(result.session.token, result.session.expiresAt);
      if (result.device) ctx.setCookie(REMEMBER_COOKIE, result.device.value, result.device.expiresAt);
      return { status: 'signedIn' as const, studios: await listUserStudios(ctx.platform, result.userId) };
    }),

  logOut: publicProcedure.output(okOutput).mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await deleteSession(ctx.platform.controlDb, ctx.sessionToken);
    ctx.clearSessionCookie();
    return { ok: true as const };
  }),

  requestPasswordReset: publicProcedure
    .input(requestPasswordResetInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await requestPasswordReset(ctx.platform, input, { ip: ctx.ip, userAgent: ctx.userAgent });
      return { ok: true as const };
    }),

  resetPassword: publicProcedure
    .input(resetPasswordInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await resetPassword(ctx.platform, input, { ip: ctx.ip, userAgent: ctx.userAgent });
      return { ok: true as const };
    }),

  setLocale: authedProcedure
    .input(z.object({ locale: localeSchema }))
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await setLocale(ctx.platform, ctx.user.id, input.locale);
      return { ok: true as const };
    }),
});
