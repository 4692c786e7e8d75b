/**
 * Music projects: create, edit, list with search and filters, archive. A project belongs to at most
 * one client of the studio and carries its budget in the studio's currency (integer cents).
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { z } from 'zod';
import type { createProjectInput, listProjectsInput, projectFieldsInput } from '@rsm/shared/projects-schemas';
import { AppError, notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../studios/studio-context.ts';
import { lockBoard, placeProject } from './board.service.ts';
import { likePattern, membersOfProjects, requireProject, type Tx } from './project-rows.ts';
import { replaceMembers, type StudioMemberCheck } from './project-links.service.ts';

type Fields = z.output<typeof projectFieldsInput>;
type CreateInput = z.output<typeof createProjectInput>;
type ListInput = z.output<typeof listProjectsInput>;
type Names = (ids: string[]) => Promise<Map<string, string>>;

const p = tenant.projects;
const c = tenant.clients;

async function assertClient(tx: Pick<TenantDb, 'select'>, clientId: string | null): Promise<void> {
  if (!clientId) return;
  const [client] = await tx.select({ id: c.id, erasedAt: c.erasedAt }).from(c).where(eq(c.id, clientId)).limit(1);
  if (!client || client.erasedAt) throw new AppError('BAD_REQUEST', 'This client does not exist', { reason: 'client_unknown' });
}

export async function createProject(db: TenantDb, actor: Actor, currency: string, input: CreateInput, isStudioMember: StudioMemberCheck): Promise<string> {
  return db.transaction(async (tx) => {
    await assertClient(tx, input.clientId);
    await lockBoard(tx);
    const [row] = await tx
      .insert(p)
      .values({
        name: input.name,
        clientId: input.clientId,
        type: input.type,
        stage: input.stage,
        dueDate: input.dueDate,
        budgetCents: input.budgetCents,
        currency,
        notes: input.notes,
        createdBy: actor.userId,
      })
      .returning({ id: p.id });
    // New work goes to the top of its column, where it is seen.
    await placeProject(tx, row!.id, input.stage, 0);
    if (input.members.length) await replaceMembers(tx, row!.id, input.members, isStudioMember);
    await recordAudit(tx, actor, 'project.created', 'project', row!.id, { name: input.name, stage: input.stage });
    return row!.id;
  });
}

export async function updateProject(db: TenantDb, actor: Actor, id: string, input: Fields): Promise<void> {
  await db.transaction(async (tx) => {
    await assertClient(tx, input.clientId);
    const [row] = await tx
      .update(p)
      .set({
        name: input.name,
        clientId: input.clientId,
        type: input.type,
        dueDate: input.dueDate,
        budgetCents: input.budgetCents,
        notes: input.notes,
        updatedAt: new Date(),
      })
      .where(eq(p.id, id))
      .returning({ id: p.id });
    if (!row) throw notFound('project');
    await recordAudit(tx, actor, 'project.updated', 'project', id, { name: input.name });
  });
}

export async function setProjectNotes(db: TenantDb, actor: Actor, id: string, notes: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.update(p).set({ notes, updatedAt: new Date() }).where(eq(p.id, id)).returning({ id: p.id });
    if (!row) throw notFound('project');
    await recordAudit(tx, actor, 'project.notes_updated', 'project', id, { length: notes.length });
  });
}

/** Archived projects leave the board; restored ones come back at the top of their column. */
export async function setProjectArchived(db: TenantDb, actor: Actor, id: string, archived: boolean): Promise<void> {
  await db.transaction(async (tx: Tx) => {
    await lockBoard(tx);
    const [row] = await tx.select({ stage: p.stage, archivedAt: p.archivedAt }).from(p).where(eq(p.id, id)).for('update');
    if (!row) throw notFound('project');
    if (Boolean(row.archivedAt) === archived) return;
    await tx
      .update(p)
      .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
      .where(eq(p.id, id));
    if (!archived) await placeProject(tx, id, row.stage, 0);
    await recordAudit(tx, actor, archived ? 'project.archived' : 'project.restored', 'project', id, {});
  });
}

function listWhere(input: ListInput): SQL | undefined {
  const search = input.search ? likePattern(input.search) : null;
  return and(
    input.archived === 'active' ? isNull(p.archivedAt) : input.archived === 'archived' ? isNotNull(p.archivedAt) : undefined,
    input.stages.length ? inArray(p.stage, input.stages) : undefined,
    input.types.length ? inArray(p.type, input.types) : undefined,
    input.clientId ? eq(p.clientId, input.clientId) : undefined,
    // Case- and accent-blind, on the project's and the client's name (trigram index on the project name).
    search ? sql`(rsm_fold(${p.name}) LIKE rsm_fold(${search}) OR rsm_fold(coalesce(${c.name}, '')) LIKE rsm_fold(${search}))` : undefined,
  );
}

function listOrder(input: ListInput): SQL[] {
  const dir = input.direction === 'asc' ? asc : desc;
  const nullsLast = (column: SQL) => sql`${column} ${sql.raw(input.direction === 'asc' ? 'ASC' : 'DESC')} NULLS LAST`;
  const byKey: Record<ListInput['sort'], SQL[]> = {
    updated: [dir(p.updatedAt)],
    created: [dir(p.createdAt)],
    name: [dir(sql`rsm_fold(${p.name})`)],
    due: [nullsLast(sql`${p.dueDate}`)],
    stage: [dir(p.stage), asc(p.stagePosition)],
    client: [nullsLast(sql`rsm_fold(${c.name})`)],
  };
  return [...byKey[input.sort], asc(p.id)];
}

export async function listProjects(db: TenantDb, input: ListInput, names: Names) {
  const where = listWhere(input);
  const [{ total } = { total: 0 }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(p)
    .leftJoin(c, eq(c.id, p.clientId))
    .where(where);
  const rows = await db
    .select({
      project: p,
      clientName: c.name,
      trackCount: sql<number>`(SELECT count(*)::int FROM tracks t WHERE t.project_id = ${p.id})`,
    })
    .from(p)
    .leftJoin(c, eq(c.id, p.clientId))
    .where(where)
    .orderBy(...listOrder(input))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const members = await membersOfProjects(
    db,
    rows.map((r) => r.project.id),
    names,
  );
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    items: rows.map((r) => ({ ...toProject(r.project), clientName: r.clientName, trackCount: r.trackCount, members: members.get(r.project.id) ?? [] })),
  };
}

export function toProject(row: typeof p.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    clientId: row.clientId,
    type: row.type,
    stage: row.stage,
    dueDate: row.dueDate,
    budgetCents: row.budgetCents,
    currency: row.currency,
    notes: row.notes,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** One project with its client, team, linked sessions (room, time, status) and track count. */
export async function getProject(db: TenantDb, id: string, names: Names) {
  const row = await requireProject(db, id);
  const [client] = row.clientId ? await db.select({ name: c.name }).from(c).where(eq(c.id, row.clientId)) : [];
  const members = await membersOfProjects(db, [id], names);
  const s = tenant.sessions;
  const sessions = await db
    .select({ id: s.id, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, status: s.status, roomName: tenant.rooms.name })
    .from(tenant.projectSessions)
    .innerJoin(s, eq(s.id, tenant.projectSessions.sessionId))
    .innerJoin(tenant.rooms, eq(tenant.rooms.id, s.roomId))
    .where(eq(tenant.projectSessions.projectId, id))
    .orderBy(asc(s.startsAt));
  const [{ count } = { count: 0 }] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(tenant.tracks)
    .where(eq(tenant.tracks.projectId, id));
  return {
    ...toProject(row),
    clientName: client?.name ?? null,
    trackCount: count,
    members: members.get(id) ?? [],
    sessions: sessions.map((x) => ({ ...x, startsAt: x.startsAt.toISOString(), endsAt: x.endsAt.toISOString() })),
  };
}
