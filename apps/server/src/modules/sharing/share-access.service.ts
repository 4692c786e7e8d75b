/**
 * The recipient's side of a share link: open it (password when it has one), see what it shares with
 * short-lived signed media URLs, count plays, comment. Unknown, expired and revoked tokens all get the
 * same "link not valid" answer. Password attempts are rate limited per IP and per link.
 */
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { verifyPassword } from '../../platform/security/passwords.ts';
import type { RateRule } from '../../platform/security/rate-limit.ts';
import { hashToken } from '../../platform/security/tokens.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import type { StudioContext } from '../studios/studio-context.ts';
import { canDownloadVersion } from '../audio/download-gate.ts';
import { DOWNLOAD_URL_TTL_SECONDS, signMediaUrl, signUnlock, STREAM_URL_TTL_SECONDS, UNLOCK_TTL_SECONDS, verifyUnlock } from './share-media.ts';
import { shareStatus } from './share-links.service.ts';
import { loadSharedContent, type ShareLinkRow, type SharedVersion } from './share-view.ts';

/** Same seconds in which a second "play" of the same version counts once (seeking, a double click, a reload). */
export const PLAY_DEDUPE_SECONDS = 5;
const VIEW_DEDUPE_SECONDS = 60;

export const SHARE_PASSWORD_LIMITS = (ip: string, linkId: string): RateRule[] => [
  { key: `share-password:ip:${ip}`, limit: 20, windowSeconds: 15 * 60 },
  { key: `share-password:link:${linkId}`, limit: 10, windowSeconds: 15 * 60 },
];
/** Opening links is cheap for a visitor and every page load re-opens; this only stops token scanning. */
export const SHARE_OPEN_LIMITS = (ip: string): RateRule[] => [{ key: `share-open:ip:${ip}`, limit: 300, windowSeconds: 15 * 60 }];

export const linkNotValid = () => new AppError('TOKEN_INVALID', 'This link is not valid', { reason: 'share_invalid' });

/** The live link of a token, or null (unknown, revoked or expired: callers answer them alike). */
export async function findLiveLink(platform: Platform, db: TenantDb, token: string): Promise<ShareLinkRow | null> {
  const [link] = await db
    .select()
    .from(tenant.shareLinks)
    .where(eq(tenant.shareLinks.tokenHash, hashToken(token)));
  if (!link || shareStatus(link, platform.clock.now()) !== 'active') return null;
  return link;
}

const nowSeconds = (platform: Platform) => Math.floor(platform.clock.now().getTime() / 1000);

/**
 * The link of a token once its password (if any) is satisfied, by the password itself or by an unlock
 * grant issued earlier; `grant` is returned so the page can keep it for this link only.
 */
export async function unlockLink(platform: Platform, db: TenantDb, ip: string, input: { token: string; password?: string | null; grant?: string | null }) {
  await platform.rateLimiter.hit(SHARE_OPEN_LIMITS(ip));
  const link = await findLiveLink(platform, db, input.token);
  if (!link) throw linkNotValid();
  if (!link.passwordHash) return { link, grant: null, locked: false as const };
  if (input.grant && verifyUnlock(link.passwordHash, link.id, input.grant, nowSeconds(platform))) return { link, grant: input.grant, locked: false as const };
  if (!input.password) return { link, grant: null, locked: true as const };
  await platform.rateLimiter.hit(SHARE_PASSWORD_LIMITS(ip, link.id));
  if (!(await verifyPassword(link.passwordHash, input.password))) throw new AppError('INVALID_CREDENTIALS', 'Wrong password', { reason: 'share_password' });
  return { link, grant: signUnlock(link.passwordHash, link.id, nowSeconds(platform) + UNLOCK_TTL_SECONDS), locked: false as const };
}

/** Like `unlockLink` but refuses a link still waiting for its password. */
export async function requireOpenLink(platform: Platform, db: TenantDb, ip: string, input: { token: string; grant?: string | null }): Promise<ShareLinkRow> {
  const result = await unlockLink(platform, db, ip, { token: input.token, grant: input.grant ?? null });
  if (result.locked) throw new AppError('UNAUTHORIZED', 'This link needs its password', { reason: 'share_password_required' });
  return result.link;
}

export async function studioBranding(db: TenantDb, studio: StudioContext) {
  const [policy] = await db
    .select({ brandColor: tenant.bookingPolicy.brandColor, hasLogo: sql<boolean>`${tenant.bookingPolicy.logo} IS NOT NULL` })
    .from(tenant.bookingPolicy)
    .limit(1);
  return { name: studio.name, slug: studio.slug, brandColor: policy?.brandColor ?? '#6366f1', hasLogo: policy?.hasLogo ?? false };
}

export type VersionDownload = { state: 'available'; url: string } | { state: 'stream_only' } | { state: 'locked'; reason: string };

async function versionView(platform: Platform, db: TenantDb, studio: StudioContext, link: ShareLinkRow, v: SharedVersion) {
  const now = nowSeconds(platform);
  const claim = { slug: studio.slug, linkId: link.id, versionId: v.id };
  let download: VersionDownload;
  if (!link.allowDownload) download = { state: 'stream_only' };
  else {
    // The one payment gate of the product (audio module): "released when paid" versions wait for their invoice.
    // Versions not marked so are never gated, which spares a query per version of a large project.
    const decision = v.releaseWhenPaid ? await canDownloadVersion(db, v.id) : ({ allowed: true } as const);
    download = decision.allowed
      ? { state: 'available', url: signMediaUrl(link.tokenHash, { ...claim, mode: 'download', expires: now + DOWNLOAD_URL_TTL_SECONDS }) }
      : { state: 'locked', reason: decision.reason };
  }
  return {
    id: v.id,
    number: v.number,
    label: v.label,
    note: v.note,
    durationMs: v.durationMs,
    ready: v.processing === 'ready',
    createdAt: v.createdAt.toISOString(),
    streamUrl: signMediaUrl(link.tokenHash, { ...claim, mode: 'stream', expires: now + STREAM_URL_TTL_SECONDS }),
    /** Waveform data for the player, once processing has computed it. */
    peaksUrl: v.peaksKey ? signMediaUrl(link.tokenHash, { ...claim, mode: 'peaks', expires: now + STREAM_URL_TTL_SECONDS }) : null,
    download,
  };
}

/** What the link shows, with media URLs valid for a few minutes (the page re-opens the link to refresh them). */
export async function sharedItemView(platform: Platform, db: TenantDb, studio: StudioContext, link: ShareLinkRow) {
  const content = await loadSharedContent(db, link);
  if (!content) throw linkNotValid();
  const tracks = [];
  for (const track of content.tracks) {
    const versions = [];
    for (const v of track.versions) versions.push(await versionView(platform, db, studio, link, v));
    tracks.push({ id: track.id, title: track.title, position: track.position, versions });
  }
  return {
    linkId: link.id,
    targetKind: link.targetKind,
    projectName: content.projectName,
    recipientName: link.recipientName,
    allowDownload: link.allowDownload,
    expiresAt: link.expiresAt?.toISOString() ?? null,
    /** Comments need a known author: a client of the studio, or at least a recipient's name. */
    canComment: link.clientId !== null || link.recipientName.trim() !== '',
    tracks,
  };
}

/** One event, de-duplicated within `dedupeSeconds` for the same link and version, and the link's counter. */
export async function recordShareEvent(
  platform: Platform,
  db: TenantDb,
  link: ShareLinkRow,
  kind: 'view' | 'play' | 'download',
  versionId: string | null,
  dedupeSeconds = 0,
): Promise<boolean> {
  const now = platform.clock.now();
  return db.transaction(async (tx) => {
    // Serialise events of one link so two concurrent "play" calls cannot both pass the de-duplication.
    await tx.execute(sql`SELECT 1 FROM share_links WHERE id = ${link.id} FOR UPDATE`);
    if (dedupeSeconds > 0) {
      const [recent] = await tx
        .select({ at: tenant.shareLinkEvents.at })
        .from(tenant.shareLinkEvents)
        .where(
          and(
            eq(tenant.shareLinkEvents.linkId, link.id),
            eq(tenant.shareLinkEvents.kind, kind),
            versionId ? eq(tenant.shareLinkEvents.versionId, versionId) : sql`${tenant.shareLinkEvents.versionId} IS NULL`,
            gt(tenant.shareLinkEvents.at, new Date(now.getTime() - dedupeSeconds * 1000)),
          ),
        )
        .orderBy(desc(tenant.shareLinkEvents.at))
        .limit(1);
      if (recent) return false;
    }
    await tx.insert(tenant.shareLinkEvents).values({ linkId: link.id, kind, versionId, at: now });
    const counter = kind === 'view' ? tenant.shareLinks.viewCount : kind === 'play' ? tenant.shareLinks.playCount : tenant.shareLinks.downloadCount;
    await tx
      .update(tenant.shareLinks)
      .set({ [kind === 'view' ? 'viewCount' : kind === 'play' ? 'playCount' : 'downloadCount']: sql`${counter} + 1`, lastAccessedAt: now })
      .where(eq(tenant.shareLinks.id, link.id));
    return true;
  });
}

export async function openShare(
  platform: Platform,
  db: TenantDb,
  studio: StudioContext,
  ip: string,
  input: { token: string; password?: string | null; grant?: string | null },
) {
  const branding = await studioBranding(db, studio);
  const { link, grant, locked } = await unlockLink(platform, db, ip, input);
  if (locked) return { state: 'password_required' as const, studio: branding };
  const item = await sharedItemView(platform, db, studio, link);
  await recordShareEvent(platform, db, link, 'view', null, VIEW_DEDUPE_SECONDS);
  return { state: 'open' as const, studio: branding, grant, item };
}
