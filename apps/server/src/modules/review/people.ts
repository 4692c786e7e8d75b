/** Names, addresses and languages of a studio's staff (they live in the control database, not the studio's); display names alone: members/user-names.ts. */
import { and, eq, inArray } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { ControlDb } from '../../platform/postgres/control-db.ts';

export interface StaffPerson {
  id: string;
  name: string;
  email: string;
  locale: string;
}

/** Members of `studioId` among `userIds` (someone who left the studio is not told anything). One query. */
export async function studioStaff(controlDb: ControlDb, studioId: string, userIds: string[]): Promise<Map<string, StaffPerson>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await controlDb
    .select({ id: control.users.id, name: control.users.name, email: control.users.email, locale: control.users.locale })
    .from(control.users)
    .innerJoin(control.memberships, and(eq(control.memberships.userId, control.users.id), eq(control.memberships.studioId, studioId)))
    .where(inArray(control.users.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}
