import { z } from 'zod';
import { operatorProcedure, router } from '../../trpc/init.ts';
import { listOutbox } from './outbox.service.ts';

export const operatorRouter = router({
  outbox: operatorProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(50), cursor: z.string().datetime().optional() }).optional())
    .output(
      z.object({
        items: z.array(z.object({ id: z.string(), to: z.string(), subject: z.string(), textBody: z.string(), htmlBody: z.string(), template: z.string(), createdAt: z.string() })),
        nextCursor: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => listOutbox(ctx.platform, { limit: input?.limit ?? 50, cursor: input?.cursor })),
});
