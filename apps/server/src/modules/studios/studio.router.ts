import { z } from 'zod';
import { PERMISSIONS, ROLES } from '@rsm/shared/roles';
import { studioProfileInput } from '@rsm/shared/schemas';
import { STANDINGS } from '@rsm/shared/standing';
import { publicStudioProcedure, router, studioProcedure } from '../../trpc/init.ts';
import { completeOnboarding, getStudio, updateStudio } from './studio.service.ts';
import { okOutput } from '../../trpc/outputs.ts';

export const studioOutput = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  locale: z.enum(['en', 'fr']),
  plan: z.enum(['starter', 'pro', 'enterprise']),
  trialEndsAt: z.string().nullable(),
  standing: z.enum(STANDINGS),
  graceEndsAt: z.string().nullable(),
  onboardedAt: z.string().nullable(),
  legalName: z.string(),
  addressLine1: z.string(),
  addressLine2: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
  phone: z.string(),
  email: z.string(),
  website: z.string(),
  vatNumber: z.string(),
  role: z.enum(ROLES),
  permissions: z.array(z.enum(PERMISSIONS)),
});

export const studioRouter = router({
  get: studioProcedure
    .requires('studio:read')
    .output(studioOutput)
    .query(async ({ ctx }) => getStudio(await ctx.tenant(), ctx.studio, ctx.actor, ctx.platform.clock.now())),

  update: studioProcedure
    .requires('studio:write')
    .input(studioProfileInput)
    .output(studioOutput)
    .mutation(async ({ ctx, input }) => updateStudio(ctx.platform, await ctx.tenant(), ctx.studio, ctx.actor, input)),

  completeOnboarding: studioProcedure
    .requires('studio:write')
    .output(okOutput)
    .mutation(async ({ ctx }) => {
      await completeOnboarding(ctx.platform, ctx.studio);
      return { ok: true as const };
    }),
});

/** A studio's public face, for any visitor of its pages (no membership). */
export const publicStudioRouter = router({
  /**
   * The studio's current address, for a public page opened under an old one (ADR 0014): the page puts it
   * in the URL bar. Public: an address is what the studio publishes; unknown addresses are NOT_FOUND.
   */
  address: publicStudioProcedure.output(z.object({ slug: z.string() })).query(({ ctx }) => ({ slug: ctx.studio.slug })),
});
