/**
 * Staff side of share links: create one link per recipient (the link is shown once: only the token's
 * hash is kept), list a project's / track's / version's links with their counts and status, revoke,
 * change the expiry.
 */
import { and, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { CreateShareLinksInput, ShareStatus, ShareTarget } from '@rsm/shared/sharing-schemas';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { hashPassword } from '../../platform/security/passwords.ts';
import { hashToken, newToken } from '../../platform/security/tokens.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor, StudioContext } from '../studios/studio-context.ts';
import { mailShareRecipients } from './share-notices.ts';

const MAX_LINKS_PER_PAGE = 200;

export interface ResolvedTarget {
  kind: ShareTarget['kind'];
  projectId: string;
  trackId: string | null;
  versionId: string | null;
}

/** The project / track / version chain of a target, or NOT_FOUND. */
export async function resolveTarget(db: TenantDb, target: ShareTarget): Promise<ResolvedTarget> {
  if (target.kind === 'project') {
    const [row] = await db.select({ id: tenant.projects.id }).from(tenant.projects).where(eq(tenant.projects.id, target.id));
    if (!row) throw notFound('project');
    return { kind: 'project', projectId: row.id, trackId: null, versionId: null };
  }
  if (target.kind === 'track') {
    const [row] = await db.select({ id: tenant.tracks.id, projectId: tenant.tracks.projectId }).from(tenant.tracks).where(eq(tenant.tracks.id, target.id));
    if (!row) throw notFound('track');
    return { kind: 'track', projectId: row.projectId, trackId: row.id, versionId: null };
  }
  const [row] = await db
    .select({ id: tenant.trackVersions.id, trackId: tenant.trackVersions.trackId, projectId: tenant.tracks.projectId })
    .from(tenant.trackVersions)
    .innerJoin(tenant.tracks, eq(tenant.tracks.id, tenant.trackVersions.trackId))
    .where(eq(tenant.trackVersions.id, target.id));
  if (!row) throw notFound('version');
  return { kind: 'version', projectId: row.projectId, trackId: row.trackId, versionId: row.id };
}

/** Path form works on every deployment; the studio's sub-domain serves the same page at /share/<token>. */
export const shareUrl = (platform: Platform, slug: string, token: string) => `${platform.config.APP_URL}/s/${slug}/share/${token}`;

export function shareStatus(link: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): ShareStatus {
  if (link.revokedAt) return 'revoked';
  if (link.expiresAt && link.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export async function createShareLinks(
  platform: Platform,
  db: TenantDb,
  studio: StudioContext,
  actor: Actor,
  input: CreateShareLinksInput & { allowDownload: boolean },
) {
  const target = await resolveTarget(db, input.target);
  const now = platform.clock.now();
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) throw new AppError('BAD_REQUEST', 'The expiry must be in the future', { field: 'expiresAt' });
  const recipients = input.recipients?.length ? input.recipients : [{ name: '', email: '', clientId: null }];
  const clientIds = [...new Set(recipients.map((r) => r.clientId ?? input.clientId ?? null).filter((id): id is string => !!id))];
  if (clientIds.length) {
    const found = await db
      .select({ id: tenant.clients.id })
      .from(tenant.clients)
      .where(and(inArray(tenant.clients.id, clientIds), isNull(tenant.clients.erasedAt)));
    if (found.length !== clientIds.length) throw notFound('client');
  }
  // One hash for the batch: every recipient's link shares the password, and argon2 is deliberately slow.
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const rows = recipients.map((r) => ({ token: newToken(), name: r.name ?? '', email: r.email ?? '', clientId: r.clientId ?? input.clientId ?? null }));
  const created = await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(tenant.shareLinks)
      .values(
        rows.map((r) => ({
          targetKind: target.kind,
          projectId: target.projectId,
          trackId: target.trackId,
          versionId: target.versionId,
          tokenHash: hashToken(r.token),
          recipientName: r.name,
          recipientEmail: r.email,
          clientId: r.clientId,
          passwordHash,
          expiresAt,
          allowDownload: input.allowDownload,
          createdBy: actor.userId,
        })),
      )
      .returning({ id: tenant.shareLinks.id, tokenHash: tenant.shareLinks.tokenHash });
    await recordAudit(tx, actor, 'share.create', input.target.kind, input.target.id, {
      links: inserted.length,
      allowDownload: input.allowDownload,
      password: !!passwordHash,
      expiresAt: expiresAt?.toISOString() ?? null,
    });
    return inserted;
  });
  const links = rows.map((r) => {
    const link = created.find((c) => c.tokenHash === hashToken(r.token))!;
    return { id: link.id, url: shareUrl(platform, studio.slug, r.token), recipientName: r.name, recipientEmail: r.email, clientId: r.clientId };
  });
  // Each recipient gets their link by mail (the studio also sees the URLs once, to pass on by other means).
  await mailShareRecipients(platform, db, studio, target, links, { expiresAt, password: passwordHash !== null });
  return links;
}

export async function listShareLinks(platform: Platform, db: TenantDb, target: ShareTarget) {
  const where: SQL =
    target.kind === 'project'
      ? eq(tenant.shareLinks.projectId, target.id)
      : target.kind === 'track'
        ? eq(tenant.shareLinks.trackId, target.id)
        : eq(tenant.shareLinks.versionId, target.id);
  const rows = await db
    .select({
      link: tenant.shareLinks,
      trackTitle: tenant.tracks.title,
      versionNumber: tenant.trackVersions.number,
      clientName: tenant.clients.name,
    })
    .from(tenant.shareLinks)
    .leftJoin(tenant.tracks, eq(tenant.tracks.id, tenant.shareLinks.trackId))
    .leftJoin(tenant.trackVersions, eq(tenant.trackVersions.id, tenant.shareLinks.versionId))
    .leftJoin(tenant.clients, eq(tenant.clients.id, tenant.shareLinks.clientId))
    .where(where)
    .orderBy(desc(tenant.shareLinks.createdAt), desc(tenant.shareLinks.id))
    .limit(MAX_LINKS_PER_PAGE);
  const now = platform.clock.now();
  return rows.map(({ link, trackTitle, versionNumber, clientName }) => ({
    id: link.id,
    targetKind: link.targetKind,
    trackTitle,
    versionNumber,
    recipientName: link.recipientName,
    recipientEmail: link.recipientEmail,
    clientId: link.clientId,
    clientName,
    hasPassword: link.passwordHash !== null,
    allowDownload: link.allowDownload,
    expiresAt: link.expiresAt?.toISOString() ?? null,
    revokedAt: link.revokedAt?.toISOString() ?? null,
    status: shareStatus(link, now),
    viewCount: link.viewCount,
    playCount: link.playCount,
    downloadCount: link.downloadCount,
    lastAccessedAt: link.lastAccessedAt?.toISOString() ?? null,
    createdAt: link.createdAt.toISOString(),
  }));
}

export async function revokeShareLink(platform: Platform, db: TenantDb, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(tenant.shareLinks)
      .set({ revokedAt: platform.clock.now() })
      .where(and(eq(tenant.shareLinks.id, id), isNull(tenant.shareLinks.revokedAt)))
      .returning({ id: tenant.shareLinks.id });
    if (!row) throw notFound('share link');
    await recordAudit(tx, actor, 'share.revoke', 'share_link', id, {});
  });
}

/** Extend (or shorten, or remove) a live link's expiry; an expired link can be brought back this way. */
export async function setShareExpiry(platform: Platform, db: TenantDb, actor: Actor, id: string, expiresAtIso: string | null): Promise<void> {
  const expiresAt = expiresAtIso ? new Date(expiresAtIso) : null;
  if (expiresAt && expiresAt.getTime() <= platform.clock.now().getTime())
    throw new AppError('BAD_REQUEST', 'The expiry must be in the future', { field: 'expiresAt' });
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(tenant.shareLinks)
      .set({ expiresAt })
      .where(and(eq(tenant.shareLinks.id, id), isNull(tenant.shareLinks.revokedAt)))
      .returning({ id: tenant.shareLinks.id });
    if (!row) throw notFound('share link');
    await recordAudit(tx, actor, 'share.expiry', 'share_link', id, { expiresAt: expiresAt?.toISOString() ?? null });
  });
}

/** The latest views, plays and downloads of a link, for the activity list. */
export async function shareLinkActivity(db: TenantDb, id: string, limit = 50) {
  const rows = await db
    .select({ kind: tenant.shareLinkEvents.kind, at: tenant.shareLinkEvents.at, versionNumber: tenant.trackVersions.number, trackTitle: tenant.tracks.title })
    .from(tenant.shareLinkEvents)
    .leftJoin(tenant.trackVersions, eq(tenant.trackVersions.id, tenant.shareLinkEvents.versionId))
    .leftJoin(tenant.tracks, eq(tenant.tracks.id, tenant.trackVersions.trackId))
    .where(eq(tenant.shareLinkEvents.linkId, id))
    .orderBy(desc(tenant.shareLinkEvents.at))
    .limit(limit);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
