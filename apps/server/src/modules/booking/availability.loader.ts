/**
 * Reads what freeSlots (availability.ts) needs for one room, and optionally one engineer, over
 * [from, to): one query per table, whatever the number of sessions, rows or days.
 *
 * - Opening hours: the room's own rows if it has any, else the studio-wide ones (room_id null).
 * - Closures of the room or of the whole studio.
 * - Busy: the `blocked` ranges (buffers included) of blocking session_resources rows on the room AND
 *   on every room linked to it. Booking this room also writes rows for its linked rooms, with this
 *   room's buffers, so a session in a room linked to a linked room is in the way too — exactly what
 *   the EXCLUDE constraint will compare.
 * - The engineer (bookable, not archived) brings their working hours, time off and blocking ranges.
 * - Room-side reads are widened by the room's buffers: a session ending at `to` still needs its
 *   teardown free, one starting at `from` its setup. The engineer's ranges carry no buffers.
 */
import { and, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { addMinutes } from './time.ts';
import type { AvailabilityInput, TimeRange } from './availability.ts';
import { oneAfterAnother } from '../../platform/tenancy/one-after-another.ts';

export interface LoadAvailabilityArgs {
  roomId: string;
  engineerId?: string;
  from: Date;
  to: Date;
  timeZone: string;
  now: Date;
  durationMinutes?: number;
  minimumNoticeMinutes: number;
  bookingWindowDays: number;
}

const sr = tenant.sessionResources;

const asRanges = (rows: { startsAt: Date; endsAt: Date }[]): TimeRange[] => rows.map((r) => ({ startsAt: r.startsAt, endsAt: r.endsAt }));

export async function loadAvailabilityInput(db: TenantDb, args: LoadAvailabilityArgs): Promise<AvailabilityInput> {
  const { roomId, engineerId, from, to } = args;
  const [room] = await db
    .select({
      setupBufferMinutes: tenant.rooms.setupBufferMinutes,
      teardownBufferMinutes: tenant.rooms.teardownBufferMinutes,
      minDurationMinutes: tenant.rooms.minDurationMinutes,
      incrementMinutes: tenant.rooms.incrementMinutes,
    })
    .from(tenant.rooms)
    .where(and(eq(tenant.rooms.id, roomId), isNull(tenant.rooms.archivedAt)));
  if (!room) throw notFound('room');
  const wideFrom = addMinutes(from, -room.setupBufferMinutes);
  const wideTo = addMinutes(to, room.teardownBufferMinutes);
  const linkedRooms = db.select({ id: tenant.roomLinks.linkedRoomId }).from(tenant.roomLinks).where(eq(tenant.roomLinks.roomId, roomId));
  const none = Promise.resolve([]);

  const [hours, closures, blocked, engineers, engineerHours, timeOff] = await oneAfterAnother([
    db
      .select({
        roomId: tenant.openingHours.roomId,
        weekday: tenant.openingHours.weekday,
        opensAt: tenant.openingHours.opensAt,
        closesAt: tenant.openingHours.closesAt,
      })
      .from(tenant.openingHours)
      .where(or(eq(tenant.openingHours.roomId, roomId), isNull(tenant.openingHours.roomId))),
    db
      .select({ startsAt: tenant.closures.startsAt, endsAt: tenant.closures.endsAt })
      .from(tenant.closures)
      .where(
        and(or(eq(tenant.closures.roomId, roomId), isNull(tenant.closures.roomId)), lt(tenant.closures.startsAt, wideTo), gt(tenant.closures.endsAt, wideFrom)),
      ),
    // The room's, its linked rooms' and the engineer's blocking ranges, in one read of the GiST-indexed table.
    db
      .select({
        kind: sr.kind,
        startsAt: sql<Date>`lower(${sr.blocked})`.mapWith(tenant.sessions.startsAt),
        endsAt: sql<Date>`upper(${sr.blocked})`.mapWith(tenant.sessions.endsAt),
      })
      .from(sr)
      .where(
        and(
          eq(sr.blocking, true),
          sql`${sr.blocked} && tstzrange(${wideFrom.toISOString()}::timestamptz, ${wideTo.toISOString()}::timestamptz)`,
          or(
            and(eq(sr.kind, 'room'), or(eq(sr.resourceId, roomId), inArray(sr.resourceId, linkedRooms))),
            engineerId ? and(eq(sr.kind, 'engineer'), eq(sr.resourceId, engineerId)) : undefined,
          ),
        ),
      ),
    engineerId
      ? db
          .select({ id: tenant.engineers.id })
          .from(tenant.engineers)
          .where(and(eq(tenant.engineers.id, engineerId), eq(tenant.engineers.bookable, true), isNull(tenant.engineers.archivedAt)))
      : none,
    engineerId
      ? db
          .select({ weekday: tenant.engineerHours.weekday, opensAt: tenant.engineerHours.startsAt, closesAt: tenant.engineerHours.endsAt })
          .from(tenant.engineerHours)
          .where(eq(tenant.engineerHours.engineerId, engineerId))
      : none,
    engineerId
      ? db
          .select({ startsAt: tenant.engineerTimeOff.startsAt, endsAt: tenant.engineerTimeOff.endsAt })
          .from(tenant.engineerTimeOff)
          .where(and(eq(tenant.engineerTimeOff.engineerId, engineerId), lt(tenant.engineerTimeOff.startsAt, to), gt(tenant.engineerTimeOff.endsAt, from)))
      : none,
  ]);
  if (engineerId && engineers.length === 0) throw notFound('engineer');

  const roomRows = hours.filter((h) => h.roomId === roomId);
  const input: AvailabilityInput = {
    timeZone: args.timeZone,
    from,
    to,
    now: args.now,
    room,
    openingHours: (roomRows.length > 0 ? roomRows : hours).map(({ weekday, opensAt, closesAt }) => ({ weekday, opensAt, closesAt })),
    closures: asRanges(closures),
    busy: asRanges(blocked.filter((b) => b.kind === 'room')),
    minimumNoticeMinutes: args.minimumNoticeMinutes,
    bookingWindowDays: args.bookingWindowDays,
  };
  if (engineerId) input.engineer = { hours: engineerHours, timeOff: asRanges(timeOff), busy: asRanges(blocked.filter((b) => b.kind === 'engineer')) };
  if (args.durationMinutes !== undefined) input.durationMinutes = args.durationMinutes;
  return input;
}
