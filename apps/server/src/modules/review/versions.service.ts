/**
 * The version stack of a track: every upload is a new numbered version, nothing is overwritten or
 * deleted here. One version is "current" (what everyone listens to by default) and one may be the
 * "approved master" (only a processed, non-stems version: a stems archive or a failed upload cannot be
 * the master). Uploading and processing belong to the audio module; this module reads and labels.
 */
import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { processingErrorFromStored, type ProcessingErrorCode } from '../audio/processing-errors.ts';
import { tenant } from '@rsm/db';
import type { VersionLabel } from '@rsm/shared/review-schemas';
import { AppError, notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../studios/studio-context.ts';

type VersionRow = typeof tenant.trackVersions.$inferSelect;

export interface VersionSummary {
  id: string;
  trackId: string;
  number: number;
  label: VersionLabel;
  note: string;
  uploadedBy: string | null;
  uploaderName: string | null;
  createdAt: string;
  processing: 'pending' | 'ready' | 'failed';
  processingError: string | null;
  processingErrorCode: ProcessingErrorCode | null;
  durationMs: number | null;
  sampleRate: number | null;
  channels: number | null;
  integratedLufs: number | null;
  truePeakDb: number | null;
  hasPeaks: boolean;
  hasPreview: boolean;
  originalName: string;
  format: string;
  sizeBytes: number;
  isCurrent: boolean;
  isApprovedMaster: boolean;
  releaseWhenPaid: boolean;
  comments: { open: number; resolved: number };
}

export interface TrackVersions {
  trackId: string;
  title: string;
  projectId: string;
  currentVersionId: string | null;
  approvedMasterVersionId: string | null;
  versions: VersionSummary[];
}

async function loadTrack(db: Pick<TenantDb, 'select'>, trackId: string) {
  const [track] = await db.select().from(tenant.tracks).where(eq(tenant.tracks.id, trackId)).limit(1);
  if (!track) throw notFound('track');
  return track;
}

/** Root comments per version, open and resolved (replies are part of their thread). One grouped query. */
async function commentCounts(db: TenantDb, versionIds: string[]) {
  const counts = new Map<string, { open: number; resolved: number }>();
  if (versionIds.length === 0) return counts;
  const c = tenant.versionComments;
  const rows = await db
    .select({ versionId: c.versionId, resolved: sql<boolean>`${c.resolvedAt} IS NOT NULL`, n: count() })
    .from(c)
    .where(and(inArray(c.versionId, versionIds), isNull(c.parentId), isNull(c.deletedAt)))
    .groupBy(c.versionId, sql`${c.resolvedAt} IS NOT NULL`);
  for (const row of rows) {
    const entry = counts.get(row.versionId) ?? { open: 0, resolved: 0 };
    if (row.resolved) entry.resolved = Number(row.n);
    else entry.open = Number(row.n);
    counts.set(row.versionId, entry);
  }
  return counts;
}

/** Newest version first (the top of the stack). Uploader names are filled in by the caller (control database). */
export async function listVersions(db: TenantDb, trackId: string): Promise<TrackVersions> {
  const track = await loadTrack(db, trackId);
  const rows = await db
    .select({
      version: tenant.trackVersions,
      file: { originalName: tenant.storedFiles.originalName, format: tenant.storedFiles.format, sizeBytes: tenant.storedFiles.sizeBytes },
    })
    .from(tenant.trackVersions)
    .innerJoin(tenant.storedFiles, eq(tenant.storedFiles.id, tenant.trackVersions.fileId))
    .where(eq(tenant.trackVersions.trackId, trackId))
    .orderBy(asc(tenant.trackVersions.number));
  const counts = await commentCounts(
    db,
    rows.map((r) => r.version.id),
  );
  const versions = rows.reverse().map(({ version: v, file }) => ({
    ...toVersionFacts(v),
    uploaderName: null,
    originalName: file.originalName,
    format: file.format,
    sizeBytes: file.sizeBytes,
    isCurrent: track.currentVersionId === v.id,
    isApprovedMaster: track.approvedMasterVersionId === v.id,
    comments: counts.get(v.id) ?? { open: 0, resolved: 0 },
  }));
  return {
    trackId: track.id,
    title: track.title,
    projectId: track.projectId,
    currentVersionId: track.currentVersionId,
    approvedMasterVersionId: track.approvedMasterVersionId,
    versions,
  };
}

function toVersionFacts(v: VersionRow) {
  return {
    id: v.id,
    trackId: v.trackId,
    number: v.number,
    label: v.label,
    note: v.note,
    uploadedBy: v.uploadedBy,
    createdAt: v.createdAt.toISOString(),
    processing: v.processing,
    processingError: processingErrorFromStored(v.processingError)?.message ?? null,
    processingErrorCode: processingErrorFromStored(v.processingError)?.code ?? null,
    durationMs: v.durationMs,
    sampleRate: v.sampleRate,
    channels: v.channels,
    integratedLufs: v.integratedLufs,
    truePeakDb: v.truePeakDb,
    hasPeaks: v.peaksKey !== null,
    hasPreview: v.previewKey !== null,
    releaseWhenPaid: v.releaseWhenPaid,
  };
}

/** A version and its track, or NOT_FOUND. */
export async function loadVersion(db: Pick<TenantDb, 'select'>, versionId: string) {
  const [row] = await db
    .select({ version: tenant.trackVersions, track: tenant.tracks })
    .from(tenant.trackVersions)
    .innerJoin(tenant.tracks, eq(tenant.tracks.id, tenant.trackVersions.trackId))
    .where(eq(tenant.trackVersions.id, versionId))
    .limit(1);
  if (!row) throw notFound('version');
  return row;
}

/** Label and note are the only things of a version anyone edits; the audio never changes. */
export async function updateVersion(db: TenantDb, actor: Actor, input: { versionId: string; label?: VersionLabel; note?: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const { version, track } = await loadVersion(tx, input.versionId);
    // Relabelling the approved master as stems would break the approval rule below: refuse instead.
    if (input.label === 'stems' && track.approvedMasterVersionId === version.id)
      throw new AppError('BAD_REQUEST', 'The approved master cannot be labelled stems', { reason: 'masterStems' });
    const changes = { ...(input.label !== undefined ? { label: input.label } : {}), ...(input.note !== undefined ? { note: input.note } : {}) };
    await tx.update(tenant.trackVersions).set(changes).where(eq(tenant.trackVersions.id, version.id));
    await recordAudit(tx, actor, 'version.updated', 'track_version', version.id, {
      trackId: version.trackId,
      from: { label: version.label, note: version.note },
      to: changes,
    });
  });
}

export async function setCurrentVersion(db: TenantDb, actor: Actor, versionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { version, track } = await loadVersion(tx, versionId);
    if (track.currentVersionId === version.id) return;
    await tx.update(tenant.tracks).set({ currentVersionId: version.id, updatedAt: new Date() }).where(eq(tenant.tracks.id, track.id));
    await recordAudit(tx, actor, 'version.set_current', 'track', track.id, { versionId: version.id, number: version.number, previous: track.currentVersionId });
  });
}

/** Approve a version as the master of its track, or clear the approval (`versionId` null). */
export async function setApprovedMaster(db: TenantDb, actor: Actor, trackId: string, versionId: string | null): Promise<void> {
  await db.transaction(async (tx) => {
    // Row lock: two people approving at once end with one recorded decision each, in order.
    const [track] = await tx.select().from(tenant.tracks).where(eq(tenant.tracks.id, trackId)).for('update');
    if (!track) throw notFound('track');
    if (versionId === null) {
      if (track.approvedMasterVersionId === null) return;
      await tx.update(tenant.tracks).set({ approvedMasterVersionId: null, updatedAt: new Date() }).where(eq(tenant.tracks.id, trackId));
      await recordAudit(tx, actor, 'version.master_cleared', 'track', trackId, { previous: track.approvedMasterVersionId });
      return;
    }
    const { version } = await loadVersion(tx, versionId);
    if (version.trackId !== trackId) throw notFound('version');
    if (version.label === 'stems') throw new AppError('BAD_REQUEST', 'A stems version cannot be the approved master', { reason: 'masterStems' });
    if (version.processing !== 'ready') throw new AppError('BAD_REQUEST', 'Only a processed version can be the approved master', { reason: 'masterNotReady' });
    if (track.approvedMasterVersionId === versionId) return;
    await tx.update(tenant.tracks).set({ approvedMasterVersionId: versionId, updatedAt: new Date() }).where(eq(tenant.tracks.id, trackId));
    await recordAudit(tx, actor, 'version.master_approved', 'track', trackId, {
      versionId,
      number: version.number,
      label: version.label,
      previous: track.approvedMasterVersionId,
    });
  });
}
