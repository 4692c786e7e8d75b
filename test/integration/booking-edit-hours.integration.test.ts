/** Editing a booked session's people and gear (conflicts refused, price updated) and the studio's hours feeding availability. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, signUpStudio } from '../support/api.ts';

let server: TestServer;
let owner: ApiClient;
let slug: string;
const ids = { a: '', b: '', eng: '', eng2: '', mic: '' };

beforeAll(async () => {
  server = await createTestServer();
  owner = new ApiClient(server.app);
  slug = (await signUpStudio(owner, { studioName: 'Edit Studio' })).slug;
  ids.a = (await owner.mutate<{ id: string }>('rooms.create', { name: 'Room A', hourlyRateCents: 4000, capacity: 3 }, slug)).data!.id;
  ids.b = (await owner.mutate<{ id: string }>('rooms.create', { name: 'Room B', hourlyRateCents: 4000, capacity: 3 }, slug)).data!.id;
  ids.eng = (await owner.mutate<{ id: string }>('booking.createEngineer', { name: 'Kim', hourlyRateCents: 3000 }, slug)).data!.id;
  ids.eng2 = (await owner.mutate<{ id: string }>('booking.createEngineer', { name: 'Ray', hourlyRateCents: 2000 }, slug)).data!.id;
  ids.mic = (await owner.mutate<{ id: string }>('booking.createGear', { name: 'SM7B', dailyRateCents: 1500 }, slug)).data!.id;
});
afterAll(async () => server?.close());

it('changes a session’s engineers and gear, re-prices it, and refuses an engineer who is busy then', async () => {
  await owner.mutate(
    'sessions.create',
    { roomId: ids.b, engineerIds: [ids.eng2], startsAt: '2030-10-07T09:00:00Z', endsAt: '2030-10-07T11:00:00Z', title: 'Ray elsewhere' },
    slug,
  );
  const s = await owner.mutate<{ id: string; priceCents: number }>(
    'sessions.create',
    { roomId: ids.a, engineerIds: [ids.eng], startsAt: '2030-10-07T09:00:00Z', endsAt: '2030-10-07T11:00:00Z', title: 'Tracking' },
    slug,
  );
  expect(s.data!.priceCents).toBe(8000 + 6000);
  const updated = await owner.mutate<{ title: string; priceCents: number; engineerIds: string[]; gearIds: string[] }>(
    'sessions.update',
    { id: s.data!.id, title: 'Tracking drums', notes: 'bring sticks', clientId: null, engineerIds: [], gearIds: [ids.mic] },
    slug,
  );
  expect(updated.data).toMatchObject({ title: 'Tracking drums', priceCents: 8000 + 1500, engineerIds: [], gearIds: [ids.mic] });
  const refused = await owner.mutate(
    'sessions.update',
    { id: s.data!.id, title: 'Tracking drums', notes: '', clientId: null, engineerIds: [ids.eng2], gearIds: [] },
    slug,
  );
  expect(refused.error?.data.appCode).toBe('CONFLICT');
  expect(refused.error?.message).toMatch(/^Ray is taken .* by 'Ray elsewhere'/);
  const detail = await owner.query<{ engineerIds: string[]; gearIds: string[]; history: { changedByName: string | null }[] }>(
    'sessions.get',
    { id: s.data!.id },
    slug,
  );
  expect(detail.data).toMatchObject({ engineerIds: [], gearIds: [ids.mic] }); // the refused change left it as it was
  expect(detail.data!.history[0]!.changedByName).toBe('Ada Owner');
});

it('uses the studio hours, a room override and closures for availability', async () => {
  // Mondays 10:00–14:00 for the studio; Room B opens 12:00–14:00 on Mondays
  await owner.mutate('booking.setOpeningHours', { roomId: null, hours: [{ weekday: 1, opensAt: '10:00', closesAt: '14:00' }] }, slug);
  await owner.mutate('booking.setOpeningHours', { roomId: ids.b, hours: [{ weekday: 1, opensAt: '12:00', closesAt: '14:00' }] }, slug);
  const day = { from: '2030-10-14T00:00:00+02:00', to: '2030-10-15T00:00:00+02:00' };
  const a = await owner.query<{ startsAt: string; endsAt: string }[]>('sessions.availability', { roomId: ids.a, ...day }, slug);
  expect(a.data).toEqual([{ startsAt: '2030-10-14T08:00:00.000Z', endsAt: '2030-10-14T12:00:00.000Z' }]);
  const b = await owner.query<{ startsAt: string }[]>('sessions.availability', { roomId: ids.b, ...day }, slug);
  expect(b.data!.map((s) => s.startsAt)).toEqual(['2030-10-14T10:00:00.000Z']);
  const closure = await owner.mutate<{ id: string }>(
    'booking.addClosure',
    { roomId: null, startsAt: '2030-10-14T00:00:00+02:00', endsAt: '2030-10-15T00:00:00+02:00', reason: 'Maintenance' },
    slug,
  );
  expect((await owner.query<unknown[]>('sessions.availability', { roomId: ids.a, ...day }, slug)).data).toEqual([]);
  await owner.mutate('booking.removeClosure', { id: closure.data!.id }, slug);
  const hours = await owner.query<{ opening: unknown[]; closures: unknown[] }>('booking.hours', undefined, slug);
  expect(hours.data!.opening).toHaveLength(2);
  expect(hours.data!.closures).toHaveLength(0);
});
