/**
 * Recurring sessions (weekly lock-outs, a band every Tuesday): every N weeks, for a number of
 * occurrences or until a date, at the same wall-clock time in the studio's zone across DST changes.
 * Conflicts are reported per occurrence before anything is written; the series is then written in one
 * transaction (all or nothing), skipping the occurrences the studio chose to skip. One occurrence can be
 * moved or cancelled like any session; the rest of a series can be cancelled from a date on.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gte, inArray } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import type { Actor, StudioContext } from '../studios/studio-context.ts';
import { zonedTimeToInstant } from '@rsm/shared/zoned-time';
import { conflictMessage, findConflicts } from './conflicts.ts';
import { assertBookingRules, changeSessionStatus, createSessionIn, prepareSession, type CreateSessionInput, type PreparedSession } from './sessions.service.ts';
import { lockResources, writeTransaction } from './session-locks.ts';
import { addMinutes, rangeLiteral, wallClock } from './time.ts';

export const MAX_OCCURRENCES = 104;

export interface SeriesRule {
  everyWeeks: number;
  count?: number;
  until?: Date;
}

/** The occurrences of a series: same wall-clock start and length as the first, every N weeks. */
export function planOccurrences(first: { startsAt: Date; endsAt: Date }, rule: SeriesRule, timeZone: string): { startsAt: Date; endsAt: Date }[] {
  if (!rule.count && !rule.until) throw new AppError('BAD_REQUEST', 'A series needs a number of occurrences or an end date');
  const minutes = Math.round((first.endsAt.getTime() - first.startsAt.getTime()) / 60_000);
  const local = wallClock(first.startsAt, timeZone);
  const out: { startsAt: Date; endsAt: Date }[] = [];
  for (let i = 0; out.length < MAX_OCCURRENCES; i++) {
    if (rule.count && i >= rule.count) break;
    // calendar arithmetic on the date, then back to an instant in the zone (DST-safe)
    const day = new Date(Date.UTC(local.year, local.month - 1, local.day + i * 7 * rule.everyWeeks));
    // A start that falls in a spring-forward gap moves forward by the gap, as RFC 5545 calendars do.
    const startsAt = zonedTimeToInstant(
      { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: local.hour, minute: local.minute },
      timeZone,
    );
    if (rule.until && startsAt > rule.until) break;
    out.push({ startsAt, endsAt: addMinutes(startsAt, minutes) });
  }
  return out;
}

export interface OccurrenceCheck {
  index: number;
  startsAt: Date;
  endsAt: Date;
  conflict: string | null;
}

/** Conflicts of every occurrence, without writing anything. */
export async function checkSeries(db: TenantDb, studio: StudioContext, base: CreateSessionInput, rule: SeriesRule): Promise<OccurrenceCheck[]> {
  const occurrences = planOccurrences(base, rule, studio.timeZone);
  const [room] = await db.select().from(tenant.rooms).where(eq(tenant.rooms.id, base.roomId));
  if (!room) throw new AppError('NOT_FOUND', 'room not found', { what: 'room' });
  // The room's rules (minimum length, steps) apply to every occurrence alike: refuse the series up front.
  assertBookingRules(room, base.startsAt, base.endsAt, studio.timeZone);
  const links = await db.select({ id: tenant.roomLinks.linkedRoomId }).from(tenant.roomLinks).where(eq(tenant.roomLinks.roomId, room.id));
  const checks: OccurrenceCheck[] = [];
  for (const [index, o] of occurrences.entries()) {
    const roomRange = rangeLiteral(addMinutes(o.startsAt, -room.setupBufferMinutes), addMinutes(o.endsAt, room.teardownBufferMinutes));
    const plain = rangeLiteral(o.startsAt, o.endsAt);
    const conflicts = await findConflicts(db, [
      { kind: 'room', resourceId: room.id, blocked: roomRange },
      ...links.map((l) => ({ kind: 'room' as const, resourceId: l.id, blocked: roomRange })),
      ...(base.engineerIds ?? []).map((id) => ({ kind: 'engineer' as const, resourceId: id, blocked: plain })),
      ...(base.gearIds ?? []).map((id) => ({ kind: 'gear' as const, resourceId: id, blocked: plain })),
    ]);
    checks.push({ index, ...o, conflict: conflicts.length ? conflictMessage(conflicts, studio.timeZone, studio.locale) : null });
  }
  return checks;
}

/**
 * Write the series (minus skipped occurrences) in one transaction; any conflict left refuses all of it.
 * Same lock order as a single booking (plan limit, then the resources — every occurrence books the same
 * ones), and the whole series is retried if PostgreSQL still picks it as a deadlock victim.
 */
export async function createSeries(db: TenantDb, studio: StudioContext, actor: Actor | null, base: CreateSessionInput, rule: SeriesRule, skip: number[] = []) {
  const occurrences = planOccurrences(base, rule, studio.timeZone)
    .map((o, index) => ({ ...o, index }))
    .filter((o) => !skip.includes(o.index));
  if (occurrences.length === 0) throw new AppError('BAD_REQUEST', 'Every occurrence is skipped');
  const seriesId = randomUUID();
  const now = new Date();
  const prepared: PreparedSession[] = [];
  for (const o of occurrences)
    prepared.push(
      await prepareSession(db, studio, { ...base, guard: undefined, queueBehindHolds: false, startsAt: o.startsAt, endsAt: o.endsAt, seriesId }, now),
    );
  try {
    return await writeTransaction(db, async (tx) => {
      if (base.guard) await base.guard(tx);
      await lockResources(
        tx,
        prepared.flatMap((p) => p.wanted),
      );
      const created = [];
      for (const p of prepared) created.push((await createSessionIn(tx, studio, actor, p)).session);
      return { seriesId, sessions: created };
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') {
      const nothingBooked =
        studio.locale === 'fr'
          ? 'Rien n’a été réservé : ignorez ou déplacez cette occurrence puis réessayez.'
          : 'Nothing was booked: skip or move that occurrence and try again.';
      throw new AppError('CONFLICT', `${error.message}. ${nothingBooked}`, error.params);
    }
    throw error;
  }
}

/** Cancel the occurrences of a series from a session on (that one included). */
export async function cancelSeriesFrom(db: TenantDb, studio: StudioContext, actor: Actor | null, sessionId: string, now: Date = new Date()) {
  const [from] = await db.select().from(tenant.sessions).where(eq(tenant.sessions.id, sessionId));
  if (!from?.seriesId) throw new AppError('BAD_REQUEST', 'This session is not part of a series');
  const rest = await db
    .select({ id: tenant.sessions.id })
    .from(tenant.sessions)
    .where(
      and(eq(tenant.sessions.seriesId, from.seriesId), gte(tenant.sessions.startsAt, from.startsAt), inArray(tenant.sessions.status, ['hold', 'confirmed'])),
    );
  const cancelled = [];
  for (const { id } of rest)
    cancelled.push(
      await changeSessionStatus(db, studio, actor, id, 'cancelled', 'rest of the series cancelled', {
        byKind: 'staff',
        reason: 'rest of the series cancelled',
        now,
      }),
    );
  return cancelled;
}
