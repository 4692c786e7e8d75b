import { z } from 'zod';
import { localeSchema, logInInput, requestPasswordResetInput, resetPasswordInput, signUpInput } from '@rsm/shared/schemas';
import { ROLES } from '@rsm/shared/roles';
import { authedProcedure, publicProcedure, router } from '../../trpc/init.ts';
import { listUserStudios, logIn, requestPasswordReset, resetPassword, setLocale, signUp } from './auth.service.ts';
import { deleteSession } from './sessions.ts';
import { okOutput } from '../../trpc/outputs.ts';

export const studioSummaryOutput = z.object({ slug: z.string(), name: z.string(), role: z.enum(ROLES), onboarded: z.boolean() });

export const authRouter = router({
  me: publicProcedure
    .output(z.object({ user: z.object({ id: z.string(), name: z.string(), email: z.string(), locale: z.string(), isOperator: z.boolean() }).nullable(), studios: z.array(studioSummaryOutput) }))
    .query(async ({ ctx }) => {
      if (!ctx.user) return { user: null, studios: [] };
      return {
        user: { id: ctx.user.id, name: ctx.user.name, email: ctx.user.email, locale: ctx.user.locale, isOperator: ctx.platform.isOperatorEmail(ctx.user.email) },
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

  logIn: publicProcedure
    .input(logInInput)
    .output(z.object({ studios: z.array(studioSummaryOutput) }))
    .mutation(async ({ ctx, input }) => {
      const result = await logIn(ctx.platform, input, { ip: ctx.ip, userAgent: ctx.userAgent });
      ctx.setSessionCookie(result.token, result.expiresAt);
      return { studios: await listUserStudios(ctx.platform, result.userId) };
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
