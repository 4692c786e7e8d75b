/** Staff side of the portal: a client's portal activity, and sending them a log-in link. */
import { READS_IN_READ_ONLY } from '../../trpc/read-only-meta.ts';
import { z } from 'zod';
import { and, count, desc, eq, gt, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { clientPortalActivityInput } from '@rsm/shared/portal-schemas';
import { notFound } from '../../platform/errors.ts';
import { router, studioProcedure } from '../../trpc/init.ts';
import { listPortalActivity } from './portal-activity.service.ts';
import { sendLoginLinkAsStaff } from './portal-auth.service.ts';
import { PORTAL_STAFF_LINK_LIMITS } from './portal-limits.ts';

export const clientPortalRouter = router({
  activity: studioProcedure
    .requires('clients:read')
    .input(clientPortalActivityInput)
    .output(
      z.object({
        items: z.array(z.object({ id: z.string(), at: z.string(), action: z.string(), details: z.record(z.string(), z.unknown()), ip: z.string() })),
        nextCursor: z.string().nullable(),
        lastLoginAt: z.string().nullable(),
        activeSessions: z.number().int(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const [client] = await db.select({ id: tenant.clients.id }).from(tenant.clients).where(eq(tenant.clients.id, input.clientId));
      if (!client) throw notFound('client');
      const page = await listPortalActivity(db, input.clientId, input.cursor, input.limit);
      const [login] = await db
        .select({ at: tenant.portalActivity.at })
        .from(tenant.portalActivity)
        .where(and(eq(tenant.portalActivity.clientId, input.clientId), eq(tenant.portalActivity.action, 'login')))
        .orderBy(desc(tenant.portalActivity.at))
        .limit(1);
      const now = ctx.platform.clock.now();
      const [live] = await db
        .select({ count: count() })
        .from(tenant.portalSessions)
        .where(and(eq(tenant.portalSessions.clientId, input.clientId), isNull(tenant.portalSessions.revokedAt), gt(tenant.portalSessions.expiresAt, now)));
      return { ...page, lastLoginAt: login?.at.toISOString() ?? null, activeSessions: live?.count ?? 0 };
    }),

  sendLoginLink: studioProcedure
    .requires('clients:write')
    .meta(READS_IN_READ_ONLY)
    .input(z.object({ clientId: z.string().uuid() }))
    .output(z.object({ email: z.string() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.platform.rateLimiter.hit(PORTAL_STAFF_LINK_LIMITS(ctx.studio.id, input.clientId));
      return sendLoginLinkAsStaff(ctx.platform, await ctx.tenant(), ctx.studio, input.clientId, ctx.ip, ctx.actor.userId);
    }),
});
