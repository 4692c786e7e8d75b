/**
 * Sessions (bookings): create, list, read, quote. A session occupies its room (with the room's buffers,
 * and every room linked to it), its engineers and its gear; the database refuses any overlap between
 * blocking sessions (see packages/db/src/tenant/booking.ts), and the refusal comes back here as a message
 * naming the conflict. Changes to existing sessions live in session-changes.service.ts; every writer
 * follows the lock order of session-locks.ts.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import type { Actor, StudioContext } from '../studios/studio-context.ts';
import { conflictError, findConflicts, isOverlapRefusal, type WantedResource } from './conflicts.ts';
import { DEFAULT_HOLD_HOURS, holdExpiry } from './deadlines.ts';
import { priceSession } from './pricing.ts';
import { assertBookingRules, loadResources, wantedResources } from './session-resources.ts';
import { lockResources, withDeadlockRetry, type Tx } from './session-locks.ts';

export { BLOCKING, TRANSITIONS, type SessionStatus } from './session-status.ts';
import { BLOCKING, type SessionStatus } from './session-status.ts';
export { DEFAULT_HOLD_HOURS, assertBookingRules, lockResources, type Tx };
export { changeSessionStatus, moveSession, updateSessionDetails } from './session-changes.service.ts';

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
  /** Checks run inside the inserting transaction, before the resource locks (plan limits: lock order). */
  guard?: ((tx: Tx) => Promise<void>) | undefined;
  seriesId?: string;
  /** The business clock the hold's expiry counts from (defaults to the wall clock). */
  now?: Date;
}

export type PreparedSession = Awaited<ReturnType<typeof prepareSession>>;
type Prepared = PreparedSession;

/** Everything about a new session that does not depend on the calendar: resources, rules, price, hold length. */
export async function prepareSession(db: TenantDb | Tx, studio: StudioContext, input: CreateSessionInput, now = input.now ?? new Date()) {
  const resources = await loadResources(db, input);
  const minutes = assertBookingRules(resources.room, input.startsAt, input.endsAt, studio.timeZone);
  const price = priceSession({ room: resources.room, durationMinutes: minutes, engineers: resources.engineers, gear: resources.gear });
  const wanted = wantedResources(resources, input.startsAt, input.endsAt);
  const holdMinutes = input.status === 'hold' ? (input.holdHours ?? DEFAULT_HOLD_HOURS) * 60 : null;
  const holdExpiresAt = holdMinutes === null ? null : holdExpiry(now, holdMinutes, input.startsAt);
  return { input, resources, price, wanted, holdMinutes, holdExpiresAt };
}

async function insertSession(tx: Tx, studio: StudioContext, actor: Actor | null, p: Prepared, blocking: boolean) {
  const { input } = p;
  const [session] = await tx
    .insert(tenant.sessions)
    .values({
      title: input.title,
      notes: input.notes ?? '',
      clientId: input.clientId ?? null,
      roomId: p.resources.room.id,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      status: input.status,
      holdExpiresAt: p.holdExpiresAt,
      holdMinutes: p.holdMinutes,
      priceCents: p.price.totalCents,
      currency: studio.currency,
      priceBreakdown: p.price.lines,
      createdBy: actor?.userId ?? null,
      seriesId: input.seriesId ?? null,
    })
    .returning();
  await tx
    .insert(tenant.sessionResources)
    .values(p.wanted.map((w) => ({ sessionId: session!.id, kind: w.kind, resourceId: w.resourceId, primary: w.primary, blocked: w.blocked, blocking })));
  await tx.insert(tenant.sessionStatusHistory).values({
    sessionId: session!.id,
    fromStatus: null,
    toStatus: input.status,
    changedBy: actor?.userId ?? null,
    note: blocking ? '' : 'queued behind another hold',
  });
  return { session: session!, queued: !blocking };
}

/**
 * Insert a prepared session inside the caller's transaction, in the engine's lock order (guard — the plan
 * limit — then the resources). A hold that may queue and finds only holds in the way is inserted as
 * waiting, under the same locks, so no promotion can slip in between.
 */
export async function createSessionIn(tx: Tx, studio: StudioContext, actor: Actor | null, p: Prepared) {
  if (p.input.guard) await p.input.guard(tx);
  await lockResources(tx, p.wanted);
  try {
    return await tx.transaction((savepoint) => insertSession(savepoint, studio, actor, p, true));
  } catch (error) {
    if (!isOverlapRefusal(error)) throw error;
    const conflicts = await findConflicts(tx, p.wanted);
    const onlyHolds = conflicts.length > 0 && conflicts.every((c) => c.status === 'hold');
    if (p.input.status === 'hold' && p.input.queueBehindHolds && onlyHolds) return insertSession(tx, studio, actor, p, false);
    throw conflictError(conflicts, studio.timeZone, studio.locale);
  }
}

/** Book one session (its own transaction, retried on deadlock; a savepoint when `db` is a transaction). */
export async function createSession(db: TenantDb | Tx, studio: StudioContext, actor: Actor | null, input: CreateSessionInput) {
  const prepared = await prepareSession(db, studio, input);
  return withDeadlockRetry(() => db.transaction((tx) => createSessionIn(tx, studio, actor, prepared)));
}

export type { WantedResource };

async function loadSession(db: TenantDb, id: string) {
  const [session] = await db.select().from(tenant.sessions).where(eq(tenant.sessions.id, id));
  if (!session) throw notFound('session');
  return session;
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

/** The price a session would have, shown before it is saved. */
export async function quoteSession(db: TenantDb, studio: StudioContext, input: Omit<CreateSessionInput, 'title' | 'status'>) {
  const resources = await loadResources(db, input);
  const minutes = assertBookingRules(resources.room, input.startsAt, input.endsAt, studio.timeZone);
  return {
    ...priceSession({ room: resources.room, durationMinutes: minutes, engineers: resources.engineers, gear: resources.gear }),
    currency: studio.currency,
  };
}
