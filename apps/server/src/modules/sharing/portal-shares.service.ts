/**
 * Shared items in the client portal: the live links made for the logged-in client, or for a company
 * where they are a contact allowed to see the company's items. The portal identity replaces the link's
 * token and password (the client is already authenticated by the studio's portal).
 */
import { and, desc, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import type { PortalClient } from '../../trpc/portal-procedure.ts';
import { linkNotValid } from './share-access.service.ts';
import type { ShareLinkRow } from './share-view.ts';

const MAX_PORTAL_SHARES = 200;

const visibleTo = (client: PortalClient) => inArray(tenant.shareLinks.clientId, [client.id, ...client.companyIds]);
const live = (now: Date) => and(isNull(tenant.shareLinks.revokedAt), or(isNull(tenant.shareLinks.expiresAt), gt(tenant.shareLinks.expiresAt, now)));

export async function listPortalShares(platform: Platform, db: TenantDb, client: PortalClient) {
  const rows = await db
    .select({
      link: tenant.shareLinks,
      projectName: tenant.projects.name,
      trackTitle: tenant.tracks.title,
      versionNumber: tenant.trackVersions.number,
      sharedWith: tenant.clients.name,
    })
    .from(tenant.shareLinks)
    .innerJoin(tenant.projects, eq(tenant.projects.id, tenant.shareLinks.projectId))
    .leftJoin(tenant.tracks, eq(tenant.tracks.id, tenant.shareLinks.trackId))
    .leftJoin(tenant.trackVersions, eq(tenant.trackVersions.id, tenant.shareLinks.versionId))
    .leftJoin(tenant.clients, eq(tenant.clients.id, tenant.shareLinks.clientId))
    .where(and(visibleTo(client), live(platform.clock.now())))
    .orderBy(desc(tenant.shareLinks.createdAt))
    .limit(MAX_PORTAL_SHARES);
  return rows.map(({ link, projectName, trackTitle, versionNumber, sharedWith }) => ({
    linkId: link.id,
    targetKind: link.targetKind,
    projectName,
    trackTitle,
    versionNumber,
    /** Set when shared with one of the client's companies rather than with them. */
    companyName: link.clientId === client.id ? null : sharedWith,
    allowDownload: link.allowDownload,
    expiresAt: link.expiresAt?.toISOString() ?? null,
    sharedAt: link.createdAt.toISOString(),
  }));
}

/** The live link `linkId` if the client may see it; else the same "not valid" answer as the share page. */
export async function portalLink(platform: Platform, db: TenantDb, client: PortalClient, linkId: string): Promise<ShareLinkRow> {
  const [link] = await db
    .select()
    .from(tenant.shareLinks)
    .where(and(eq(tenant.shareLinks.id, linkId), visibleTo(client), live(platform.clock.now())));
  if (!link) throw linkNotValid();
  return link;
}
