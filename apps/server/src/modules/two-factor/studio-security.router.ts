/** A studio's security rules: whether every member must sign in with two factors (owners decide). */
import { z } from 'zod';
import { router, studioProcedure } from '../../trpc/init.ts';
import { okOutput } from '../../trpc/outputs.ts';
import { setTwoFactorRequired, studioSecurity } from './studio-security.service.ts';

export const studioSecurityRouter = router({
  get: studioProcedure
    .requires('studio:read')
    .output(z.object({ requireTwoFactor: z.boolean() }))
    .query(({ ctx }) => studioSecurity(ctx.platform, ctx.studio.id)),

  setTwoFactorRequired: studioProcedure
    .requires('security:manage')
    .input(z.object({ required: z.boolean() }))
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await setTwoFactorRequired(ctx.platform, { userId: ctx.user.id, twoFactorEnabled: ctx.user.twoFactorEnabled }, ctx.studio.id, input.required, ctx.ip);
      return { ok: true as const };
    }),
});
