/**
 * GDPR and merge step of sharing: links made for a client are the studio's records of what it sent, so
 * on erasure they are revoked and stripped of the recipient's name and address (counts stay, anonymous);
 * on merge they follow the survivor, so the shared items stay in its portal.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { registerClientDataStep } from '../clients/gdpr-registry.ts';

const links = tenant.shareLinks;

registerClientDataStep({
  name: 'shareLinks',
  async export(db, clientId) {
    const rows = await db
      .select({
        targetKind: links.targetKind,
        projectName: tenant.projects.name,
        recipientName: links.recipientName,
        recipientEmail: links.recipientEmail,
        createdAt: links.createdAt,
        expiresAt: links.expiresAt,
        revokedAt: links.revokedAt,
        allowDownload: links.allowDownload,
        viewCount: links.viewCount,
        playCount: links.playCount,
        downloadCount: links.downloadCount,
        lastAccessedAt: links.lastAccessedAt,
      })
      .from(links)
      .innerJoin(tenant.projects, eq(tenant.projects.id, links.projectId))
      .where(eq(links.clientId, clientId));
    if (rows.length === 0) return null;
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    return rows.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      expiresAt: iso(r.expiresAt),
      revokedAt: iso(r.revokedAt),
      lastAccessedAt: iso(r.lastAccessedAt),
    }));
  },
  async erase(db, clientId) {
    const now = new Date();
    await db
      .update(links)
      .set({ revokedAt: now })
      .where(and(eq(links.clientId, clientId), isNull(links.revokedAt)));
    const anonymised = await db
      .update(links)
      .set({ recipientName: '', recipientEmail: '', clientId: null })
      .where(eq(links.clientId, clientId))
      .returning({ id: links.id });
    return { linksRevokedAndAnonymised: anonymised.length };
  },
  async merge(db, fromClientId, toClientId) {
    await db.update(links).set({ clientId: toClientId }).where(eq(links.clientId, fromClientId));
  },
});
