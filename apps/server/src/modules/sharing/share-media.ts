/**
 * Short-lived signed media URLs of a share link. The URL names the link, the version and the mode
 * (stream or download) and carries an expiry and an HMAC. The key is the link's token hash: a secret
 * only the database holds, different for every link, so a URL can only be minted by the server and
 * dies with its link. The media route re-checks the link (revoked, expired, stream-only, payment gate)
 * on every request: a signature alone never serves a byte.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** stream: the preview (or the original) inline; download: the original as an attachment; peaks: the waveform data. */
export type MediaMode = 'stream' | 'download' | 'peaks';
/** Long enough for a listening session; the route re-checks the link on every request, so revoking still stops it at once. */
export const STREAM_URL_TTL_SECONDS = 4 * 3600;
export const DOWNLOAD_URL_TTL_SECONDS = 5 * 60;

export interface MediaClaim {
  slug: string;
  linkId: string;
  versionId: string;
  mode: MediaMode;
  /** Unix seconds. */
  expires: number;
}

function signature(key: string, claim: MediaClaim): string {
  return createHmac('sha256', key).update(`share-media|${claim.slug}|${claim.linkId}|${claim.versionId}|${claim.mode}|${claim.expires}`).digest('base64url');
}

/** A path relative to the page's origin, so it works on the path form and on the studio's sub-domain. */
export function signMediaUrl(key: string, claim: MediaClaim): string {
  return `/api/share-media/${encodeURIComponent(claim.slug)}/${claim.linkId}/${claim.versionId}/${claim.mode}?exp=${claim.expires}&sig=${signature(key, claim)}`;
}

export function verifyMediaSignature(key: string, claim: MediaClaim, sig: string, nowSeconds: number): boolean {
  if (!Number.isSafeInteger(claim.expires) || claim.expires < nowSeconds) return false;
  const expected = Buffer.from(signature(key, claim));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * The unlocked state of a password-protected link: `<expires>.<hmac>` keyed by the link's password
 * hash, so it opens that link only and stops working when the password changes.
 */
export const UNLOCK_TTL_SECONDS = 12 * 3600;

export function signUnlock(passwordHash: string, linkId: string, expires: number): string {
  return `${expires}.${createHmac('sha256', passwordHash).update(`share-unlock|${linkId}|${expires}`).digest('base64url')}`;
}

export function verifyUnlock(passwordHash: string, linkId: string, grant: string, nowSeconds: number): boolean {
  const [expiresText, sig] = grant.split('.');
  const expires = Number(expiresText);
  if (!sig || !Number.isSafeInteger(expires) || expires < nowSeconds) return false;
  const expected = Buffer.from(signUnlock(passwordHash, linkId, expires));
  const given = Buffer.from(grant);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
