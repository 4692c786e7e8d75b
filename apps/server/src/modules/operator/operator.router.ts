import { z } from 'zod';
import { operatorProcedure, router } from '../../trpc/init.ts';
import { listOutbox } from './outbox.service.ts';
import { listStudioBackups } from './backups.service.ts';
import { consoleProcedures } from './console.router.ts';

export const operatorRouter = router({
  outbox: operatorProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(50), cursor: z.string().datetime().optional() }).optional())
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            to: z.string(),
            subject: z.string(),
            textBody: z.string(),
            htmlBody: z.string(),
            template: z.string(),
            createdAt: z.string(),
          }),
        ),
        nextCursor: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => listOutbox(ctx.platform, { limit: input?.limit ?? 50, cursor: input?.cursor })),
  /** Each active studio's latest scheduled backup and whether it needs attention (issue 13.1). */
  backups: operatorProcedure
    .output(
      z.object({
        enabled: z.boolean(),
        staleAfterHours: z.number(),
        studios: z.array(
          z.object({
            studioId: z.string(),
            slug: z.string(),
            name: z.string(),
            lastRunAt: z.string().nullable(),
            lastOk: z.boolean().nullable(),
            lastSizeBytes: z.number().nullable(),
            lastError: z.string().nullable(),
            lastEncrypted: z.boolean().nullable(),
            lastGoodAt: z.string().nullable(),
            warning: z.enum(['none', 'failed', 'stale', 'never']),
          }),
        ),
        /** The embedded cluster's base backups and WAL archiving (ADR 0021); null for an external cluster or with backups off. */
        cluster: z
          .object({
            lastRunAt: z.string().nullable(),
            lastOk: z.boolean().nullable(),
            lastSizeBytes: z.number().nullable(),
            lastError: z.string().nullable(),
            lastGoodAt: z.string().nullable(),
            walLastArchivedAt: z.string().nullable(),
            walLastFailedAt: z.string().nullable(),
            walFailing: z.boolean(),
            warning: z.enum(['none', 'failed', 'stale', 'never']),
          })
          .nullable(),
        /** The copy of BACKUP_DIR to the S3 store (ADR 0021): configured or not, last pass, last good pass, failure. */
        offsite: z.object({
          configured: z.boolean(),
          where: z.string().nullable(),
          lastRunAt: z.string().nullable(),
          lastOk: z.boolean().nullable(),
          lastSuccessAt: z.string().nullable(),
          lastError: z.string().nullable(),
          warning: z.enum(['none', 'failed', 'stale', 'never']),
        }),
      }),
    )
    .query(({ ctx }) => listStudioBackups(ctx.platform)),
  ...consoleProcedures,
});
