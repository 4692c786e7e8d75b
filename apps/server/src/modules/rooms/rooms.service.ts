/** Rooms of a studio (the bookable spaces); archived rather than deleted so history keeps its room. */
import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { z } from 'zod';
import type { roomInput } from '@rsm/shared/schemas';
import { notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../studios/studio-context.ts';
import { builtOnce } from '../../platform/postgres/built-once.ts';

type RoomFields = z.output<typeof roomInput>;
type RoomRow = typeof tenant.rooms.$inferSelect;

export function toRoom(row: RoomRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    hourlyRateCents: row.hourlyRateCents,
    capacity: row.capacity,
    color: row.color,
    archivedAt: row.archivedAt?.toISOString() ?? null,
  };
}
export type Room = ReturnType<typeof toRoom>;

export async function listRooms(db: TenantDb, options: { includeArchived?: boolean } = {}): Promise<Room[]> {
  const archived = options.includeArchived ?? false;
  // On most pages (calendar, dashboard, booking): built once per connection (see built-once.ts).
  const query = builtOnce(db, archived ? 'rooms.all' : 'rooms.active', () =>
    db
      .select()
      .from(tenant.rooms)
      .where(archived ? undefined : isNull(tenant.rooms.archivedAt))
      .orderBy(asc(tenant.rooms.sortOrder), asc(tenant.rooms.createdAt))
      .prepare(''),
  );
  return (await query.execute()).map(toRoom);
}

export async function createRoom(db: TenantDb, actor: Actor, input: RoomFields): Promise<Room> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(tenant.rooms).values(input).returning();
    await recordAudit(tx, actor, 'room.created', 'room', row!.id, { name: input.name });
    return toRoom(row!);
  });
}

export async function updateRoom(db: TenantDb, actor: Actor, id: string, input: RoomFields): Promise<Room> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(tenant.rooms)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(tenant.rooms.id, id))
      .returning();
    if (!row) throw notFound('room');
    await recordAudit(tx, actor, 'room.updated', 'room', id, { name: input.name });
    return toRoom(row);
  });
}

export async function setRoomArchived(db: TenantDb, actor: Actor, id: string, archived: boolean): Promise<Room> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(tenant.rooms)
      .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
      .where(and(eq(tenant.rooms.id, id), archived ? isNull(tenant.rooms.archivedAt) : isNotNull(tenant.rooms.archivedAt)))
      .returning();
    if (!row) {
      const [exists] = await tx.select({ id: tenant.rooms.id }).from(tenant.rooms).where(eq(tenant.rooms.id, id)).limit(1);
      if (!exists) throw notFound('room');
      const [current] = await tx.select().from(tenant.rooms).where(eq(tenant.rooms.id, id));
      return toRoom(current!);
    }
    await recordAudit(tx, actor, archived ? 'room.archived' : 'room.restored', 'room', id, {});
    return toRoom(row);
  });
}
