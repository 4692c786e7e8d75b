/**
 * The calendar shows what a linked room blocks: a session in Studio A (linked to the vocal booth) lists the
 * booth among the rooms it blocks, so the booth's column is shaded; a hold queued behind another blocks
 * nothing and lists nothing; and booking the booth then is refused with a message naming what is in the way.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, signUpStudio } from '../support/api.ts';

type Listed = { id: string; title: string; roomId: string; linkedRoomIds: string[]; queued: boolean };

let server: TestServer;
let owner: ApiClient;
let slug: string;
const ids = { studioA: '', booth: '', mix: '' };
const rules = (id: string, linkedRoomIds: string[]) => ({
  id,
  halfDayRateCents: null,
  dayRateCents: null,
  hourlyRateWithEngineerCents: null,
  setupBufferMinutes: 0,
  teardownBufferMinutes: 0,
  minDurationMinutes: 60,
  incrementMinutes: 30,
  overtimeBlockMinutes: 30,
  linkedRoomIds,
});

beforeAll(async () => {
  server = await createTestServer();
  owner = new ApiClient(server.app);
  slug = (await signUpStudio(owner, { studioName: 'Linked Studio' })).slug;
  for (const [key, name] of [
    ['studioA', 'Studio A'],
    ['booth', 'Vocal Booth'],
    ['mix', 'Mix Room'],
  ] as const) {
    ids[key] = (await owner.mutate<{ id: string }>('rooms.create', { name, hourlyRateCents: 4000, capacity: 2 }, slug)).data!.id;
  }
  expect((await owner.mutate('booking.updateRoomRules', rules(ids.studioA, [ids.booth]), slug)).error).toBeUndefined();
});
afterAll(async () => server?.close());

it('lists, with each session, the linked rooms it blocks — and nothing for a queued hold', async () => {
  const slot = { startsAt: '2030-03-04T10:00:00Z', endsAt: '2030-03-04T12:00:00Z' };
  await owner.mutate('sessions.create', { roomId: ids.studioA, engineerIds: [], ...slot, title: 'Band tracking', status: 'hold', holdHours: 48 }, slug);
  await owner.mutate('sessions.create', { roomId: ids.mix, engineerIds: [], ...slot, title: 'Mix alone' }, slug);
  const hold = await owner.mutate(
    'sessions.create',
    { roomId: ids.studioA, engineerIds: [], ...slot, title: 'Second hold', status: 'hold', holdHours: 48, queueBehindHolds: true },
    slug,
  );
  const list = await owner.query<Listed[]>('sessions.list', { from: '2030-03-04T00:00:00Z', to: '2030-03-05T00:00:00Z' }, slug);
  const byTitle = new Map(list.data!.map((s) => [s.title, s]));
  expect(byTitle.get('Band tracking')!.linkedRoomIds).toEqual([ids.booth]);
  expect(byTitle.get('Mix alone')!.linkedRoomIds).toEqual([]);
  expect(hold.error).toBeUndefined();
  expect(byTitle.get('Second hold')).toMatchObject({ queued: true, linkedRoomIds: [] });

  const refused = await owner.mutate(
    'sessions.create',
    { roomId: ids.booth, engineerIds: [], startsAt: '2030-03-04T11:00:00Z', endsAt: '2030-03-04T12:00:00Z', title: 'Vocals' },
    slug,
  );
  expect(refused.error?.data.appCode).toBe('CONFLICT');
  expect(refused.error?.message).toContain('Band tracking');
});
