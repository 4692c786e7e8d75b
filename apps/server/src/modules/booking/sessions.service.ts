/**
 * Sessions (bookings): create, change status, cancel, list. A session occupies its room (with the room's
 * buffers, and every room linked to it), its engineers and its gear; the database refuses any overlap
 * between blocking sessions (see packages/db/src/tenant/booking.ts), and the refusal comes back here as
 * a message naming the conflict. Every status change is recorded (who, when, from → to).
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { SESSION_TRANSITIONS } from '@rsm/shared/booking-schemas';
import { AppError, notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import type { Actor, StudioContext } from '../studios/studio-context.ts';
import { conflictError, findConflicts, isOverlapRefusal, type WantedResource } from './conflicts.ts';
import { priceSession } from './pricing.ts';
import { addMinutes, minuteOfDay, rangeLiteral } from './time.ts';
import { pgErrorCode, SQLSTATE } from '../../platform/postgres/pg-errors.ts';
import { recordCancellation, type CancelOptions } from './cancellation.service.ts';

export type SessionStatus = (typeof tenant.sessionStatusEnum.enumValues)[number];

/** Statuses whose resources block the calendar (a hold blocks unless it is queued behind another). */
const BLOCKING: readonly SessionStatus[] = ['hold', 'confirmed', 'in_progress', 'completed', 'no_show'];

export const TRANSITIONS = SESSION_TRANSITIONS;

export const DEFAULT_HOLD_HOURS = 48;

export interface CreateSessionInput {
  roomId: string;
  startsAt: Date;
  endsAt: Date;
  title: string;
  notes?: string;
  clientId?: string | null;
  engineerIds?: string[];
  gearIds?: string[];
  status: 'hold' | 'confirmed';
  holdHours?: number;
  /** For a hold on a slot held by someone else: wait in line behind it instead of being refused. */
  queueBehindHolds?: boolean;
  /** Checks run inside the inserting transaction (plan limits). */
  guard?: ((tx: Tx) => Promise<void>) | undefined;
  seriesId?: string;
}

async function loadResources(db: TenantDb | Tx, input: CreateSessionInput) {
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

function wantedResources(resources: Awaited<ReturnType<typeof loadResources>>, startsAt: Date, endsAt: Date): (WantedResource & { primary: boolean })[] {
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

export type Tx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];

/**
 * Take a transaction-scoped advisory lock per resource, in a fixed order, before inserting. Two bookings
 * of the same resource then queue here instead of deadlocking inside the EXCLUDE check (both insert their
 * index entry, then each waits for the other). Correctness still comes from the constraint; this only
 * makes contention cheap and orderly.
 */
export async function lockResources(tx: Tx, resources: { kind: string; resourceId: string }[]): Promise<void> {
  const keys = [...new Set(resources.map((r) => `${r.kind}:${r.resourceId}`))].sort();
  for (const key of keys) await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`);
}

async function withDeadlockRetry<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = pgErrorCode(error);
      if ((code !== SQLSTATE.deadlockDetected && code !== SQLSTATE.serializationFailure) || attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
    }
  }
}

/**
 * Rewrite a session's rows under the resource locks, in one transaction; a refused overlap becomes the
 * message naming what is in the way (the session itself never conflicts with its own old rows).
 */
async function rewriteUnderLock<T>(
  db: TenantDb,
  studio: StudioContext,
  sessionId: string,
  wanted: WantedResource[],
  blocking: boolean,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    return await withDeadlockRetry(() =>
      db.transaction(async (tx) => {
        if (blocking) await lockResources(tx, wanted);
        return work(tx);
      }),
    );
  } catch (error) {
    if (!isOverlapRefusal(error)) throw error;
    throw conflictError(await findConflicts(db, wanted, sessionId), studio.timeZone, studio.locale);
  }
}

export async function createSession(db: TenantDb | Tx, studio: StudioContext, actor: Actor | null, input: CreateSessionInput) {
  const resources = await loadResources(db, input);
  const minutes = assertBookingRules(resources.room, input.startsAt, input.endsAt, studio.timeZone);
  const price = priceSession({ room: resources.room, durationMinutes: minutes, engineers: resources.engineers, gear: resources.gear });
  const wanted = wantedResources(resources, input.startsAt, input.endsAt);
  const holdExpiresAt = input.status === 'hold' ? addMinutes(new Date(), (input.holdHours ?? DEFAULT_HOLD_HOURS) * 60) : null;

  const insert = (blocking: boolean) =>
    withDeadlockRetry(() =>
      db.transaction(async (tx) => {
        if (blocking) await lockResources(tx, wanted);
        if (input.guard) await input.guard(tx);
        const [session] = await tx
          .insert(tenant.sessions)
          .values({
            title: input.title,
            notes: input.notes ?? '',
            clientId: input.clientId ?? null,
            roomId: resources.room.id,
            startsAt: input.startsAt,
            endsAt: input.endsAt,
            status: input.status,
            holdExpiresAt,
            priceCents: price.totalCents,
            currency: studio.currency,
            priceBreakdown: price.lines,
            createdBy: actor?.userId ?? null,
            seriesId: input.seriesId ?? null,
          })
          .returning();
        await tx
          .insert(tenant.sessionResources)
          .values(wanted.map((w) => ({ sessionId: session!.id, kind: w.kind, resourceId: w.resourceId, primary: w.primary, blocked: w.blocked, blocking })));
        await tx
          .insert(tenant.sessionStatusHistory)
          .values({
            sessionId: session!.id,
            fromStatus: null,
            toStatus: input.status,
            changedBy: actor?.userId ?? null,
            note: blocking ? '' : 'queued behind another hold',
          });
        return { session: session!, queued: !blocking };
      }),
    );

  try {
    return await insert(true);
  } catch (error) {
    if (!isOverlapRefusal(error)) throw error;
    const conflicts = await findConflicts(db, wanted);
    const onlyHolds = conflicts.length > 0 && conflicts.every((c) => c.status === 'hold');
    if (input.status === 'hold' && input.queueBehindHolds && onlyHolds) return insert(false);
    throw conflictError(conflicts, studio.timeZone, studio.locale);
  }
}

async function loadSession(db: TenantDb, id: string) {
  const [session] = await db.select().from(tenant.sessions).where(eq(tenant.sessions.id, id));
  if (!session) throw notFound('session');
  return session;
}

/**
 * Move a session to another status; the calendar slot is freed or taken in the same transaction. A
 * cancel records the cancellation policy's outcome on the session in that transaction too.
 */
export async function changeSessionStatus(db: TenantDb, studio: StudioContext, actor: Actor | null, id: string, to: SessionStatus, note = '', cancel?: CancelOptions) {
  const session = await loadSession(db, id);
  if (!TRANSITIONS[session.status].includes(to)) {
    throw new AppError('BAD_REQUEST', `A ${session.status.replace('_', ' ')} session cannot become ${to.replace('_', ' ')}`, { from: session.status, to });
  }
  try {
    return await withDeadlockRetry(() =>
      db.transaction(async (tx) => {
        if (BLOCKING.includes(to)) {
          const rows = await tx.select().from(tenant.sessionResources).where(eq(tenant.sessionResources.sessionId, id));
          await lockResources(tx, rows);
        }
        const [updated] = await tx
          .update(tenant.sessions)
          .set({ status: to, holdExpiresAt: to === 'hold' ? session.holdExpiresAt : null, updatedAt: new Date() })
          .where(and(eq(tenant.sessions.id, id), eq(tenant.sessions.status, session.status)))
          .returning();
        if (!updated) throw new AppError('CONFLICT', 'This session was changed by someone else meanwhile; reload it');
        const result = to === 'cancelled' ? await recordCancellation(tx, updated, studio.timeZone, cancel ?? { byKind: actor ? 'staff' : 'system', reason: note, now: new Date() }) : updated;
        await tx
          .update(tenant.sessionResources)
          .set({ blocking: BLOCKING.includes(to) })
          .where(eq(tenant.sessionResources.sessionId, id));
        await tx
          .insert(tenant.sessionStatusHistory)
          .values({ sessionId: id, fromStatus: session.status, toStatus: to, changedBy: actor?.userId ?? null, note });
        return result;
      }),
    );
  } catch (error) {
    if (!isOverlapRefusal(error)) throw error;
    // A queued hold being confirmed while the slot is still taken.
    const rows = await db.select().from(tenant.sessionResources).where(eq(tenant.sessionResources.sessionId, id));
    const conflicts = await findConflicts(
      db,
      rows.map((r) => ({ kind: r.kind, resourceId: r.resourceId, blocked: r.blocked })),
      id,
    );
    throw conflictError(conflicts, studio.timeZone, studio.locale);
  }
}

export async function getSessionDetail(db: TenantDb, id: string) {
  const session = await loadSession(db, id);
  const resources = await db.select().from(tenant.sessionResources).where(eq(tenant.sessionResources.sessionId, id));
  const history = await db
    .select()
    .from(tenant.sessionStatusHistory)
    .where(eq(tenant.sessionStatusHistory.sessionId, id))
    .orderBy(asc(tenant.sessionStatusHistory.changedAt));
  return { session, resources, history };
}

/** Sessions overlapping [from, to), for the calendar; cancelled ones only when asked. */
export async function listSessions(db: TenantDb, range: { from: Date; to: Date; roomIds?: string[]; includeCancelled?: boolean }) {
  return db
    .select()
    .from(tenant.sessions)
    .where(
      and(
        // same expression as the sessions_span_idx GiST index
        sql`tstzrange(${tenant.sessions.startsAt}, ${tenant.sessions.endsAt}) && tstzrange(${range.from.toISOString()}::timestamptz, ${range.to.toISOString()}::timestamptz)`,
        range.roomIds?.length ? inArray(tenant.sessions.roomId, range.roomIds) : undefined,
        range.includeCancelled ? undefined : inArray(tenant.sessions.status, BLOCKING as SessionStatus[]),
      ),
    )
    .orderBy(asc(tenant.sessions.startsAt))
    .limit(5_000);
}

/** Move or resize a session (drag on the calendar), optionally to another room. Its own old slot never conflicts with itself. */
export async function moveSession(db: TenantDb, studio: StudioContext, actor: Actor | null, id: string, to: { startsAt: Date; endsAt: Date; roomId?: string }) {
  const session = await loadSession(db, id);
  if (session.status === 'cancelled' || session.status === 'completed' || session.status === 'no_show') {
    throw new AppError('BAD_REQUEST', `A ${session.status.replace('_', ' ')} session cannot be moved`, { status: session.status });
  }
  const current = await db.select().from(tenant.sessionResources).where(eq(tenant.sessionResources.sessionId, id));
  const resources = await loadResources(db, {
    roomId: to.roomId ?? session.roomId,
    startsAt: to.startsAt,
    endsAt: to.endsAt,
    title: session.title,
    status: 'confirmed',
    engineerIds: current.filter((r) => r.kind === 'engineer').map((r) => r.resourceId),
    gearIds: current.filter((r) => r.kind === 'gear').map((r) => r.resourceId),
  });
  const minutes = assertBookingRules(resources.room, to.startsAt, to.endsAt, studio.timeZone);
  const price = priceSession({ room: resources.room, durationMinutes: minutes, engineers: resources.engineers, gear: resources.gear });
  const wanted = wantedResources(resources, to.startsAt, to.endsAt);
  const blocking = current.some((r) => r.blocking);
  return rewriteUnderLock(db, studio, id, wanted, blocking, async (tx) => {
    const [updated] = await tx
      .update(tenant.sessions)
      .set({
        startsAt: to.startsAt,
        endsAt: to.endsAt,
        roomId: resources.room.id,
        priceCents: price.totalCents,
        priceBreakdown: price.lines,
        updatedAt: new Date(),
      })
      .where(and(eq(tenant.sessions.id, id), eq(tenant.sessions.status, session.status)))
      .returning();
    if (!updated) throw new AppError('CONFLICT', 'This session was changed by someone else meanwhile; reload it');
    await tx.delete(tenant.sessionResources).where(eq(tenant.sessionResources.sessionId, id));
    await tx
      .insert(tenant.sessionResources)
      .values(wanted.map((w) => ({ sessionId: id, kind: w.kind, resourceId: w.resourceId, primary: w.primary, blocked: w.blocked, blocking })));
    await tx.insert(tenant.sessionStatusHistory).values({
      sessionId: id,
      fromStatus: session.status,
      toStatus: session.status,
      changedBy: actor?.userId ?? null,
      note: `moved from ${session.startsAt.toISOString()}–${session.endsAt.toISOString()}${to.roomId && to.roomId !== session.roomId ? ' to another room' : ''}`,
    });
    return updated;
  });
}

/** The price a session would have, shown before it is saved. */
export async function quoteSession(db: TenantDb, studio: StudioContext, input: Omit<CreateSessionInput, 'title' | 'status'>) {
  const resources = await loadResources(db, { ...input, title: '', status: 'confirmed' });
  const minutes = assertBookingRules(resources.room, input.startsAt, input.endsAt, studio.timeZone);
  return {
    ...priceSession({ room: resources.room, durationMinutes: minutes, engineers: resources.engineers, gear: resources.gear }),
    currency: studio.currency,
  };
}

/** Change what a session is and who/what it books (not its time or room: that is a move). */
export async function updateSessionDetails(
  db: TenantDb,
  studio: StudioContext,
  actor: Actor | null,
  id: string,
  input: { title: string; notes: string; clientId: string | null; engineerIds: string[]; gearIds: string[] },
) {
  const session = await loadSession(db, id);
  const active = session.status === 'hold' || session.status === 'confirmed' || session.status === 'in_progress';
  const current = await db.select().from(tenant.sessionResources).where(eq(tenant.sessionResources.sessionId, id));
  const sameResources =
    JSON.stringify([...input.engineerIds].sort()) ===
      JSON.stringify(
        current
          .filter((r) => r.kind === 'engineer')
          .map((r) => r.resourceId)
          .sort(),
      ) &&
    JSON.stringify([...input.gearIds].sort()) ===
      JSON.stringify(
        current
          .filter((r) => r.kind === 'gear')
          .map((r) => r.resourceId)
          .sort(),
      );
  if (!active && !sameResources)
    throw new AppError('BAD_REQUEST', `The engineers and gear of a ${session.status.replace('_', ' ')} session can no longer change`, {
      status: session.status,
    });
  const resources = await loadResources(db, {
    roomId: session.roomId,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    title: input.title,
    status: 'confirmed',
    clientId: input.clientId,
    engineerIds: input.engineerIds,
    gearIds: input.gearIds,
  });
  const minutes = Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000);
  const price = priceSession({ room: resources.room, durationMinutes: minutes, engineers: resources.engineers, gear: resources.gear });
  const wanted = wantedResources(resources, session.startsAt, session.endsAt).filter((w) => w.kind !== 'room');
  const blocking = current.some((r) => r.blocking);
  return rewriteUnderLock(db, studio, id, wanted, blocking, async (tx) => {
    const [updated] = await tx
      .update(tenant.sessions)
      .set({
        title: input.title,
        notes: input.notes,
        clientId: input.clientId,
        ...(active ? { priceCents: price.totalCents, priceBreakdown: price.lines } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(tenant.sessions.id, id), eq(tenant.sessions.status, session.status)))
      .returning();
    if (!updated) throw new AppError('CONFLICT', 'This session was changed by someone else meanwhile; reload it');
    if (!sameResources) {
      await tx
        .delete(tenant.sessionResources)
        .where(and(eq(tenant.sessionResources.sessionId, id), inArray(tenant.sessionResources.kind, ['engineer', 'gear'])));
      if (wanted.length)
        await tx
          .insert(tenant.sessionResources)
          .values(wanted.map((w) => ({ sessionId: id, kind: w.kind, resourceId: w.resourceId, primary: true, blocked: w.blocked, blocking })));
    }
    await tx
      .insert(tenant.auditLog)
      .values({
        actorUserId: actor?.userId ?? null,
        action: 'session.updated',
        entity: 'session',
        entityId: id,
        details: { resourcesChanged: !sameResources },
      });
    return updated;
  });
}
