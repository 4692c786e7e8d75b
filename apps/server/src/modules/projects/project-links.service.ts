/**
 * What a project is tied to: its team (staff of the studio, checked against the control database's
 * memberships) and the studio's sessions it was recorded in.
 */
import { and, desc, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../studios/studio-context.ts';
import { likePattern, requireProject, type Tx } from './project-rows.ts';

/** Which of `userIds` are members of the studio (answered by the control database). */
export type StudioMemberCheck = (userIds: string[]) => Promise<Set<string>>;

export function studioMemberCheck(platform: Platform, studioId: string): StudioMemberCheck {
  return async (userIds) => {
    if (userIds.length === 0) return new Set();
    const rows = await platform.controlDb
      .select({ userId: control.memberships.userId })
      .from(control.memberships)
      .where(and(eq(control.memberships.studioId, studioId), inArray(control.memberships.userId, userIds)));
    return new Set(rows.map((r) => r.userId));
  };
}

export async function replaceMembers(tx: Tx, projectId: string, members: { userId: string; role: string }[], isStudioMember: StudioMemberCheck): Promise<void> {
  const unique = new Map(members.map((m) => [m.userId, m.role]));
  const known = await isStudioMember([...unique.keys()]);
  if ([...unique.keys()].some((id) => !known.has(id)))
    throw new AppError('BAD_REQUEST', 'Only members of the studio can be on a project team', { reason: 'not_studio_member' });
  await tx.delete(tenant.projectMembers).where(eq(tenant.projectMembers.projectId, projectId));
  if (unique.size) await tx.insert(tenant.projectMembers).values([...unique].map(([userId, role]) => ({ projectId, userId, role })));
}

export async function setProjectMembers(
  db: TenantDb,
  actor: Actor,
  projectId: string,
  members: { userId: string; role: string }[],
  isStudioMember: StudioMemberCheck,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [project] = await tx.select({ id: tenant.projects.id }).from(tenant.projects).where(eq(tenant.projects.id, projectId)).for('update');
    if (!project) throw notFound('project');
    await replaceMembers(tx, projectId, members, isStudioMember);
    await tx.update(tenant.projects).set({ updatedAt: new Date() }).where(eq(tenant.projects.id, projectId));
    await recordAudit(tx, actor, 'project.members_set', 'project', projectId, { userIds: members.map((m) => m.userId) });
  });
}

async function requireSession(tx: Tx, sessionId: string) {
  const [session] = await tx.select({ id: tenant.sessions.id }).from(tenant.sessions).where(eq(tenant.sessions.id, sessionId)).limit(1);
  if (!session) throw notFound('session');
}

export async function linkSession(db: TenantDb, actor: Actor, projectId: string, sessionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await requireProject(tx, projectId);
    await requireSession(tx, sessionId);
    const inserted = await tx
      .insert(tenant.projectSessions)
      .values({ projectId, sessionId })
      .onConflictDoNothing()
      .returning({ sessionId: tenant.projectSessions.sessionId });
    if (inserted.length) await recordAudit(tx, actor, 'project.session_linked', 'project', projectId, { sessionId });
  });
}

export async function unlinkSession(db: TenantDb, actor: Actor, projectId: string, sessionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(tenant.projectSessions)
      .where(and(eq(tenant.projectSessions.projectId, projectId), eq(tenant.projectSessions.sessionId, sessionId)))
      .returning({ sessionId: tenant.projectSessions.sessionId });
    if (!removed.length) throw notFound('session link');
    await recordAudit(tx, actor, 'project.session_unlinked', 'project', projectId, { sessionId });
  });
}

/** Sessions one could link: not linked yet, not cancelled, the project client's first, newest first. */
export async function linkableSessions(db: TenantDb, projectId: string, search: string) {
  const project = await requireProject(db, projectId);
  const s = tenant.sessions;
  const linked = db.select({ id: tenant.projectSessions.sessionId }).from(tenant.projectSessions).where(eq(tenant.projectSessions.projectId, projectId));
  const rows = await db
    .select({ id: s.id, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, status: s.status, roomName: tenant.rooms.name, clientId: s.clientId })
    .from(s)
    .innerJoin(tenant.rooms, eq(tenant.rooms.id, s.roomId))
    .where(and(ne(s.status, 'cancelled'), notInArray(s.id, linked), search ? sql`rsm_fold(${s.title}) LIKE rsm_fold(${likePattern(search)})` : undefined))
    .orderBy(...(project.clientId ? [desc(sql`${s.clientId} IS NOT DISTINCT FROM ${project.clientId}::uuid`)] : []), desc(s.startsAt))
    .limit(50);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    status: r.status,
    roomName: r.roomName,
    sameClient: Boolean(project.clientId) && r.clientId === project.clientId,
  }));
}
