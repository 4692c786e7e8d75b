/** The demo studio shows the public booking page: on, two rooms offered, one request waiting for approval. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient } from '../support/api.ts';
import { DEMO_PASSWORD, DEMO_SLUG, ensureDemoStudio } from '../../apps/server/src/demo/seed.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
  await ensureDemoStudio(server.platform);
});
afterAll(async () => server?.close());

it('the demo studio’s booking page is on, with rooms, a deposit and a pending request', async () => {
  const visitor = new ApiClient(server.app, { ip: '10.200.0.1' });
  const page = await visitor.query<{ rooms: { name: string }[]; depositPercent: number; cancellationTiers: unknown[] }>(
    'publicBooking.page',
    undefined,
    DEMO_SLUG,
  );
  expect(page.data?.rooms.map((r) => r.name)).toEqual(['Studio A — Live Room', 'Mix Room B']);
  expect(page.data).toMatchObject({ depositPercent: 30 });
  expect(page.data?.cancellationTiers).toHaveLength(2);

  const owner = new ApiClient(server.app, { ip: '10.200.0.2' });
  expect((await owner.mutate('auth.logIn', { email: 'owner@demo.studio', password: DEMO_PASSWORD })).status).toBe(200);
  const requests = await owner.query<{ total: number; items: { clientName: string; depositCents: number }[] }>('bookingRequests.list', {}, DEMO_SLUG);
  expect(requests.data?.total).toBe(1);
  expect(requests.data?.items[0]).toMatchObject({ clientName: 'Jade Lefèvre' });
  expect(requests.data?.items[0]?.depositCents).toBeGreaterThan(0);
});
