/**
 * What can be booked besides rooms: engineers and gear; and the minimal client list the calendar needs
 * (the clients module extends it). Archived rather than deleted, so past sessions keep their names.
 */
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { z } from 'zod';
import { tenant } from '@rsm/db';
import type { clientInput, engineerInput, gearInput, roomRulesInput } from '@rsm/shared/booking-schemas';
import { AppError, notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../studios/studio-context.ts';

export const listEngineers = (db: TenantDb) => db.select().from(tenant.engineers).where(isNull(tenant.engineers.archivedAt)).orderBy(asc(tenant.engineers.name));
export const listGear = (db: TenantDb) => db.select().from(tenant.gearItems).where(isNull(tenant.gearItems.archivedAt)).orderBy(asc(tenant.gearItems.category), asc(tenant.gearItems.name));
export const listClients = (db: TenantDb) => db.select().from(tenant.clients).where(isNull(tenant.clients.archivedAt)).orderBy(asc(tenant.clients.name)).limit(1000);

export async function saveEngineer(db: TenantDb, actor: Actor, input: z.output<typeof engineerInput>, id?: string) {
  const [row] = id
    ? await db.update(tenant.engineers).set({ ...input, updatedAt: new Date() }).where(eq(tenant.engineers.id, id)).returning()
    : await db.insert(tenant.engineers).values(input).returning();
  if (!row) throw notFound('engineer');
  await recordAudit(db, actor, id ? 'engineer.updated' : 'engineer.created', 'engineer', row.id, { name: row.name });
  return row;
}

export async function saveGear(db: TenantDb, actor: Actor, input: z.output<typeof gearInput>, id?: string) {
  const [row] = id ? await db.update(tenant.gearItems).set({ ...input, updatedAt: new Date() }).where(eq(tenant.gearItems.id, id)).returning() : await db.insert(tenant.gearItems).values(input).returning();
  if (!row) throw notFound('gear');
  await recordAudit(db, actor, id ? 'gear.updated' : 'gear.created', 'gear', row.id, { name: row.name });
  return row;
}

export async function saveClient(db: TenantDb, actor: Actor, input: z.output<typeof clientInput>, id?: string) {
  const [row] = id ? await db.update(tenant.clients).set({ ...input, updatedAt: new Date() }).where(eq(tenant.clients.id, id)).returning() : await db.insert(tenant.clients).values(input).returning();
  if (!row) throw notFound('client');
  await recordAudit(db, actor, id ? 'client.updated' : 'client.created', 'client', row.id, {});
  return row;
}

/** A room's booking rules and rate card, and the rooms it blocks (kept symmetric). */
export async function updateRoomRules(db: TenantDb, actor: Actor, input: z.output<typeof roomRulesInput>) {
  const { id, linkedRoomIds, ...rules } = input;
  const links = [...new Set(linkedRoomIds)].filter((other) => other !== id);
  return db.transaction(async (tx) => {
    const [room] = await tx.update(tenant.rooms).set({ ...rules, updatedAt: new Date() }).where(eq(tenant.rooms.id, id)).returning();
    if (!room) throw notFound('room');
    if (links.length) {
      const found = await tx.select({ id: tenant.rooms.id }).from(tenant.rooms).where(and(inArray(tenant.rooms.id, links), isNull(tenant.rooms.archivedAt)));
      if (found.length !== links.length) throw new AppError('BAD_REQUEST', 'A linked room is unknown or archived');
    }
    await tx.delete(tenant.roomLinks).where(or(eq(tenant.roomLinks.roomId, id), eq(tenant.roomLinks.linkedRoomId, id)));
    if (links.length) {
      await tx.insert(tenant.roomLinks).values(links.flatMap((other) => [
        { roomId: id, linkedRoomId: other },
        { roomId: other, linkedRoomId: id },
      ]));
    }
    await recordAudit(tx, actor, 'room.rules_updated', 'room', id, { linkedRoomIds: links });
    return { ...room, linkedRoomIds: links };
  });
}

/** Active rooms with their booking rules and linked rooms (two queries, whatever the number of rooms). */
export async function listRoomsWithRules(db: TenantDb) {
  const rooms = await db.select().from(tenant.rooms).where(isNull(tenant.rooms.archivedAt)).orderBy(asc(tenant.rooms.sortOrder), asc(tenant.rooms.createdAt));
  const links = await db.select().from(tenant.roomLinks);
  const linked = new Map<string, string[]>();
  for (const row of links) linked.set(row.roomId, [...(linked.get(row.roomId) ?? []), row.linkedRoomId]);
  return rooms.map((room) => ({ ...room, linkedRoomIds: linked.get(room.id) ?? [] }));
}
