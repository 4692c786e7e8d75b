/** Reading project rows and their teams: shared by the list, the board and the detail page. */
import { asc, eq, inArray } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';

export type Tx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];
type Reader = Pick<TenantDb, 'select'>;

export interface ProjectMemberRow {
  userId: string;
  name: string;
  role: string;
}

/** Teams of many projects: one tenant query, then one control-database query for the names. */
export async function membersOfProjects(
  db: Reader,
  projectIds: string[],
  names: (ids: string[]) => Promise<Map<string, string>>,
): Promise<Map<string, ProjectMemberRow[]>> {
  const result = new Map<string, ProjectMemberRow[]>();
  if (projectIds.length === 0) return result;
  const rows = await db
    .select()
    .from(tenant.projectMembers)
    .where(inArray(tenant.projectMembers.projectId, projectIds))
    .orderBy(asc(tenant.projectMembers.projectId), asc(tenant.projectMembers.userId));
  const byId = await names(rows.map((r) => r.userId));
  for (const row of rows) {
    const list = result.get(row.projectId) ?? [];
    // A user who left the platform keeps their place on the project, without a name.
    list.push({ userId: row.userId, name: byId.get(row.userId) ?? '', role: row.role });
    result.set(row.projectId, list);
  }
  for (const list of result.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  return result;
}

export async function requireProject(db: Reader, id: string) {
  const [row] = await db.select().from(tenant.projects).where(eq(tenant.projects.id, id)).limit(1);
  if (!row) throw notFound('project');
  return row;
}

/** Escape LIKE wildcards so a search for "50%" means those characters. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
