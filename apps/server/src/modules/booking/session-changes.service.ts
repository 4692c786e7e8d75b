/**
 * Changes to an existing session: status (confirm, cancel, …), move/resize, details (engineers, gear,
 * client, title). Each runs in one transaction that locks the session in the engine's order
 * (session-locks.ts) and decides from what it reads under those locks — never from a read made before —
 * so a change cannot undo a promotion or a concurrent move. Moves and edits may carry the version the
 * user saw: a session changed meanwhile is refused. Any rows that stop blocking hand their slot to the
 * waiting list (waiting-list.ts); the promoted holds are returned for the caller to announce.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError, notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import type { TenantExecutor } from '../../platform/tenancy/tenant-tx.ts';
import type { Actor, StudioContext } from '../studios/studio-context.ts';
import { recordCancellation, type CancelOptions } from './cancellation.service.ts';
import { conflictError, findConflicts, isOverlapRefusal, type WantedResource } from './conflicts.ts';
import { priceSession } from './pricing.ts';
import { assertBookingRules, loadResources, wantedResources } from './session-resources.ts';
import {
  assertVersion,
  lockSession,
  sessionResources,
  staleError,
  writeTransaction,
  type SessionResourceRow,
  type SessionRow,
  type Tx,
} from './session-locks.ts';
import { BLOCKING, TRANSITIONS, type SessionStatus } from './session-status.ts';
import { promoteWaiting, type PromotedHold } from './waiting-list.ts';

export type ChangedSession = SessionRow & { promoted: PromotedHold[] };
type Locked = Awaited<ReturnType<typeof lockSession>>;
type Placed = WantedResource & { primary: boolean };

export const asWanted = (rows: readonly SessionResourceRow[]): WantedResource[] =>
  rows.map((r) => ({ kind: r.kind, resourceId: r.resourceId, blocked: r.blocked }));
const freedBy = (rows: readonly SessionResourceRow[]) => asWanted(rows.filter((r) => r.blocking));
const sortedIds = (rows: readonly { kind: string; resourceId: string }[], kind: string) =>
  rows
    .filter((r) => r.kind === kind)
    .map((r) => r.resourceId)
    .sort()
    .join(',');
const sameExtras = (a: readonly { kind: string; resourceId: string }[], b: readonly { kind: string; resourceId: string }[]) =>
  sortedIds(a, 'engineer') === sortedIds(b, 'engineer') && sortedIds(a, 'gear') === sortedIds(b, 'gear');

/** Run a rewrite; an overlap the database refused becomes the message naming what is in the way. */
export async function refusingOverlaps<T>(
  db: TenantExecutor,
  studio: StudioContext,
  sessionId: string,
  wanted: () => Promise<WantedResource[]>,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isOverlapRefusal(error)) throw error;
    throw conflictError(await findConflicts(db, await wanted(), sessionId), studio.timeZone, studio.locale);
  }
}

async function insertRows(tx: Tx, sessionId: string, rows: readonly Placed[], blocking: boolean) {
  if (rows.length)
    await tx
      .insert(tenant.sessionResources)
      .values(rows.map((w) => ({ sessionId, kind: w.kind, resourceId: w.resourceId, primary: w.primary, blocked: w.blocked, blocking })));
}

/**
 * A waiting hold's new rows: blocking when the new slot is free (it leaves the waiting list), still
 * waiting when only holds are in the way; anything else refuses the move.
 */
async function placeWaitingHold(tx: Tx, studio: StudioContext, sessionId: string, rows: readonly Placed[]): Promise<void> {
  try {
    await tx.transaction((savepoint) => insertRows(savepoint, sessionId, rows, true));
  } catch (error) {
    if (!isOverlapRefusal(error)) throw error;
    const conflicts = await findConflicts(tx, [...rows], sessionId);
    if (!(conflicts.length > 0 && conflicts.every((c) => c.status === 'hold'))) throw conflictError(conflicts, studio.timeZone, studio.locale);
    await insertRows(tx, sessionId, rows, false);
  }
}

/** A status change on a session the caller has locked (lockSession) in `tx`. */
export async function transitionLocked(
  tx: Tx,
  studio: StudioContext,
  actor: Actor | null,
  locked: Locked,
  to: SessionStatus,
  note: string,
  cancel?: CancelOptions,
): Promise<ChangedSession> {
  const { session } = locked;
  if (!TRANSITIONS[session.status].includes(to)) {
    throw new AppError('BAD_REQUEST', `A ${session.status.replace('_', ' ')} session cannot become ${to.replace('_', ' ')}`, { from: session.status, to });
  }
  const now = cancel?.now ?? new Date();
  const [updated] = await tx
    .update(tenant.sessions)
    .set({ status: to, holdExpiresAt: to === 'hold' ? session.holdExpiresAt : null, updatedAt: new Date() })
    .where(eq(tenant.sessions.id, session.id))
    .returning();
  const result =
    to === 'cancelled'
      ? await recordCancellation(tx, updated!, studio.timeZone, cancel ?? { byKind: actor ? 'staff' : 'system', reason: note, now })
      : updated!;
  const blocking = BLOCKING.includes(to);
  await tx.update(tenant.sessionResources).set({ blocking }).where(eq(tenant.sessionResources.sessionId, session.id));
  await tx
    .insert(tenant.sessionStatusHistory)
    .values({ sessionId: session.id, fromStatus: session.status, toStatus: to, changedBy: actor?.userId ?? null, note });
  const promoted = blocking ? [] : await promoteWaiting(tx, freedBy(locked.resources), now, session.id);
  return { ...result, promoted };
}

/**
 * Move a session to another status; the calendar slot is freed or taken in the same transaction. A
 * cancel records the cancellation policy's outcome on the session in that transaction too.
 */
export async function changeSessionStatus(
  db: TenantDb,
  studio: StudioContext,
  actor: Actor | null,
  id: string,
  to: SessionStatus,
  note = '',
  cancel?: CancelOptions,
  expectedVersion?: number,
): Promise<ChangedSession> {
  return refusingOverlaps(
    db,
    studio,
    id,
    async () => asWanted(await sessionResources(db, id)), // a queued hold confirmed while the slot is still taken
    () =>
      writeTransaction(db, async (tx) => {
        const locked = await lockSession(tx, id);
        assertVersion(locked.session, expectedVersion);
        return transitionLocked(tx, studio, actor, locked, to, note, cancel);
      }),
  );
}

async function loadSession(db: TenantDb, id: string) {
  const [session] = await db.select().from(tenant.sessions).where(eq(tenant.sessions.id, id));
  if (!session) throw notFound('session');
  return session;
}

export interface MoveTarget {
  startsAt: Date;
  endsAt: Date;
  roomId?: string | undefined;
  /** The version the user moved; omitted by callers that re-read the session themselves. */
  version?: number | undefined;
}

/** Move or resize a session (drag on the calendar), optionally to another room. Its own old slot never conflicts with itself. */
export async function moveSession(db: TenantDb, studio: StudioContext, actor: Actor | null, id: string, to: MoveTarget): Promise<ChangedSession> {
  const seen = await loadSession(db, id);
  const seenRows = await sessionResources(db, id);
  const resources = await loadResources(db, {
    roomId: to.roomId ?? seen.roomId,
    engineerIds: seenRows.filter((r) => r.kind === 'engineer').map((r) => r.resourceId),
    gearIds: seenRows.filter((r) => r.kind === 'gear').map((r) => r.resourceId),
  });
  const minutes = assertBookingRules(resources.room, to.startsAt, to.endsAt, studio.timeZone);
  const price = priceSession({ room: resources.room, durationMinutes: minutes, engineers: resources.engineers, gear: resources.gear });
  const wanted = wantedResources(resources, to.startsAt, to.endsAt);
  return refusingOverlaps(
    db,
    studio,
    id,
    async () => wanted,
    () =>
      writeTransaction(db, async (tx) => {
        const { session, resources: rows } = await lockSession(tx, id, wanted);
        assertVersion(session, to.version);
        if (session.status === 'cancelled' || session.status === 'completed' || session.status === 'no_show') {
          throw new AppError('BAD_REQUEST', `A ${session.status.replace('_', ' ')} session cannot be moved`, { status: session.status });
        }
        // Its engineers or gear changed since they were read: the new rows would drop that change.
        if (!sameExtras(rows, wanted)) throw staleError(session);
        const waiting = session.status === 'hold' && !rows.some((r) => r.blocking);
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
          .where(eq(tenant.sessions.id, id))
          .returning();
        await tx.delete(tenant.sessionResources).where(eq(tenant.sessionResources.sessionId, id));
        if (waiting) await placeWaitingHold(tx, studio, id, wanted);
        else await insertRows(tx, id, wanted, BLOCKING.includes(session.status));
        await tx.insert(tenant.sessionStatusHistory).values({
          sessionId: id,
          fromStatus: session.status,
          toStatus: session.status,
          changedBy: actor?.userId ?? null,
          note: `moved from ${session.startsAt.toISOString()}–${session.endsAt.toISOString()}${resources.room.id !== session.roomId ? ' to another room' : ''}`,
        });
        const promoted = await promoteWaiting(tx, freedBy(rows), new Date(), id);
        return { ...updated!, promoted };
      }),
  );
}

export interface DetailsInput {
  title: string;
  notes: string;
  clientId: string | null;
  engineerIds: string[];
  gearIds: string[];
  /** The version the user edited; omitted by callers that re-read the session themselves. */
  version?: number | undefined;
}

/** Change what a session is and who/what it books (not its time or room: that is a move). */
export async function updateSessionDetails(db: TenantDb, studio: StudioContext, actor: Actor | null, id: string, input: DetailsInput): Promise<ChangedSession> {
  const seen = await loadSession(db, id);
  const resources = await loadResources(db, { roomId: seen.roomId, clientId: input.clientId, engineerIds: input.engineerIds, gearIds: input.gearIds });
  const minutes = Math.round((seen.endsAt.getTime() - seen.startsAt.getTime()) / 60_000);
  const price = priceSession({ room: resources.room, durationMinutes: minutes, engineers: resources.engineers, gear: resources.gear });
  const wanted = wantedResources(resources, seen.startsAt, seen.endsAt).filter((w) => w.kind !== 'room');
  return refusingOverlaps(
    db,
    studio,
    id,
    async () => wanted,
    () =>
      writeTransaction(db, async (tx) => {
        const { session, resources: rows } = await lockSession(tx, id, wanted);
        assertVersion(session, input.version);
        // Moved meanwhile: the engineers' and gear's ranges computed above are stale.
        if (session.startsAt.getTime() !== seen.startsAt.getTime() || session.endsAt.getTime() !== seen.endsAt.getTime() || session.roomId !== seen.roomId)
          throw staleError(session);
        const active = session.status === 'hold' || session.status === 'confirmed' || session.status === 'in_progress';
        const sameResources = sameExtras(rows, wanted);
        if (!active && !sameResources)
          throw new AppError('BAD_REQUEST', `The engineers and gear of a ${session.status.replace('_', ' ')} session can no longer change`, {
            status: session.status,
          });
        const [updated] = await tx
          .update(tenant.sessions)
          .set({
            title: input.title,
            notes: input.notes,
            clientId: input.clientId,
            ...(active ? { priceCents: price.totalCents, priceBreakdown: price.lines } : {}),
            updatedAt: new Date(),
          })
          .where(eq(tenant.sessions.id, id))
          .returning();
        let promoted: PromotedHold[] = [];
        if (!sameResources) {
          const extras = rows.filter((r) => r.kind !== 'room');
          await tx
            .delete(tenant.sessionResources)
            .where(and(eq(tenant.sessionResources.sessionId, id), inArray(tenant.sessionResources.kind, ['engineer', 'gear'])));
          await insertRows(
            tx,
            id,
            wanted,
            rows.some((r) => r.blocking),
          );
          promoted = await promoteWaiting(tx, freedBy(extras), new Date(), id);
        }
        await tx.insert(tenant.auditLog).values({
          actorUserId: actor?.userId ?? null,
          action: 'session.updated',
          entity: 'session',
          entityId: id,
          details: { resourcesChanged: !sameResources },
        });
        return { ...updated!, promoted };
      }),
  );
}
