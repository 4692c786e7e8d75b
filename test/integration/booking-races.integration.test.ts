/**
 * Races around the booking engine's database constraints (issue #10): each race is run many times over,
 * on a pool of 20 connections, so that a regression fails reliably.
 *   1. moving a queued hold while the hold ahead expires must not undo its promotion;
 *   2. "deposit received" twice at once records the receipt once and never wipes it;
 *   4. a recurring series and single bookings of a Starter studio on one room never deadlock;
 *  11. concurrent moves of one session: one wins, the others are told it changed; history is never stale.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { changeSessionStatus, createSession, moveSession } from '../../apps/server/src/modules/booking/sessions.service.ts';
import { expireHold } from '../../apps/server/src/modules/booking/holds.service.ts';
import { createSeries } from '../../apps/server/src/modules/booking/recurring.service.ts';
import { assertCanCreateSessions } from '../../apps/server/src/modules/booking/plan-limits.ts';
import { markDepositReceived } from '../../apps/server/src/modules/public-booking/booking-requests.service.ts';
import { AppError } from '../../apps/server/src/platform/errors.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { openBookingDb, settleAll, type BookingDb } from '../support/booking-db.ts';

let server: TestServer;
let b: BookingDb;
let roomId: string;
/** One room per pair of holds in the promotion race, so the pairs race each other only through the pool. */
const pairRooms: string[] = [];
const RACE_TIMEOUT = 300_000;

const HOUR = 3_600_000;
/** 10:00–12:00 UTC on the n-th day of a far month: every trial books its own days. */
const day = (n: number, hour = 10, hours = 2) => {
  const startsAt = new Date(Date.UTC(2031, 0, 1, hour) + n * 24 * HOUR);
  return { startsAt, endsAt: new Date(startsAt.getTime() + hours * HOUR) };
};
const shift = (slot: { startsAt: Date; endsAt: Date }, minutes: number) => ({
  startsAt: new Date(slot.startsAt.getTime() + minutes * 60_000),
  endsAt: new Date(slot.endsAt.getTime() + minutes * 60_000),
});

async function blocking(sessionId: string): Promise<boolean> {
  const rows = await b.db.select().from(tenant.sessionResources).where(eq(tenant.sessionResources.sessionId, sessionId));
  return rows.length > 0 && rows.every((r) => r.blocking);
}

beforeAll(async () => {
  server = await createTestServer();
  b = await openBookingDb(server, 'Race Studio');
  const [room] = await b.db
    .insert(tenant.rooms)
    .values({ name: 'Studio A', hourlyRateCents: 5000, capacity: 5, minDurationMinutes: 60, incrementMinutes: 30 })
    .returning();
  roomId = room!.id;
  const rooms = await b.db
    .insert(tenant.rooms)
    .values(Array.from({ length: 6 }, (_, i) => ({ name: `Booth ${i + 1}`, hourlyRateCents: 3000, capacity: 2, minDurationMinutes: 60, incrementMinutes: 30 })))
    .returning();
  pairRooms.push(...rooms.map((r) => r.id));
});
afterAll(async () => {
  await b?.close();
  await server?.close();
});

describe('item 1: a move never undoes a promotion', () => {
  it(
    'six holds expire while the holds queued behind them are dragged back and forth: every promoted hold keeps blocking',
    async () => {
      const TRIALS = 10;
      const PAIRS = pairRooms.length;
      let unblocked = 0;
      for (let trial = 0; trial < TRIALS; trial++) {
        const slots = Array.from({ length: PAIRS }, (_, i) => day(trial * PAIRS + i));
        const ahead = [];
        const queued = [];
        for (const [i, slot] of slots.entries()) {
          const roomId = pairRooms[i]!;
          ahead.push((await createSession(b.db, b.studio, null, { roomId, ...slot, title: 'Ahead', status: 'hold', holdHours: 1 })).session);
          const q = await createSession(b.db, b.studio, null, { roomId, ...slot, title: 'Queued', status: 'hold', holdHours: 24, queueBehindHolds: true });
          expect(q.queued).toBe(true);
          queued.push(q.session);
        }
        const lapsed = new Date(Date.now() + 2 * HOUR);
        const { errors } = await settleAll<unknown>([
          ...ahead.map((h) => expireHold(b.db, h.id, lapsed)),
          ...queued.map(async (q, i) => {
            for (const minutes of [30, 0, 30, 0]) await moveSession(b.db, b.studio, null, q.id, shift(slots[i]!, minutes));
          }),
        ]);
        expect(errors).toEqual([]);
        for (const [i, q] of queued.entries()) {
          const [row] = await b.db.select().from(tenant.sessions).where(eq(tenant.sessions.id, q.id));
          expect(row!.status).toBe('hold');
          if (!(await blocking(q.id))) unblocked++;
          // A newcomer cannot take the promoted hold's slot.
          const newcomer = await createSession(b.db, b.studio, null, { roomId: pairRooms[i]!, ...slots[i]!, title: 'Newcomer', status: 'confirmed' }).then(
            () => 'booked',
            (e: unknown) => (e instanceof AppError ? e.code : String(e)),
          );
          expect(newcomer).toBe('CONFLICT');
        }
      }
      expect(unblocked).toBe(0);
    },
    RACE_TIMEOUT,
  );
});

describe('item 2: deposit received twice at once', () => {
  it(
    'records the receipt once, confirms the hold, and the second click changes nothing and says so',
    async () => {
      const TRIALS = 20;
      for (let trial = 0; trial < TRIALS; trial++) {
        const { session } = await createSession(b.db, b.studio, null, { roomId, ...day(200 + trial), title: 'Deposit', status: 'hold' });
        await b.db.update(tenant.sessions).set({ depositCents: 3000, source: 'public' }).where(eq(tenant.sessions.id, session.id));
        const now = new Date();
        const { values, errors } = await settleAll([
          markDepositReceived(b.db, b.studio, b.actor, session.id, now),
          markDepositReceived(b.db, b.studio, b.actor, session.id, now),
        ]);
        expect(errors).toEqual([]);
        expect(values.map((v) => v.alreadyRecorded).sort()).toEqual([false, true]);
        const [row] = await b.db.select().from(tenant.sessions).where(eq(tenant.sessions.id, session.id));
        expect(row).toMatchObject({ status: 'confirmed', depositReceivedAt: now });
        const audit = await b.db
          .select()
          .from(tenant.auditLog)
          .where(and(eq(tenant.auditLog.entityId, session.id), eq(tenant.auditLog.action, 'session.deposit_received')));
        expect(audit).toHaveLength(1);
      }
    },
    RACE_TIMEOUT,
  );
});

describe('item 4: series and single bookings of a Starter studio on one room', () => {
  it(
    'all are booked, none deadlocks, none fails',
    async () => {
      // A studio of its own: the month's count must start from zero.
      const own = await openBookingDb(server, 'Starter Race Studio');
      const [room] = await own.db
        .insert(tenant.rooms)
        .values({ name: 'Live Room', hourlyRateCents: 5000, capacity: 5, minDurationMinutes: 60, incrementMinutes: 30 })
        .returning();
      const roomId = room!.id;
      const starter = { ...own.studio, plan: 'starter' as const, billingStatus: 'active' as const };
      const TRIALS = 8;
      for (let trial = 0; trial < TRIALS; trial++) {
        const now = new Date();
        const guard = (howMany: number) => (tx: Parameters<typeof assertCanCreateSessions>[0]) =>
          assertCanCreateSessions(tx, starter, now, howMany, server.platform);
        // 4 series × 4 weekly occurrences (Mon–Thu mornings) and 20 singles on Fridays–Sundays: 36 of the 50 a month.
        const series = [0, 1, 2, 3].map((weekday) =>
          createSeries(
            own.db,
            starter,
            own.actor,
            { roomId, ...day(400 + weekday, 9), title: `Series ${weekday}`, status: 'confirmed', guard: guard(4) },
            { everyWeeks: 1, count: 4 },
          ),
        );
        const singles = Array.from({ length: 20 }, (_, i) =>
          createSession(own.db, starter, own.actor, {
            roomId,
            ...day(404 + (i % 3) + 7 * Math.floor(i / 3), 8 + 2 * (i % 2)),
            title: `Single ${i}`,
            status: 'confirmed',
            guard: guard(1),
          }),
        );
        const { values, errors } = await settleAll<unknown>([...series, ...singles]);
        expect(errors.map((e) => (e instanceof Error ? e.message : String(e)))).toEqual([]);
        expect(values).toHaveLength(24);
        // The month's count starts again for the next trial.
        await own.db.delete(tenant.sessions).where(eq(tenant.sessions.roomId, roomId));
      }
      await own.close();
    },
    RACE_TIMEOUT,
  );
});

describe('item 11: concurrent moves of one session', () => {
  it(
    'with the version the user saw, one move wins and every other is told the session changed',
    async () => {
      const TRIALS = 10;
      for (let trial = 0; trial < TRIALS; trial++) {
        const origin = day(600 + trial * 30);
        const { session } = await createSession(b.db, b.studio, null, { roomId, ...origin, title: 'Dragged', status: 'confirmed' });
        const targets = Array.from({ length: 20 }, (_, i) => day(601 + trial * 30 + i));
        const { values, errors } = await settleAll(targets.map((t) => moveSession(b.db, b.studio, null, session.id, { ...t, version: session.version })));
        expect(values).toHaveLength(1);
        expect(errors).toHaveLength(19);
        for (const error of errors) expect(error).toMatchObject({ code: 'CONFLICT', params: { reason: 'sessionChanged' } });
      }
    },
    RACE_TIMEOUT,
  );

  it(
    'without a version, each move records where the session really was (no stale "moved from")',
    async () => {
      const TRIALS = 10;
      for (let trial = 0; trial < TRIALS; trial++) {
        const origin = day(1000 + trial * 30);
        const { session } = await createSession(b.db, b.studio, null, { roomId, ...origin, title: 'Dragged twice', status: 'confirmed' });
        const targets = Array.from({ length: 20 }, (_, i) => day(1001 + trial * 30 + i));
        const { errors } = await settleAll(targets.map((t) => moveSession(b.db, b.studio, null, session.id, t)));
        expect(errors).toEqual([]);
        const history = await b.db.select().from(tenant.sessionStatusHistory).where(eq(tenant.sessionStatusHistory.sessionId, session.id));
        const from = history.filter((h) => h.note.startsWith('moved from')).map((h) => h.note);
        const [final] = await b.db.select().from(tenant.sessions).where(eq(tenant.sessions.id, session.id));
        // Every position but the last was left exactly once: the origin and 19 of the 20 targets.
        const left = [origin, ...targets]
          .filter((s) => s.startsAt.getTime() !== final!.startsAt.getTime())
          .map((s) => `moved from ${s.startsAt.toISOString()}–${s.endsAt.toISOString()}`);
        expect(from.sort()).toEqual(left.sort());
      }
    },
    RACE_TIMEOUT,
  );
});

describe('status changes read the status under the locks', () => {
  it(
    'a cancel and a confirm of one hold at once: the rows block exactly when the final status does, and history never repeats a from-status',
    async () => {
      const TRIALS = 15;
      for (let trial = 0; trial < TRIALS; trial++) {
        const { session } = await createSession(b.db, b.studio, null, { roomId, ...day(1400 + trial), title: 'Undecided', status: 'hold' });
        const now = new Date();
        await settleAll([
          changeSessionStatus(b.db, b.studio, b.actor, session.id, 'cancelled', '', { byKind: 'staff', now }),
          changeSessionStatus(b.db, b.studio, b.actor, session.id, 'confirmed'),
        ]);
        const [row] = await b.db.select().from(tenant.sessions).where(eq(tenant.sessions.id, session.id));
        expect(await blocking(session.id)).toBe(row!.status === 'confirmed');
        const history = await b.db.select().from(tenant.sessionStatusHistory).where(eq(tenant.sessionStatusHistory.sessionId, session.id));
        const from = history.map((h) => h.fromStatus);
        expect(new Set(from).size).toBe(from.length);
      }
    },
    RACE_TIMEOUT,
  );
});
