/**
 * What a session occupies: its room (widened by the room's buffers), every room linked to it, its
 * engineers and its gear — loaded and checked (bookable, not archived, client not erased) — and the
 * room's booking rules (length, steps). Shared by create, move, edit and the series.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError, notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import type { WantedResource } from './conflicts.ts';
import type { Tx } from './session-locks.ts';
import { addMinutes, minuteOfDay, rangeLiteral } from './time.ts';

export interface ResourceRequest {
  roomId: string;
  clientId?: string | null;
  engineerIds?: string[];
  gearIds?: string[];
}

export type SessionResources = Awaited<ReturnType<typeof loadResources>>;

export async function loadResources(db: TenantDb | Tx, input: ResourceRequest) {
  const [room] = await db
    .select()
    .from(tenant.rooms)
    .where(and(eq(tenant.rooms.id, input.roomId), isNull(tenant.rooms.archivedAt)));
  if (!room) throw notFound('room');
  const links = await db.select({ id: tenant.roomLinks.linkedRoomId }).from(tenant.roomLinks).where(eq(tenant.roomLinks.roomId, room.id));
  const engineerIds = [...new Set(input.engineerIds ?? [])];
  const gearIds = [...new Set(input.gearIds ?? [])];
  const engineers = engineerIds.length
    ? await db
        .select()
        .from(tenant.engineers)
        .where(and(inArray(tenant.engineers.id, engineerIds), eq(tenant.engineers.bookable, true), isNull(tenant.engineers.archivedAt)))
    : [];
  if (engineers.length !== engineerIds.length) throw new AppError('BAD_REQUEST', 'An engineer is unknown or not bookable');
  const gear = gearIds.length
    ? await db
        .select()
        .from(tenant.gearItems)
        .where(
          and(
            inArray(tenant.gearItems.id, gearIds),
            eq(tenant.gearItems.bookable, true),
            eq(tenant.gearItems.status, 'available'),
            isNull(tenant.gearItems.archivedAt),
          ),
        )
    : [];
  if (gear.length !== gearIds.length) throw new AppError('BAD_REQUEST', 'A piece of gear is unknown, not bookable or in maintenance');
  if (input.clientId) {
    // An erased client (GDPR) is only an anonymous reference for past records: nothing new is booked for it.
    const [client] = await db
      .select({ id: tenant.clients.id })
      .from(tenant.clients)
      .where(and(eq(tenant.clients.id, input.clientId), isNull(tenant.clients.erasedAt)));
    if (!client) throw notFound('client');
  }
  return { room, linkedRoomIds: links.map((l) => l.id), engineers, gear };
}

export function assertBookingRules(room: typeof tenant.rooms.$inferSelect, startsAt: Date, endsAt: Date, timeZone: string): number {
  const minutes = Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000);
  if (minutes <= 0) throw new AppError('BAD_REQUEST', 'A session must end after it starts');
  if (minutes < room.minDurationMinutes)
    throw new AppError('BAD_REQUEST', `${room.name} is booked for at least ${room.minDurationMinutes} minutes`, { minimum: room.minDurationMinutes });
  if (minuteOfDay(startsAt, timeZone) % room.incrementMinutes !== 0 || minutes % room.incrementMinutes !== 0) {
    throw new AppError('BAD_REQUEST', `${room.name} is booked in steps of ${room.incrementMinutes} minutes`, { increment: room.incrementMinutes });
  }
  if (startsAt.getSeconds() !== 0 || startsAt.getMilliseconds() !== 0 || endsAt.getSeconds() !== 0 || endsAt.getMilliseconds() !== 0) {
    throw new AppError('BAD_REQUEST', 'Sessions start and end on a whole minute');
  }
  return minutes;
}

export function wantedResources(resources: SessionResources, startsAt: Date, endsAt: Date): (WantedResource & { primary: boolean })[] {
  const { room } = resources;
  const roomRange = rangeLiteral(addMinutes(startsAt, -room.setupBufferMinutes), addMinutes(endsAt, room.teardownBufferMinutes));
  const plain = rangeLiteral(startsAt, endsAt);
  return [
    { kind: 'room', resourceId: room.id, blocked: roomRange, primary: true },
    ...resources.linkedRoomIds.map((id) => ({ kind: 'room' as const, resourceId: id, blocked: roomRange, primary: false })),
    ...resources.engineers.map((e) => ({ kind: 'engineer' as const, resourceId: e.id, blocked: plain, primary: true })),
    ...resources.gear.map((g) => ({ kind: 'gear' as const, resourceId: g.id, blocked: plain, primary: true })),
  ];
}
