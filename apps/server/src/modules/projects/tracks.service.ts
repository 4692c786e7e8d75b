/**
 * Tracks of a project. `position` is the track number on the release (1…n, no gaps); every change of
 * numbering locks the project row, so two people adding or reordering tracks at once cannot produce
 * duplicate numbers.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { z } from 'zod';
import type { trackFieldsInput } from '@rsm/shared/projects-schemas';
import { AppError, notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../studios/studio-context.ts';
import type { Tx } from './project-rows.ts';

const t = tenant.tracks;
type TrackFields = z.output<typeof trackFieldsInput>;

async function lockProject(tx: Tx, projectId: string): Promise<void> {
  const [project] = await tx.select({ id: tenant.projects.id }).from(tenant.projects).where(eq(tenant.projects.id, projectId)).for('no key update');
  if (!project) throw notFound('project');
}

/** Writes positions 1…n in the given order, in one statement. */
export async function writeOrder(tx: Tx, table: 'tracks' | 'track_credits', ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const values = sql.join(
    ids.map((id, i) => sql`(${id}::uuid, ${i + 1}::int)`),
    sql`, `,
  );
  await tx.execute(
    sql`UPDATE ${sql.identifier(table)} AS x SET position = v.position FROM (VALUES ${values}) AS v(id, position) WHERE x.id = v.id AND x.position <> v.position`,
  );
}

/** The same ids in a new order, or CONFLICT when the list is not exactly the current one. */
export function assertSameSet(current: string[], proposed: string[], reason: string): void {
  const same = current.length === proposed.length && new Set(proposed).size === proposed.length && proposed.every((id) => current.includes(id));
  if (!same) throw new AppError('CONFLICT', 'The list changed meanwhile; reload it and try again', { reason });
}

export function toTrack(row: typeof t.$inferSelect) {
  return {
    id: row.id,
    projectId: row.projectId,
    number: row.position,
    title: row.title,
    isrc: row.isrc,
    bpm: row.bpm === null ? null : Number(row.bpm),
    musicalKey: row.musicalKey,
    durationSeconds: row.durationSeconds,
    stageStatus: row.stageStatus,
    lyrics: row.lyrics,
    notes: row.notes,
    currentVersionId: row.currentVersionId,
    updatedAt: row.updatedAt.toISOString(),
  };
}

const counts = {
  versionCount: sql<number>`(SELECT count(*)::int FROM track_versions v WHERE v.track_id = ${t.id})`,
  creditCount: sql<number>`(SELECT count(*)::int FROM track_credits k WHERE k.track_id = ${t.id})`,
};

export async function listTracks(db: TenantDb, projectId: string) {
  const [project] = await db.select({ id: tenant.projects.id }).from(tenant.projects).where(eq(tenant.projects.id, projectId));
  if (!project) throw notFound('project');
  const rows = await db
    .select({ track: t, ...counts })
    .from(t)
    .where(eq(t.projectId, projectId))
    .orderBy(asc(t.position), asc(t.createdAt));
  return rows.map((r) => ({ ...toTrack(r.track), versionCount: r.versionCount, creditCount: r.creditCount }));
}

export async function getTrack(db: TenantDb, id: string) {
  const [row] = await db
    .select({
      track: t,
      ...counts,
      projectName: tenant.projects.name,
      projectArchivedAt: tenant.projects.archivedAt,
      trackTotal: sql<number>`(SELECT count(*)::int FROM tracks o WHERE o.project_id = ${t.projectId})`,
    })
    .from(t)
    .innerJoin(tenant.projects, eq(tenant.projects.id, t.projectId))
    .where(eq(t.id, id));
  if (!row) throw notFound('track');
  return {
    ...toTrack(row.track),
    versionCount: row.versionCount,
    creditCount: row.creditCount,
    projectName: row.projectName,
    projectArchived: row.projectArchivedAt !== null,
    trackTotal: row.trackTotal,
  };
}

export async function createTrack(db: TenantDb, actor: Actor, projectId: string, title: string): Promise<string> {
  return db.transaction(async (tx) => {
    await lockProject(tx, projectId);
    const [{ next } = { next: 1 }] = await tx
      .select({ next: sql<number>`coalesce(max(${t.position}), 0)::int + 1` })
      .from(t)
      .where(eq(t.projectId, projectId));
    const [row] = await tx.insert(t).values({ projectId, title, position: next }).returning({ id: t.id });
    await recordAudit(tx, actor, 'track.created', 'track', row!.id, { projectId, title, number: next });
    return row!.id;
  });
}

/** Partial update; `number` moves the track to that place and renumbers the others. */
export async function updateTrack(db: TenantDb, actor: Actor, id: string, fields: Partial<TrackFields> & { number?: number | undefined }): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select({ projectId: t.projectId }).from(t).where(eq(t.id, id));
    if (!current) throw notFound('track');
    const { number, bpm, ...rest } = fields;
    // Project before track, the order every numbering change takes its locks in (no deadlock with delete).
    if (number !== undefined) await lockProject(tx, current.projectId);
    const set: Partial<typeof t.$inferInsert> = { ...rest, updatedAt: new Date() };
    if (bpm !== undefined) set.bpm = bpm === null ? null : bpm.toFixed(2);
    await tx.update(t).set(set).where(eq(t.id, id));
    if (number !== undefined) {
      const order = (await tx.select({ id: t.id }).from(t).where(eq(t.projectId, current.projectId)).orderBy(asc(t.position), asc(t.createdAt)))
        .map((r) => r.id)
        .filter((x) => x !== id);
      order.splice(Math.min(number, order.length + 1) - 1, 0, id);
      await writeOrder(tx, 'tracks', order);
    }
    await recordAudit(tx, actor, 'track.updated', 'track', id, { fields: Object.keys(fields) });
  });
}

export async function reorderTracks(db: TenantDb, actor: Actor, projectId: string, ids: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    await lockProject(tx, projectId);
    const current = (await tx.select({ id: t.id }).from(t).where(eq(t.projectId, projectId))).map((r) => r.id);
    assertSameSet(current, ids, 'tracks_changed');
    await writeOrder(tx, 'tracks', ids);
    await recordAudit(tx, actor, 'track.reordered', 'project', projectId, { ids });
  });
}

/**
 * Deletes a track that has no versions. The track row is locked first: a version upload (which holds
 * a key-share lock on the track through its foreign key) either finished before — and is counted —
 * or waits and then fails on the missing track. Audio is never deleted as a side effect.
 */
export async function deleteTrack(db: TenantDb, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [track] = await tx.select({ projectId: t.projectId, title: t.title }).from(t).where(eq(t.id, id));
    if (!track) throw notFound('track');
    await lockProject(tx, track.projectId);
    const [locked] = await tx.select({ id: t.id }).from(t).where(eq(t.id, id)).for('update');
    if (!locked) throw notFound('track');
    const [{ versions } = { versions: 0 }] = await tx
      .select({ versions: sql<number>`count(*)::int` })
      .from(tenant.trackVersions)
      .where(eq(tenant.trackVersions.trackId, id));
    if (versions > 0)
      throw new AppError('CONFLICT', `This track has ${versions} audio version(s); it cannot be deleted`, { reason: 'track_has_versions', versions });
    await tx.delete(t).where(eq(t.id, id));
    const rest = (await tx.select({ id: t.id }).from(t).where(eq(t.projectId, track.projectId)).orderBy(asc(t.position), asc(t.createdAt))).map((r) => r.id);
    await writeOrder(tx, 'tracks', rest);
    await recordAudit(tx, actor, 'track.deleted', 'track', id, { projectId: track.projectId, title: track.title });
  });
}
