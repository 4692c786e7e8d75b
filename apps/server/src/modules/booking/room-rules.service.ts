/**
 * A room's buffers and linked rooms decide the ranges its sessions block. When they change, the rows of
 * every session still to come in the rooms concerned are rewritten to the new rule — and if that would make
 * two blocking sessions overlap, the change is refused with the list of those pairs (nothing is written),
 * so the studio moves or cancels them first. Runs under the advisory locks of every room concerned, so a
 * booking in those rooms waits for the new rule instead of slipping in between.
 */
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { tenant } from '@rsm/db';
import type { roomRulesInput } from '@rsm/shared/booking-schemas';
import { AppError, notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor, StudioContext } from '../studios/studio-context.ts';
import { lockResources, writeTransaction, type Tx } from './session-locks.ts';
import { formatSpan } from './time.ts';

const MAX_LISTED = 20;

/**
 * The room rows every session to come in `rooms` would have under the rules now in the tables: its room
 * widened by the room's buffers, and the same range on every room linked to it.
 */
const proposedRows = (rooms: string[], now: Date) => sql`
  affected AS (
    SELECT s.id, s.starts_at, s.ends_at, s.room_id,
           EXISTS (SELECT 1 FROM session_resources b WHERE b.session_id = s.id AND b.blocking) AS blocking
    FROM sessions s
    WHERE s.room_id = ANY(${sql.param(rooms)}::uuid[]) AND s.ends_at > ${now.toISOString()}::timestamptz
      AND s.status IN ('hold', 'confirmed', 'in_progress')
  ),
  proposed AS (
    SELECT a.id AS session_id, target.room_id AS resource_id, target.is_primary,
           tstzrange(a.starts_at - make_interval(mins => r.setup_buffer_minutes), a.ends_at + make_interval(mins => r.teardown_buffer_minutes)) AS blocked,
           a.blocking
    FROM affected a
    JOIN rooms r ON r.id = a.room_id
    CROSS JOIN LATERAL (
      SELECT a.room_id, true UNION ALL SELECT l.linked_room_id, false FROM room_links l WHERE l.room_id = a.room_id
    ) AS target(room_id, is_primary)
  )`;

type OverlapPair = {
  a_title: string;
  a_starts: string;
  a_ends: string;
  b_title: string;
  b_starts: string;
  b_ends: string;
  a_id: string;
  b_id: string;
};

/** Pairs of blocking sessions that would overlap on a room once the rows are rewritten. */
async function overlapsUnderNewRules(tx: Tx, rooms: string[], now: Date): Promise<OverlapPair[]> {
  const result = await tx.execute<OverlapPair>(sql`
    WITH ${proposedRows(rooms, now)},
    others AS (
      SELECT sr.session_id, sr.resource_id, sr.blocked FROM session_resources sr
      WHERE sr.kind = 'room' AND sr.blocking AND sr.session_id NOT IN (SELECT id FROM affected)
    ),
    pairs AS (
      SELECT DISTINCT least(p.session_id, q.session_id) AS a, greatest(p.session_id, q.session_id) AS b
      FROM proposed p JOIN proposed q ON q.resource_id = p.resource_id AND q.session_id <> p.session_id AND q.blocked && p.blocked
      WHERE p.blocking AND q.blocking
      UNION
      SELECT least(p.session_id, o.session_id), greatest(p.session_id, o.session_id)
      FROM proposed p JOIN others o ON o.resource_id = p.resource_id AND o.blocked && p.blocked
      WHERE p.blocking
    )
    SELECT sa.id AS a_id, sa.title AS a_title, sa.starts_at AS a_starts, sa.ends_at AS a_ends,
           sb.id AS b_id, sb.title AS b_title, sb.starts_at AS b_starts, sb.ends_at AS b_ends
    FROM pairs JOIN sessions sa ON sa.id = pairs.a JOIN sessions sb ON sb.id = pairs.b
    ORDER BY least(sa.starts_at, sb.starts_at), sa.id, sb.id
    LIMIT ${MAX_LISTED}`);
  return result.rows;
}

const SAY: Record<string, { intro: string; pair: (a: string, b: string) => string }> = {
  en: { intro: 'These bookings would overlap under the new rules; move or cancel them first', pair: (a, b) => `${a} and ${b}` },
  fr: { intro: 'Ces réservations se chevaucheraient avec les nouvelles règles ; déplacez-les ou annulez-les d’abord', pair: (a, b) => `${a} et ${b}` },
};

function overlapsError(pairs: OverlapPair[], studio: Pick<StudioContext, 'timeZone' | 'locale'>): AppError {
  const say = SAY[studio.locale] ?? SAY.en!;
  const one = (title: string, starts: string, ends: string) => `'${title}' (${formatSpan(new Date(starts), new Date(ends), studio.timeZone, studio.locale)})`;
  const listed = pairs.map((p) => say.pair(one(p.a_title, p.a_starts, p.a_ends), one(p.b_title, p.b_starts, p.b_ends)));
  return new AppError('CONFLICT', `${say.intro}: ${listed.join('; ')}.`, {
    reason: 'roomRulesOverlap',
    count: pairs.length,
    sessionIds: [...new Set(pairs.flatMap((p) => [p.a_id, p.b_id]))].join(','),
  });
}

/** A room's booking rules and rate card, and the rooms it blocks (kept symmetric). */
export async function updateRoomRules(
  db: TenantDb,
  studio: Pick<StudioContext, 'timeZone' | 'locale'>,
  actor: Actor,
  input: z.output<typeof roomRulesInput>,
  now = new Date(),
) {
  const { id, linkedRoomIds, ...rules } = input;
  const links = [...new Set(linkedRoomIds)].filter((other) => other !== id);
  return writeTransaction(db, async (tx) => {
    const before = await tx.select({ id: tenant.roomLinks.linkedRoomId }).from(tenant.roomLinks).where(eq(tenant.roomLinks.roomId, id));
    const rooms = [...new Set([id, ...before.map((l) => l.id), ...links])];
    await lockResources(
      tx,
      rooms.map((resourceId) => ({ kind: 'room', resourceId })),
    );
    const [room] = await tx
      .update(tenant.rooms)
      .set({ ...rules, updatedAt: new Date() })
      .where(eq(tenant.rooms.id, id))
      .returning();
    if (!room) throw notFound('room');
    if (links.length) {
      const found = await tx
        .select({ id: tenant.rooms.id })
        .from(tenant.rooms)
        .where(and(inArray(tenant.rooms.id, links), isNull(tenant.rooms.archivedAt)));
      if (found.length !== links.length) throw new AppError('BAD_REQUEST', 'A linked room is unknown or archived');
    }
    await tx.delete(tenant.roomLinks).where(or(eq(tenant.roomLinks.roomId, id), eq(tenant.roomLinks.linkedRoomId, id)));
    if (links.length) {
      await tx.insert(tenant.roomLinks).values(
        links.flatMap((other) => [
          { roomId: id, linkedRoomId: other },
          { roomId: other, linkedRoomId: id },
        ]),
      );
    }
    const overlaps = await overlapsUnderNewRules(tx, rooms, now);
    if (overlaps.length) throw overlapsError(overlaps, studio);
    // The sessions to come now block what the new rule says (the EXCLUDE constraint checks it once more).
    const rows = await tx.execute<{ session_id: string; resource_id: string; is_primary: boolean; blocked: string; blocking: boolean }>(
      sql`WITH ${proposedRows(rooms, now)} SELECT session_id, resource_id, is_primary, blocked::text AS blocked, blocking FROM proposed`,
    );
    const sessionIds = [...new Set(rows.rows.map((r) => r.session_id))];
    if (sessionIds.length) {
      await tx.delete(tenant.sessionResources).where(and(inArray(tenant.sessionResources.sessionId, sessionIds), eq(tenant.sessionResources.kind, 'room')));
      await tx.insert(tenant.sessionResources).values(
        rows.rows.map((r) => ({
          sessionId: r.session_id,
          kind: 'room' as const,
          resourceId: r.resource_id,
          primary: r.is_primary,
          blocked: r.blocked,
          blocking: r.blocking,
        })),
      );
    }
    await recordAudit(tx, actor, 'room.rules_updated', 'room', id, { linkedRoomIds: links });
    return { ...room, linkedRoomIds: links };
  });
}
