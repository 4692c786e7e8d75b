/** A studio's security rules: whether every member must sign in with two factors (owners decide). */
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import { AppError } from '../../platform/errors.ts';
import { router, studioProcedure } from '../../trpc/init.ts';
import { okOutput } from '../../trpc/outputs.ts';

export const studioSecurityRouter = router({
  get: studioProcedure
    .requires('studio:read')
    .output(z.object({ requireTwoFactor: z.boolean() }))
    .query(async ({ ctx }) => {
      const [row] = await ctx.platform.controlDb.select({ requireTwoFactor: control.studios.requireTwoFactor }).from(control.studios).where(eq(control.studios.id, ctx.studio.id));
      return { requireTwoFactor: row?.requireTwoFactor ?? false };
    }),

  setTwoFactorRequired: studioProcedure
    .requires('security:manage')
    .input(z.object({ required: z.boolean() }))
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      // The owner turning it on goes first: otherwise the rule would lock its author out on the next request.
      if (input.required && !ctx.user.twoFactorEnabled) throw new AppError('TWO_FACTOR_REQUIRED', 'Turn on two-factor sign-in for your own account first');
      await ctx.platform.controlDb.update(control.studios).set({ requireTwoFactor: input.required, updatedAt: new Date() }).where(eq(control.studios.id, ctx.studio.id));
      await ctx.platform.controlDb.insert(control.platformAuditLog).values({ actorUserId: ctx.user.id, studioId: ctx.studio.id, action: 'studio.two_factor_requirement', details: { required: input.required }, ip: ctx.ip });
      return { ok: true as const };
    }),
});
