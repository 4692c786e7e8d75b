/** Who at the studio is told about bookings: its owners and managers (control database). */
import { and, eq, inArray } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';

/** Owners' and managers' addresses: the studio is told when holds lapse, requests arrive, clients change bookings. */
export async function studioManagerEmails(platform: Platform, studioId: string): Promise<string[]> {
  const rows = await platform.controlDb
    .select({ email: control.users.email })
    .from(control.memberships)
    .innerJoin(control.users, eq(control.users.id, control.memberships.userId))
    .where(and(eq(control.memberships.studioId, studioId), inArray(control.memberships.role, ['owner', 'manager'])));
  return rows.map((r) => r.email);
}
