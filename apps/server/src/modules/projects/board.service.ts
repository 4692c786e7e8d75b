/**
 * The Kanban board: active projects by stage, and moving a card. Every write to card positions runs
 * under one transaction-scoped advisory lock for the board, so two drops never compute positions
 * from the same stale column.
 */
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { PROJECT_STAGES, type ProjectStage, type ProjectType } from '@rsm/shared/projects-schemas';
import { AppError, notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../studios/studio-context.ts';
import { placeInColumn } from './board-positions.ts';
import { membersOfProjects, type ProjectMemberRow, type Tx } from './project-rows.ts';

const p = tenant.projects;

export async function lockBoard(tx: Tx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('projects:board'))`);
}

/** The other active cards of a column, in board order. */
async function columnOf(tx: Tx, stage: ProjectStage, exceptId: string | null) {
  return tx
    .select({ id: p.id, position: p.stagePosition })
    .from(p)
    .where(and(eq(p.stage, stage), isNull(p.archivedAt), exceptId ? ne(p.id, exceptId) : undefined))
    .orderBy(asc(p.stagePosition), asc(p.createdAt), asc(p.id));
}

/**
 * Puts `projectId` at `index` of `stage` (call under lockBoard). Usually one row is written; when the
 * neighbours are too close, the column is renumbered in one statement.
 */
export async function placeProject(tx: Tx, projectId: string, stage: ProjectStage, index: number | 'end'): Promise<void> {
  const column = await columnOf(tx, stage, projectId);
  const at = index === 'end' ? column.length : index;
  const placement = placeInColumn(
    column.map((c) => c.position),
    at,
  );
  if (placement.kind === 'position') {
    await tx.update(p).set({ stage, stagePosition: placement.position, updatedAt: new Date() }).where(eq(p.id, projectId));
    return;
  }
  const ordered = column.map((c) => c.id);
  ordered.splice(at, 0, projectId);
  const values = sql.join(
    ordered.map((id, i) => sql`(${id}::uuid, ${placement.positions[i]}::real)`),
    sql`, `,
  );
  await tx.execute(sql`
    UPDATE projects SET stage = ${stage}::project_stage, stage_position = v.position,
      updated_at = CASE WHEN projects.id = ${projectId}::uuid THEN now() ELSE projects.updated_at END
    FROM (VALUES ${values}) AS v(id, position) WHERE projects.id = v.id`);
}

export interface MoveInput {
  id: string;
  stage: ProjectStage;
  afterId?: string | null | undefined;
  beforeId?: string | null | undefined;
}

const boardChanged = () => new AppError('CONFLICT', 'The board changed meanwhile; reload it and try again', { reason: 'board_changed' });

export async function moveProject(db: TenantDb, actor: Actor, input: MoveInput): Promise<void> {
  await db.transaction(async (tx) => {
    await lockBoard(tx);
    const [project] = await tx.select({ id: p.id, stage: p.stage, archivedAt: p.archivedAt }).from(p).where(eq(p.id, input.id)).for('update');
    if (!project) throw notFound('project');
    if (project.archivedAt) throw new AppError('CONFLICT', 'An archived project is not on the board; restore it first', { reason: 'project_archived' });
    const column = await columnOf(tx, input.stage, input.id);
    let index: number;
    if (input.afterId !== undefined) {
      index = input.afterId === null ? 0 : column.findIndex((c) => c.id === input.afterId) + 1;
      if (index === 0 && input.afterId !== null) throw boardChanged();
    } else if (input.beforeId) {
      index = column.findIndex((c) => c.id === input.beforeId);
      if (index < 0) throw boardChanged();
    } else {
      index = column.length;
    }
    await placeProject(tx, input.id, input.stage, index);
    await recordAudit(tx, actor, 'project.moved', 'project', input.id, { from: project.stage, to: input.stage, index });
  });
}

export interface BoardCard {
  id: string;
  name: string;
  type: ProjectType;
  stage: ProjectStage;
  clientId: string | null;
  clientName: string | null;
  dueDate: string | null;
  trackCount: number;
  members: ProjectMemberRow[];
}

/**
 * Active projects by column, at most `perStage` cards each (with each column's full count). One
 * query for the cards (client name and track count joined in), one for column counts, one for teams.
 */
export async function loadBoard(db: TenantDb, perStage: number, names: (ids: string[]) => Promise<Map<string, string>>) {
  const rows = await db.execute<{
    id: string;
    name: string;
    type: ProjectType;
    stage: ProjectStage;
    client_id: string | null;
    client_name: string | null;
    due_date: string | null;
    track_count: number;
  }>(sql`
    SELECT b.id, b.name, b.type, b.stage, b.client_id, c.name AS client_name, b.due_date::text AS due_date,
      (SELECT count(*)::int FROM tracks t WHERE t.project_id = b.id) AS track_count
    FROM (
      SELECT pr.*, row_number() OVER (PARTITION BY pr.stage ORDER BY pr.stage_position, pr.created_at, pr.id) AS rank
      FROM projects pr WHERE pr.archived_at IS NULL
    ) b
    LEFT JOIN clients c ON c.id = b.client_id
    WHERE b.rank <= ${perStage}
    ORDER BY b.stage, b.rank`);
  const counts = await db
    .select({ stage: p.stage, total: sql<number>`count(*)::int` })
    .from(p)
    .where(isNull(p.archivedAt))
    .groupBy(p.stage);
  const members = await membersOfProjects(
    db,
    rows.rows.map((r) => r.id),
    names,
  );
  return PROJECT_STAGES.map((stage) => ({
    stage,
    total: counts.find((c) => c.stage === stage)?.total ?? 0,
    cards: rows.rows
      .filter((r) => r.stage === stage)
      .map((r): BoardCard => ({
        id: r.id,
        name: r.name,
        type: r.type,
        stage: r.stage,
        clientId: r.client_id,
        clientName: r.client_name,
        dueDate: r.due_date,
        trackCount: r.track_count,
        members: members.get(r.id) ?? [],
      })),
  }));
}
