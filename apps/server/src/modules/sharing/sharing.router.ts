/** Staff procedures: share links of a project / track / version, and deliverables released when paid. */
import { z } from 'zod';
import { createShareLinksInput, setReleaseWhenPaidInput, setShareExpiryInput, shareTargetSchema } from '@rsm/shared/sharing-schemas';
import { router, studioProcedure } from '../../trpc/init.ts';
import { okOutput } from '../../trpc/outputs.ts';
import { createShareLinks, listShareLinks, revokeShareLink, setShareExpiry, shareLinkActivity } from './share-links.service.ts';
import { deliverableStatus, setReleaseWhenPaid } from './deliverables.service.ts';
import { createdLinkOutput, deliverableStatusOutput, shareActivityOutput, shareLinkOutput } from './sharing.schemas.ts';

const idInput = z.object({ id: z.string().uuid() });

export const sharingRouter = router({
  list: studioProcedure
    .requires('projects:read')
    .input(z.object({ target: shareTargetSchema }))
    .output(z.array(shareLinkOutput))
    .query(async ({ ctx, input }) => listShareLinks(ctx.platform, await ctx.tenant(), input.target)),

  /** One link per recipient; the URLs are returned once (only their hashes are kept). */
  create: studioProcedure
    .requires('projects:write')
    .input(createShareLinksInput)
    .output(z.array(createdLinkOutput))
    .mutation(async ({ ctx, input }) => createShareLinks(ctx.platform, await ctx.tenant(), ctx.studio, ctx.actor, input)),

  revoke: studioProcedure
    .requires('projects:write')
    .input(idInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await revokeShareLink(ctx.platform, await ctx.tenant(), ctx.actor, input.id);
      return { ok: true as const };
    }),

  setExpiry: studioProcedure
    .requires('projects:write')
    .input(setShareExpiryInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await setShareExpiry(ctx.platform, await ctx.tenant(), ctx.actor, input.id, input.expiresAt);
      return { ok: true as const };
    }),

  activity: studioProcedure
    .requires('projects:read')
    .input(idInput)
    .output(shareActivityOutput)
    .query(async ({ ctx, input }) => shareLinkActivity(await ctx.tenant(), input.id)),
});

export const deliverablesRouter = router({
  status: studioProcedure
    .requires('projects:read')
    .input(z.object({ versionId: z.string().uuid() }))
    .output(deliverableStatusOutput)
    .query(async ({ ctx, input }) => deliverableStatus(await ctx.tenant(), input.versionId)),

  setReleaseWhenPaid: studioProcedure
    .requires('projects:write')
    .input(setReleaseWhenPaidInput)
    .output(deliverableStatusOutput)
    .mutation(async ({ ctx, input }) => setReleaseWhenPaid(await ctx.tenant(), ctx.actor, input)),
});
