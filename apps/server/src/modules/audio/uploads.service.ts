/**
 * What an upload needs from the studio's database: the target track and the new version once the file is
 * complete (the storage quota: upload-reservations.ts). Framework-free: the tus wiring calls these.
 */
import { and, asc, eq, max } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { releaseReservation } from './upload-reservations.ts';

const VERSION_LABELS = tenant.VERSION_LABELS;
export type VersionLabel = (typeof VERSION_LABELS)[number];

export interface UploadMetadata {
  trackId: string;
  label: VersionLabel;
  note: string;
  /** For display only; never part of a storage path. */
  filename: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const NOTE_MAX = 2000;

/** A display name from whatever the browser sent: last path segment, no control characters, at most 200 characters. */
export function cleanFilename(raw: string | null | undefined): string {
  const last = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = last
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'upload' : cleaned;
}

/** Validate tus `Upload-Metadata`; throws BAD_REQUEST with a field name. */
export function parseUploadMetadata(metadata: Record<string, string | null | undefined>): UploadMetadata {
  const trackId = (metadata.trackId ?? '').toLowerCase();
  if (!UUID.test(trackId)) throw new AppError('BAD_REQUEST', 'The upload does not name a valid track', { field: 'trackId' });
  const label = (metadata.label ?? 'mix') as VersionLabel;
  if (!VERSION_LABELS.includes(label)) throw new AppError('BAD_REQUEST', 'Unknown version label', { field: 'label' });
  const note = (metadata.note ?? '').trim();
  if (note.length > NOTE_MAX) throw new AppError('BAD_REQUEST', `The note is longer than ${NOTE_MAX} characters`, { field: 'note' });
  return { trackId, label, note, filename: cleanFilename(metadata.filename ?? metadata.name) };
}

export async function trackExists(db: TenantDb, trackId: string): Promise<boolean> {
  const [row] = await db.select({ id: tenant.tracks.id }).from(tenant.tracks).where(eq(tenant.tracks.id, trackId)).limit(1);
  return !!row;
}

export interface NewVersionInput extends UploadMetadata {
  fileId: string;
  storageKey: string;
  sizeBytes: number;
  format: string;
  mimeType: string;
  sha256: string;
  uploadedBy: string;
  /** The tus upload this file came from: its storage reservation is dropped in the same transaction. */
  uploadId: string;
  /** Stems archives need no processing. */
  processing: 'pending' | 'ready';
}

/** The first version of `trackId` whose file has this sha256, if any. */
export async function versionWithContent(
  db: Pick<TenantDb, 'select'>,
  trackId: string,
  sha256: string,
): Promise<{ versionId: string; number: number; processing: 'pending' | 'ready' | 'failed'; fileId: string } | null> {
  const [row] = await db
    .select({
      versionId: tenant.trackVersions.id,
      number: tenant.trackVersions.number,
      processing: tenant.trackVersions.processing,
      fileId: tenant.trackVersions.fileId,
    })
    .from(tenant.trackVersions)
    .innerJoin(tenant.storedFiles, eq(tenant.storedFiles.id, tenant.trackVersions.fileId))
    .where(and(eq(tenant.trackVersions.trackId, trackId), eq(tenant.storedFiles.sha256, sha256)))
    .orderBy(asc(tenant.trackVersions.number))
    .limit(1);
  return row ?? null;
}

export interface RecordedVersion {
  versionId: string;
  number: number;
  processing: 'pending' | 'ready' | 'failed';
  /** Recorded by this call (false when a finish runs again after a crash, or the content was there). */
  created: boolean;
  /** The track already had a version with this content, under another file: that version is returned. */
  sameContent: boolean;
}

/**
 * Record the file and its version in one transaction, idempotently. The track row is locked, so two
 * uploads finishing at once get consecutive numbers and the same content is recorded once; the new
 * version becomes the track's current one.
 */
export async function recordVersion(db: TenantDb, input: NewVersionInput): Promise<RecordedVersion> {
  return db.transaction(async (tx) => {
    const [track] = await tx.select({ id: tenant.tracks.id }).from(tenant.tracks).where(eq(tenant.tracks.id, input.trackId)).for('update');
    if (!track) throw new AppError('NOT_FOUND', 'This track no longer exists', { what: 'track' });
    // The bytes move from reserved to stored in this one commit: a quota check never counts them twice or not at all.
    await releaseReservation(tx, input.uploadId);
    const [mine] = await tx
      .select({ versionId: tenant.trackVersions.id, number: tenant.trackVersions.number, processing: tenant.trackVersions.processing })
      .from(tenant.trackVersions)
      .where(eq(tenant.trackVersions.fileId, input.fileId))
      .limit(1);
    if (mine) return { ...mine, created: false, sameContent: false };
    const same = await versionWithContent(tx, input.trackId, input.sha256);
    if (same) return { versionId: same.versionId, number: same.number, processing: same.processing, created: false, sameContent: true };
    const [file] = await tx
      .insert(tenant.storedFiles)
      .values({
        id: input.fileId,
        storageKey: input.storageKey,
        originalName: input.filename,
        sizeBytes: input.sizeBytes,
        format: input.format,
        mimeType: input.mimeType,
        sha256: input.sha256,
        uploadedBy: input.uploadedBy,
      })
      .returning({ id: tenant.storedFiles.id });
    const [last] = await tx
      .select({ n: max(tenant.trackVersions.number) })
      .from(tenant.trackVersions)
      .where(eq(tenant.trackVersions.trackId, input.trackId));
    const number = (last?.n ?? 0) + 1;
    const [version] = await tx
      .insert(tenant.trackVersions)
      .values({
        trackId: input.trackId,
        number,
        label: input.label,
        note: input.note,
        fileId: file!.id,
        uploadedBy: input.uploadedBy,
        processing: input.processing,
      })
      .returning({ id: tenant.trackVersions.id });
    await tx.update(tenant.tracks).set({ currentVersionId: version!.id, updatedAt: new Date() }).where(eq(tenant.tracks.id, input.trackId));
    await recordAudit(tx, { userId: input.uploadedBy }, 'version.uploaded', 'track_version', version!.id, {
      trackId: input.trackId,
      number,
      label: input.label,
      sizeBytes: input.sizeBytes,
      format: input.format,
      sha256: input.sha256,
    });
    return { versionId: version!.id, number, processing: input.processing, created: true, sameContent: false };
  });
}
