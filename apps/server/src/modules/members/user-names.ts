/** Display names of staff users by id (for histories and audit trails), in one query. */
import { inArray } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';

export async function userNames(platform: Platform, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  const rows = await platform.controlDb.select({ id: control.users.id, name: control.users.name }).from(control.users).where(inArray(control.users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
