/**
 * GDPR and merge step of the client portal: log-in links and portal sessions are credentials (deleted on
 * erasure; the duplicate's die with it on merge), the activity trail is personal data (exported, deleted
 * on erasure, moved to the survivor on merge).
 */
import { desc, eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { registerClientDataStep } from '../clients/gdpr-registry.ts';

registerClientDataStep({
  name: 'portal',
  async export(db, clientId) {
    const activity = await db
      .select({ at: tenant.portalActivity.at, action: tenant.portalActivity.action, details: tenant.portalActivity.details, ip: tenant.portalActivity.ip })
      .from(tenant.portalActivity)
      .where(eq(tenant.portalActivity.clientId, clientId))
      .orderBy(desc(tenant.portalActivity.at));
    const sessions = await db
      .select({
        createdAt: tenant.portalSessions.createdAt,
        lastSeenAt: tenant.portalSessions.lastSeenAt,
        userAgent: tenant.portalSessions.userAgent,
        revokedAt: tenant.portalSessions.revokedAt,
      })
      .from(tenant.portalSessions)
      .where(eq(tenant.portalSessions.clientId, clientId))
      .orderBy(desc(tenant.portalSessions.createdAt));
    if (activity.length === 0 && sessions.length === 0) return null;
    return {
      activity: activity.map((a) => ({ ...a, at: a.at.toISOString() })),
      sessions: sessions.map((s) => ({
        ...s,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        revokedAt: s.revokedAt?.toISOString() ?? null,
      })),
    };
  },
  async erase(db, clientId) {
    const activity = await db.delete(tenant.portalActivity).where(eq(tenant.portalActivity.clientId, clientId)).returning({ id: tenant.portalActivity.id });
    const sessions = await db.delete(tenant.portalSessions).where(eq(tenant.portalSessions.clientId, clientId)).returning({ id: tenant.portalSessions.id });
    const links = await db
      .delete(tenant.portalLoginTokens)
      .where(eq(tenant.portalLoginTokens.clientId, clientId))
      .returning({ id: tenant.portalLoginTokens.id });
    return { activityDeleted: activity.length, sessionsDeleted: sessions.length, loginLinksDeleted: links.length };
  },
  async merge(db, fromClientId, toClientId) {
    await db.update(tenant.portalActivity).set({ clientId: toClientId }).where(eq(tenant.portalActivity.clientId, fromClientId));
  },
});
