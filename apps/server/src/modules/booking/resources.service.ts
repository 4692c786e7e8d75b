/**
 * What can be booked besides rooms: engineers and gear; and the minimal client list the calendar needs
 * (the clients module extends it). Archived rather than deleted, so past sessions keep their names.
 */
import { asc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { tenant } from '@rsm/db';
import type { clientInput, engineerInput, gearInput } from '@rsm/shared/booking-schemas';
import { notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../studios/studio-context.ts';
import { withUniqueClientEmail } from '../clients/client-email.ts';

export const listEngineers = (db: TenantDb) =>
  db.select().from(tenant.engineers).where(isNull(tenant.engineers.archivedAt)).orderBy(asc(tenant.engineers.name));
export const listGear = (db: TenantDb) =>
  db.select().from(tenant.gearItems).where(isNull(tenant.gearItems.archivedAt)).orderBy(asc(tenant.gearItems.category), asc(tenant.gearItems.name));
export const listClients = (db: TenantDb) =>
  db.select().from(tenant.clients).where(isNull(tenant.clients.archivedAt)).orderBy(asc(tenant.clients.name)).limit(1000);

export async function saveEngineer(db: TenantDb, actor: Actor, input: z.output<typeof engineerInput>, id?: string) {
  const [row] = id
    ? await db
        .update(tenant.engineers)
        .set({ ...input, updatedAt: new Date() })
        .where(eq(tenant.engineers.id, id))
        .returning()
    : await db.insert(tenant.engineers).values(input).returning();
  if (!row) throw notFound('engineer');
  await recordAudit(db, actor, id ? 'engineer.updated' : 'engineer.created', 'engineer', row.id, { name: row.name });
  return row;
}

export async function saveGear(db: TenantDb, actor: Actor, input: z.output<typeof gearInput>, id?: string) {
  const [row] = id
    ? await db
        .update(tenant.gearItems)
        .set({ ...input, updatedAt: new Date() })
        .where(eq(tenant.gearItems.id, id))
        .returning()
    : await db.insert(tenant.gearItems).values(input).returning();
  if (!row) throw notFound('gear');
  await recordAudit(db, actor, id ? 'gear.updated' : 'gear.created', 'gear', row.id, { name: row.name });
  return row;
}

export async function saveClient(db: TenantDb, actor: Actor, input: z.output<typeof clientInput>, id?: string) {
  const [row] = await withUniqueClientEmail(db, input.email, async () =>
    id
      ? await db
          .update(tenant.clients)
          .set({ ...input, updatedAt: new Date() })
          .where(eq(tenant.clients.id, id))
          .returning()
      : await db.insert(tenant.clients).values(input).returning(),
  );
  if (!row) throw notFound('client');
  await recordAudit(db, actor, id ? 'client.updated' : 'client.created', 'client', row.id, {});
  return row;
}

/** Active rooms with their booking rules and linked rooms (two queries, whatever the number of rooms). */
export async function listRoomsWithRules(db: TenantDb) {
  const rooms = await db.select().from(tenant.rooms).where(isNull(tenant.rooms.archivedAt)).orderBy(asc(tenant.rooms.sortOrder), asc(tenant.rooms.createdAt));
  const links = await db.select().from(tenant.roomLinks);
  const linked = new Map<string, string[]>();
  for (const row of links) linked.set(row.roomId, [...(linked.get(row.roomId) ?? []), row.linkedRoomId]);
  return rooms.map((room) => ({ ...room, linkedRoomIds: linked.get(room.id) ?? [] }));
}
