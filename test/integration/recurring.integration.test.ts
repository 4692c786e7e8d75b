/**
 * Recurring sessions: the same wall-clock time every N weeks across DST changes, conflicts reported per
 * occurrence before anything is written, all-or-nothing creation with skips, one occurrence moved, the
 * rest of the series cancelled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planOccurrences } from '../../apps/server/src/modules/booking/recurring.service.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, signUpStudio } from '../support/api.ts';

let server: TestServer;
let owner: ApiClient;
let slug: string;
let roomId: string;

beforeAll(async () => {
  server = await createTestServer();
  owner = new ApiClient(server.app);
  slug = (await signUpStudio(owner, { studioName: 'Weekly Studio' })).slug; // Europe/Paris by default
  roomId = (await owner.mutate<{ id: string }>('rooms.create', { name: 'Studio A', hourlyRateCents: 5000, capacity: 5 }, slug)).data!.id;
});
afterAll(async () => server?.close());

describe('planning occurrences', () => {
  it('keeps the wall-clock time across the spring and autumn changes', () => {
    // Tuesdays 19:00–22:00 in Paris from 16 March 2027: UTC 18:00 in winter, 17:00 in summer, 18:00 again in November
    const plan = planOccurrences(
      { startsAt: new Date('2027-03-16T18:00:00Z'), endsAt: new Date('2027-03-16T21:00:00Z') },
      { everyWeeks: 4, count: 9 },
      'Europe/Paris',
    );
    expect(plan.map((o) => o.startsAt.toISOString())).toEqual([
      '2027-03-16T18:00:00.000Z',
      '2027-04-13T17:00:00.000Z',
      '2027-05-11T17:00:00.000Z',
      '2027-06-08T17:00:00.000Z',
      '2027-07-06T17:00:00.000Z',
      '2027-08-03T17:00:00.000Z',
      '2027-08-31T17:00:00.000Z',
      '2027-09-28T17:00:00.000Z',
      '2027-10-26T17:00:00.000Z', // 26 Oct is still summer time in 2027 (change on 31 Oct)
    ]);
    for (const o of plan) expect(o.endsAt.getTime() - o.startsAt.getTime()).toBe(3 * 3_600_000);
    const winter = planOccurrences(
      { startsAt: new Date('2027-10-26T17:00:00Z'), endsAt: new Date('2027-10-26T20:00:00Z') },
      { everyWeeks: 1, count: 2 },
      'Europe/Paris',
    );
    expect(winter[1]!.startsAt.toISOString()).toBe('2027-11-02T18:00:00.000Z');
  });

  it('stops at the end date', () => {
    const plan = planOccurrences(
      { startsAt: new Date('2030-01-07T09:00:00Z'), endsAt: new Date('2030-01-07T11:00:00Z') },
      { everyWeeks: 2, until: new Date('2030-02-18T09:00:00Z') },
      'UTC',
    );
    expect(plan).toHaveLength(4);
  });
});

describe('series through the API', () => {
  const first = (day: string) => ({ roomId, startsAt: `${day}T08:00:00Z`, endsAt: `${day}T10:00:00Z`, title: 'Band rehearsal' });

  it('reports conflicts per occurrence, writes nothing while one remains, and books the rest once it is skipped', async () => {
    const blocker = await owner.mutate(
      'sessions.create',
      { roomId, startsAt: '2030-09-16T08:00:00Z', endsAt: '2030-09-16T09:00:00Z', title: 'Existing booking' },
      slug,
    );
    expect(blocker.status).toBe(200);
    const check = await owner.query<{ index: number; conflict: string | null }[]>(
      'sessions.checkSeries',
      { first: first('2030-09-02'), rule: { everyWeeks: 1, count: 4 } },
      slug,
    );
    expect(check.data!.map((c) => c.conflict === null)).toEqual([true, true, false, true]);
    expect(check.data![2]!.conflict).toContain("'Existing booking'");

    const refused = await owner.mutate('sessions.createSeries', { first: first('2030-09-02'), rule: { everyWeeks: 1, count: 4 } }, slug);
    expect(refused.error?.data.appCode).toBe('CONFLICT');
    expect(refused.error?.message).toContain('Nothing was booked');
    const none = await owner.query<unknown[]>('sessions.list', { from: '2030-09-01T00:00:00Z', to: '2030-10-01T00:00:00Z' }, slug);
    expect(none.data).toHaveLength(1); // only the blocker

    const created = await owner.mutate<{ seriesId: string; sessions: { id: string; startsAt: string }[] }>(
      'sessions.createSeries',
      { first: first('2030-09-02'), rule: { everyWeeks: 1, count: 4 }, skip: [2] },
      slug,
    );
    expect(created.data!.sessions.map((s) => s.startsAt)).toEqual(['2030-09-02T08:00:00.000Z', '2030-09-09T08:00:00.000Z', '2030-09-23T08:00:00.000Z']);
  });

  it('refuses a series whose sessions break the room rules before checking anything else', async () => {
    const check = await owner.query(
      'sessions.checkSeries',
      { first: { roomId, startsAt: '2030-12-02T08:15:00Z', endsAt: '2030-12-02T10:15:00Z', title: 'Off-step' }, rule: { everyWeeks: 1, count: 3 } },
      slug,
    );
    expect(check.error?.data.appCode).toBe('BAD_REQUEST');
    expect(check.error?.data.params).toMatchObject({ increment: 30 });
  });

  it('moves one occurrence and cancels the rest of the series from a date', async () => {
    const created = await owner.mutate<{ sessions: { id: string }[] }>(
      'sessions.createSeries',
      { first: first('2030-11-04'), rule: { everyWeeks: 1, count: 4 } },
      slug,
    );
    const [a, b, c, d] = created.data!.sessions;
    const moved = await owner.mutate<{ startsAt: string }>(
      'sessions.move',
      { id: b!.id, startsAt: '2030-11-12T13:00:00Z', endsAt: '2030-11-12T15:00:00Z' },
      slug,
    );
    expect(moved.data!.startsAt).toBe('2030-11-12T13:00:00.000Z');
    const cancelled = await owner.mutate<{ id: string; status: string }[]>('sessions.cancelSeriesFrom', { id: c!.id }, slug);
    expect(cancelled.data!.map((s) => s.id).sort()).toEqual([c!.id, d!.id].sort());
    const left = await owner.query<{ id: string }[]>('sessions.list', { from: '2030-11-01T00:00:00Z', to: '2030-12-01T00:00:00Z' }, slug);
    expect(left.data!.map((s) => s.id).sort()).toEqual([a!.id, b!.id].sort());
  });
});
