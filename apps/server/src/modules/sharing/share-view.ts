/**
 * What a share link shows: a project link its tracks with their current versions, a track link every
 * version of the track, a version link that one version. The same loader answers "may this link reach
 * this version?" for plays, downloads and comments, so what is listed and what is served never differ.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { TenantDb } from '../../platform/tenancy/directory.ts';

export type ShareLinkRow = typeof tenant.shareLinks.$inferSelect;

export interface SharedVersion {
  id: string;
  trackId: string;
  number: number;
  label: string;
  note: string;
  durationMs: number | null;
  processing: 'pending' | 'ready' | 'failed';
  createdAt: Date;
  fileId: string;
  previewKey: string | null;
  peaksKey: string | null;
  releaseWhenPaid: boolean;
  invoiceId: string | null;
}

export interface SharedTrack {
  id: string;
  title: string;
  position: number;
  versions: SharedVersion[];
}

export interface SharedContent {
  projectName: string;
  tracks: SharedTrack[];
}

const versionColumns = {
  id: tenant.trackVersions.id,
  trackId: tenant.trackVersions.trackId,
  number: tenant.trackVersions.number,
  label: tenant.trackVersions.label,
  note: tenant.trackVersions.note,
  durationMs: tenant.trackVersions.durationMs,
  processing: tenant.trackVersions.processing,
  createdAt: tenant.trackVersions.createdAt,
  fileId: tenant.trackVersions.fileId,
  previewKey: tenant.trackVersions.previewKey,
  peaksKey: tenant.trackVersions.peaksKey,
  releaseWhenPaid: tenant.trackVersions.releaseWhenPaid,
  invoiceId: tenant.trackVersions.invoiceId,
};

/** The content a link reaches, in display order (two or three queries whatever the size). */
export async function loadSharedContent(
  db: TenantDb,
  link: Pick<ShareLinkRow, 'targetKind' | 'projectId' | 'trackId' | 'versionId'>,
): Promise<SharedContent | null> {
  const [project] = await db.select({ name: tenant.projects.name }).from(tenant.projects).where(eq(tenant.projects.id, link.projectId));
  if (!project) return null;
  const trackWhere = link.targetKind === 'project' ? eq(tenant.tracks.projectId, link.projectId) : eq(tenant.tracks.id, link.trackId!);
  const tracks = await db
    .select({ id: tenant.tracks.id, title: tenant.tracks.title, position: tenant.tracks.position, currentVersionId: tenant.tracks.currentVersionId })
    .from(tenant.tracks)
    .where(trackWhere)
    .orderBy(asc(tenant.tracks.position), asc(tenant.tracks.title));
  if (tracks.length === 0) return { projectName: project.name, tracks: [] };
  const versions =
    link.targetKind === 'version'
      ? await db.select(versionColumns).from(tenant.trackVersions).where(eq(tenant.trackVersions.id, link.versionId!))
      : await db
          .select(versionColumns)
          .from(tenant.trackVersions)
          .where(
            inArray(
              tenant.trackVersions.trackId,
              tracks.map((t) => t.id),
            ),
          )
          .orderBy(desc(tenant.trackVersions.number));
  return {
    projectName: project.name,
    tracks: tracks
      .map((track) => {
        const own = versions.filter((v) => v.trackId === track.id);
        if (link.targetKind !== 'project') return { id: track.id, title: track.title, position: track.position, versions: own };
        // A project link shows each track's current version (the newest when none was chosen).
        const current = own.find((v) => v.id === track.currentVersionId) ?? own[0];
        return { id: track.id, title: track.title, position: track.position, versions: current ? [current] : [] };
      })
      .filter((t) => link.targetKind !== 'version' || t.versions.length > 0),
  };
}

/** The version if the link reaches it, else null. */
export async function versionReachableByLink(db: TenantDb, link: ShareLinkRow, versionId: string): Promise<SharedVersion | null> {
  if (link.targetKind === 'version') {
    if (link.versionId !== versionId) return null;
    const [row] = await db.select(versionColumns).from(tenant.trackVersions).where(eq(tenant.trackVersions.id, versionId));
    return row ?? null;
  }
  const [row] = await db
    .select({ version: versionColumns, projectId: tenant.tracks.projectId, currentVersionId: tenant.tracks.currentVersionId })
    .from(tenant.trackVersions)
    .innerJoin(tenant.tracks, eq(tenant.tracks.id, tenant.trackVersions.trackId))
    .where(eq(tenant.trackVersions.id, versionId));
  if (!row) return null;
  if (link.targetKind === 'track') return row.version.trackId === link.trackId ? row.version : null;
  if (row.projectId !== link.projectId) return null;
  if (row.currentVersionId) return row.currentVersionId === versionId ? row.version : null;
  const [newest] = await db
    .select({ id: tenant.trackVersions.id })
    .from(tenant.trackVersions)
    .where(and(eq(tenant.trackVersions.trackId, row.version.trackId)))
    .orderBy(desc(tenant.trackVersions.number))
    .limit(1);
  return newest?.id === versionId ? row.version : null;
}
