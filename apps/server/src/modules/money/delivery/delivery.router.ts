/** money.delivery.*: sending issued documents to clients by e-mail (`money:manage`). */
import { z } from 'zod';
import { idInput } from '@rsm/shared/schemas';
import { fileStorage } from '../../../platform/storage/storage.ts';
import { router, studioProcedure } from '../../../trpc/init.ts';
import { sendDocumentByEmail } from './send-document.service.ts';

export const deliveryRouter = router({
  send: studioProcedure
    .requires('money:manage')
    .input(idInput)
    .output(z.object({ to: z.string(), answerUrl: z.string().nullable() }))
    .mutation(async ({ ctx, input }) =>
      sendDocumentByEmail(ctx.platform, fileStorage(ctx.platform.config), await ctx.tenant(), ctx.studio, ctx.actor, input.id),
    ),
});
