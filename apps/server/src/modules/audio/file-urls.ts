/**
 * Signed, expiring URLs to a version's files. Callers check that the person may see the version first;
 * the URL then carries that permission for a short while (default 15 minutes) to the browser's <audio>,
 * fetch or download, which send no credentials of their own we could check.
 */
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { fileUrlSecret, signFileAccess } from '../../platform/storage/signed-urls.ts';
import { notFound } from '../../platform/errors.ts';
import { canDownloadVersion } from './download-gate.ts';
import { processingErrorFromStored, type ProcessingErrorCode } from './processing-errors.ts';

export const FILE_URL_KINDS = ['audio', 'preview', 'peaks', 'download'] as const;
export type FileUrlKind = (typeof FILE_URL_KINDS)[number];
export type Audience = 'staff' | 'client';

export const DEFAULT_URL_TTL_SECONDS = 15 * 60;

export interface FileUrlStudio {
  id: string;
  slug: string;
}

/**
 * Expiries are rounded up to the next minute boundary: URLs signed within the same minute are identical,
 * so the browser's cache serves a reopened page's peaks and audio instead of downloading them again.
 */
const EXPIRY_STEP_SECONDS = 60;

function expiryFor(platform: Platform, ttlSeconds: number): number {
  const at = Math.floor(platform.clock.now().getTime() / 1000) + Math.max(1, Math.floor(ttlSeconds));
  return ttlSeconds >= 2 * EXPIRY_STEP_SECONDS ? Math.ceil(at / EXPIRY_STEP_SECONDS) * EXPIRY_STEP_SECONDS : at;
}

export function signedFileUrl(
  platform: Platform,
  studio: FileUrlStudio,
  target: { versionId: string; kind: FileUrlKind; audience?: Audience },
  ttlSeconds = DEFAULT_URL_TTL_SECONDS,
): string {
  const audience = target.audience ?? 'client';
  const expiresAt = expiryFor(platform, ttlSeconds);
  const signature = signFileAccess(fileUrlSecret(platform.config), {
    studioId: studio.id,
    versionId: target.versionId,
    kind: target.kind,
    audience,
    expiresAt,
  });
  return `/s/${studio.slug}/files/${target.versionId}/${target.kind}?a=${audience}&e=${expiresAt}&s=${signature}`;
}

export interface VersionUrls {
  versionId: string;
  processing: 'pending' | 'ready' | 'failed';
  /** A sentence for staff, and its code (processing-errors.ts); never ffmpeg's own words. */
  processingError: string | null;
  processingErrorCode: ProcessingErrorCode | null;
  /** The original file, inline (for the player when there is no preview). */
  audio: string;
  /** The compressed preview, when one was made. */
  preview: string | null;
  /** Waveform peaks (see @rsm/shared/peaks-format), once computed. */
  peaks: string | null;
  /** What a player should stream: the preview when there is one, else the original. */
  playback: string;
  /** The original as an attachment; null when the payment gate keeps it locked for this audience. */
  download: string | null;
  downloadAllowed: boolean;
  durationMs: number | null;
  expiresAt: string;
}

export async function versionUrls(
  platform: Platform,
  db: TenantDb,
  studio: FileUrlStudio,
  versionId: string,
  audience: Audience,
  ttlSeconds = DEFAULT_URL_TTL_SECONDS,
): Promise<VersionUrls> {
  const [version] = await db.select().from(tenant.trackVersions).where(eq(tenant.trackVersions.id, versionId)).limit(1);
  if (!version) throw notFound('version');
  const sign = (kind: FileUrlKind) => signedFileUrl(platform, studio, { versionId, kind, audience }, ttlSeconds);
  const downloadAllowed = audience === 'staff' || (await canDownloadVersion(db, versionId)).allowed;
  const audio = sign('audio');
  const preview = version.previewKey ? sign('preview') : null;
  return {
    versionId,
    processing: version.processing,
    processingError: processingErrorFromStored(version.processingError)?.message ?? null,
    processingErrorCode: processingErrorFromStored(version.processingError)?.code ?? null,
    audio,
    preview,
    peaks: version.peaksKey ? sign('peaks') : null,
    playback: preview ?? audio,
    download: downloadAllowed ? sign('download') : null,
    downloadAllowed,
    durationMs: version.durationMs,
    expiresAt: new Date(expiryFor(platform, ttlSeconds) * 1000).toISOString(),
  };
}
