/**
 * The database refuses every double booking: a room (buffers and linked rooms included), an engineer,
 * a piece of gear — holds and confirmed sessions alike — and the refusal names the conflict.
 * Includes the race: 200 concurrent requests for one slot, exactly one wins, for each kind of resource.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { control, tenant } from '@rsm/db';
import { databaseUrl } from '../../apps/server/src/platform/postgres/connection-manager.ts';
import type { TenantDb } from '../../apps/server/src/platform/tenancy/directory.ts';
import type { StudioContext } from '../../apps/server/src/modules/studios/studio-context.ts';
import { changeSessionStatus, createSession, listSessions } from '../../apps/server/src/modules/booking/sessions.service.ts';
import { AppError } from '../../apps/server/src/platform/errors.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, signUpStudio } from '../support/api.ts';

let server: TestServer;
let pool: pg.Pool;
let db: TenantDb;
let studio: StudioContext;
const ids = { live: '', booth: '', mix: '', engineer: '', engineer2: '', mic: '', client: '' };

const at = (iso: string) => new Date(iso);
const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

beforeAll(async () => {
  server = await createTestServer();
  const owner = await signUpStudio(new ApiClient(server.app), { studioName: 'Constraint Studio' });
  const [row] = await server.platform.controlDb
    .select({ studio: control.studios, location: control.tenantDatabases })
    .from(control.studios)
    .innerJoin(control.tenantDatabases, eq(control.tenantDatabases.studioId, control.studios.id))
    .where(eq(control.studios.slug, owner.slug));
  studio = { ...row!.studio, locale: 'en', location: row!.location };
  // A pool of its own so the race really runs on many connections at once.
  pool = new pg.Pool({ connectionString: databaseUrl(server.adminUrl, row!.location.databaseName), max: 20 });
  db = drizzle(pool, { schema: tenant });
  const [live, booth, mix] = await db
    .insert(tenant.rooms)
    .values([
      { name: 'Studio A', hourlyRateCents: 6000, capacity: 8, setupBufferMinutes: 30, teardownBufferMinutes: 30, minDurationMinutes: 60, incrementMinutes: 30 },
      { name: 'Vocal Booth', hourlyRateCents: 3000, capacity: 2, minDurationMinutes: 60, incrementMinutes: 30 },
      { name: 'Mix Room', hourlyRateCents: 4500, capacity: 3, minDurationMinutes: 60, incrementMinutes: 30 },
    ])
    .returning();
  await db.insert(tenant.roomLinks).values([
    { roomId: live!.id, linkedRoomId: booth!.id },
    { roomId: booth!.id, linkedRoomId: live!.id },
  ]);
  const [engineer, engineer2] = await db
    .insert(tenant.engineers)
    .values([
      { name: 'Théo Martin', hourlyRateCents: 3500 },
      { name: 'Inès Moreau', hourlyRateCents: 3000 },
    ])
    .returning();
  const [mic] = await db
    .insert(tenant.gearItems)
    .values({ name: 'Neumann U47', category: 'Microphone', serialNumber: 'U47-001', dailyRateCents: 8000 })
    .returning();
  const [client] = await db.insert(tenant.clients).values({ name: 'The Band', email: 'band@example.test' }).returning();
  Object.assign(ids, { live: live!.id, booth: booth!.id, mix: mix!.id, engineer: engineer!.id, engineer2: engineer2!.id, mic: mic!.id, client: client!.id });
});

afterAll(async () => {
  await pool?.end();
  await server?.close();
});

const book = (overrides: Partial<Parameters<typeof createSession>[3]> & { startsAt: Date; endsAt: Date }) =>
  createSession(db, studio, null, { roomId: ids.mix, title: 'Session', status: 'confirmed', ...overrides });

describe('rooms', () => {
  it('refuses an overlapping session and names the conflict in studio time', async () => {
    await book({ roomId: ids.mix, title: 'Mix — The Band', startsAt: at('2027-03-01T13:00:00Z'), endsAt: at('2027-03-01T15:00:00Z'), clientId: ids.client });
    const error = await refusal(book({ roomId: ids.mix, startsAt: at('2027-03-01T14:00:00Z'), endsAt: at('2027-03-01T16:00:00Z') }));
    expect(error.code).toBe('CONFLICT');
    // Europe/Paris is UTC+1 in March before the change: 14:00–16:00 local
    expect(error.message).toBe("Mix Room is taken Mon, Mar 1 14:00–16:00 by 'Mix — The Band'");
    expect(error.params).toMatchObject({ resource: 'Mix Room', title: 'Mix — The Band' });
  });

  it('allows back-to-back sessions in a room without buffers', async () => {
    await book({ roomId: ids.mix, startsAt: at('2027-03-02T09:00:00Z'), endsAt: at('2027-03-02T11:00:00Z') });
    await expect(book({ roomId: ids.mix, startsAt: at('2027-03-02T11:00:00Z'), endsAt: at('2027-03-02T12:00:00Z') })).resolves.toBeDefined();
  });

  it("keeps the room's setup and teardown buffers free", async () => {
    await book({ roomId: ids.live, title: 'Tracking', startsAt: at('2027-03-03T09:00:00Z'), endsAt: at('2027-03-03T11:00:00Z') });
    // 30 min teardown after + 30 min setup before the next one: the next can start at 12:00 UTC, not before
    expect((await refusal(book({ roomId: ids.live, startsAt: at('2027-03-03T11:30:00Z'), endsAt: at('2027-03-03T12:30:00Z') }))).code).toBe('CONFLICT');
    await expect(book({ roomId: ids.live, startsAt: at('2027-03-03T12:00:00Z'), endsAt: at('2027-03-03T13:00:00Z') })).resolves.toBeDefined();
  });

  it('blocks a linked room: the booth cannot be booked while the live room is', async () => {
    await book({ roomId: ids.live, title: 'Drums', startsAt: at('2027-03-04T09:00:00Z'), endsAt: at('2027-03-04T11:00:00Z') });
    const error = await refusal(book({ roomId: ids.booth, startsAt: at('2027-03-04T10:00:00Z'), endsAt: at('2027-03-04T11:00:00Z') }));
    expect(error.message).toContain("by 'Drums'");
  });

  it('frees the slot when a session is cancelled', async () => {
    const { session } = await book({ roomId: ids.mix, startsAt: at('2027-03-05T09:00:00Z'), endsAt: at('2027-03-05T11:00:00Z') });
    await changeSessionStatus(db, studio, null, session.id, 'cancelled');
    await expect(book({ roomId: ids.mix, startsAt: at('2027-03-05T09:00:00Z'), endsAt: at('2027-03-05T11:00:00Z') })).resolves.toBeDefined();
    const visible = await listSessions(db, { from: at('2027-03-05T00:00:00Z'), to: at('2027-03-06T00:00:00Z'), roomIds: [ids.mix] });
    expect(visible).toHaveLength(1);
  });

  it('is enforced by the database itself, not only by the service', async () => {
    await book({ roomId: ids.mix, startsAt: at('2027-03-06T09:00:00Z'), endsAt: at('2027-03-06T11:00:00Z') });
    const [other] = await db
      .insert(tenant.sessions)
      .values({ title: 'raw', roomId: ids.mix, startsAt: at('2027-03-06T10:00:00Z'), endsAt: at('2027-03-06T12:00:00Z'), status: 'confirmed', currency: 'EUR' })
      .returning();
    await expect(
      db
        .insert(tenant.sessionResources)
        .values({ sessionId: other!.id, kind: 'room', resourceId: ids.mix, blocked: '[2027-03-06T10:00:00Z,2027-03-06T12:00:00Z)', blocking: true }),
    ).rejects.toMatchObject({ cause: { code: '23P01' } });
  });
});

describe('engineers and gear', () => {
  it('refuses the same engineer in two rooms at once', async () => {
    await book({ roomId: ids.mix, title: 'Mix', engineerIds: [ids.engineer], startsAt: at('2027-03-08T09:00:00Z'), endsAt: at('2027-03-08T11:00:00Z') });
    const error = await refusal(
      book({ roomId: ids.live, engineerIds: [ids.engineer], startsAt: at('2027-03-08T10:00:00Z'), endsAt: at('2027-03-08T12:00:00Z') }),
    );
    expect(error.message).toMatch(/^Théo Martin is taken/);
  });

  it('refuses the same microphone in two sessions at once', async () => {
    await book({ roomId: ids.mix, gearIds: [ids.mic], startsAt: at('2027-03-09T09:00:00Z'), endsAt: at('2027-03-09T11:00:00Z') });
    const error = await refusal(book({ roomId: ids.booth, gearIds: [ids.mic], startsAt: at('2027-03-09T10:00:00Z'), endsAt: at('2027-03-09T11:00:00Z') }));
    expect(error.message).toMatch(/^Neumann U47 is taken/);
  });
});

describe('holds', () => {
  it('blocks the slot with a first hold; a second hold queues behind it; it can be confirmed once the first is gone', async () => {
    const first = await book({ roomId: ids.mix, status: 'hold', title: 'Hold 1', startsAt: at('2027-03-10T09:00:00Z'), endsAt: at('2027-03-10T11:00:00Z') });
    expect(first.queued).toBe(false);
    expect((await refusal(book({ roomId: ids.mix, status: 'confirmed', startsAt: at('2027-03-10T09:00:00Z'), endsAt: at('2027-03-10T11:00:00Z') }))).code).toBe(
      'CONFLICT',
    );
    expect(
      (await refusal(book({ roomId: ids.mix, status: 'hold', startsAt: at('2027-03-10T09:00:00Z'), endsAt: at('2027-03-10T11:00:00Z') }))).message,
    ).toContain("'Hold 1'");
    const second = await book({
      roomId: ids.mix,
      status: 'hold',
      title: 'Hold 2',
      queueBehindHolds: true,
      startsAt: at('2027-03-10T09:00:00Z'),
      endsAt: at('2027-03-10T11:00:00Z'),
    });
    expect(second.queued).toBe(true);
    expect((await refusal(changeSessionStatus(db, studio, null, second.session.id, 'confirmed'))).message).toContain("'Hold 1'");
    await changeSessionStatus(db, studio, null, first.session.id, 'cancelled');
    const confirmed = await changeSessionStatus(db, studio, null, second.session.id, 'confirmed');
    expect(confirmed.status).toBe('confirmed');
  });

  it('does not queue a hold behind a confirmed session', async () => {
    await book({ roomId: ids.mix, status: 'confirmed', title: 'Firm', startsAt: at('2027-03-11T09:00:00Z'), endsAt: at('2027-03-11T11:00:00Z') });
    expect(
      (
        await refusal(
          book({ roomId: ids.mix, status: 'hold', queueBehindHolds: true, startsAt: at('2027-03-11T09:00:00Z'), endsAt: at('2027-03-11T11:00:00Z') }),
        )
      ).code,
    ).toBe('CONFLICT');
  });
});

describe('booking rules and price', () => {
  it('refuses sessions shorter than the minimum or off the booking increment (in studio time)', async () => {
    expect((await refusal(book({ startsAt: at('2027-03-12T09:00:00Z'), endsAt: at('2027-03-12T09:30:00Z') }))).params).toMatchObject({ minimum: 60 });
    expect((await refusal(book({ startsAt: at('2027-03-12T09:15:00Z'), endsAt: at('2027-03-12T10:15:00Z') }))).params).toMatchObject({ increment: 30 });
  });

  it('stores the price snapshot in cents with the studio currency and its breakdown', async () => {
    const { session } = await book({
      roomId: ids.mix,
      engineerIds: [ids.engineer2],
      gearIds: [ids.mic],
      startsAt: at('2027-03-13T09:00:00Z'),
      endsAt: at('2027-03-13T11:30:00Z'),
    });
    // room 45.00/h × 2.5 h = 112.50; engineer 30.00/h × 2.5 h = 75.00; mic 80.00 per day
    expect(session.priceCents).toBe(11250 + 7500 + 8000);
    expect(session.currency).toBe('EUR');
    expect(session.priceBreakdown).toHaveLength(3);
  });

  it('records every status change', async () => {
    const { session } = await book({ roomId: ids.mix, status: 'hold', startsAt: at('2027-03-14T09:00:00Z'), endsAt: at('2027-03-14T11:00:00Z') });
    await changeSessionStatus(db, studio, null, session.id, 'confirmed');
    await changeSessionStatus(db, studio, null, session.id, 'in_progress');
    await changeSessionStatus(db, studio, null, session.id, 'completed');
    expect((await refusal(changeSessionStatus(db, studio, null, session.id, 'cancelled'))).code).toBe('BAD_REQUEST');
    const history = await db
      .select()
      .from(tenant.sessionStatusHistory)
      .where(eq(tenant.sessionStatusHistory.sessionId, session.id))
      .orderBy(tenant.sessionStatusHistory.changedAt);
    expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([
      [null, 'hold'],
      ['hold', 'confirmed'],
      ['confirmed', 'in_progress'],
      ['in_progress', 'completed'],
    ]);
  });
});

describe('race: 200 concurrent requests for one slot', () => {
  const race = async (make: (i: number) => Parameters<typeof book>[0]) => {
    const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => book(make(i))));
    const won = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter((r) => r.status === 'rejected' && (r.reason as AppError).code === 'CONFLICT').length;
    return { won, refused, other: 200 - won - refused };
  };

  it('exactly one wins a room', async () => {
    expect(await race(() => ({ roomId: ids.mix, startsAt: at('2027-04-01T09:00:00Z'), endsAt: at('2027-04-01T11:00:00Z') }))).toEqual({
      won: 1,
      refused: 199,
      other: 0,
    });
  });

  it('exactly one wins an engineer booked from different rooms', async () => {
    const rooms = [ids.mix, ids.live];
    expect(
      await race((i) => ({
        roomId: rooms[i % 2]!,
        engineerIds: [ids.engineer],
        startsAt: at(`2027-04-02T${String(8 + (i % 2) * 4).padStart(2, '0')}:00:00Z`),
        endsAt: at(`2027-04-02T${String(11 + (i % 2) * 4).padStart(2, '0')}:00:00Z`),
      })),
    ).toMatchObject({ other: 0 });
    const [{ n }] = (
      await db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM session_resources WHERE kind = 'engineer' AND resource_id = ${ids.engineer} AND blocking AND blocked && '[2027-04-02T00:00:00Z,2027-04-03T00:00:00Z)'`,
      )
    ).rows as [{ n: number }];
    expect(n).toBe(2); // one in each (non-overlapping) time window, never two at once
  });

  it('exactly one wins a piece of gear', async () => {
    const rooms = [ids.mix, ids.booth];
    expect(
      await race((i) => ({ roomId: rooms[i % 2]!, gearIds: [ids.mic], startsAt: at('2027-04-03T09:00:00Z'), endsAt: at('2027-04-03T11:00:00Z') })),
    ).toEqual({ won: 1, refused: 199, other: 0 });
  });
});
