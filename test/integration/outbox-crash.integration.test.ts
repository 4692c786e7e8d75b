/**
 * Work that must follow a commit survives a crash right after it (#10.5): the server is killed with SIGKILL
 * the moment a session is committed, before anything else runs, and after a restart the hold still expires
 * on time, the reminder still goes out 24 h before, and the confirmation mail is still sent.
 */
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import {
  createServerHome,
  HttpApiClient,
  PROCESS_TEST_TIMEOUT_MS,
  startServerProcess,
  type ServerHome,
  type ServerProcess,
} from '../support/server-process.ts';
import { uniqueEmail } from '../support/api.ts';

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function mails(home: ServerHome, to: string, template: string): Promise<number> {
  const client = new pg.Client(home.controlUrl);
  await client.connect();
  try {
    return (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM mail_outbox WHERE to_address = $1 AND template = $2', [to, template])).rows[0]!.n;
  } finally {
    await client.end();
  }
}

/** A studio with a room and a client, on a running server; returns what a booking needs. */
async function studioWithRoom(server: ServerProcess, clientEmail: string) {
  const api = new HttpApiClient(server.url);
  const signUp = await api.mutate<{ studioSlug: string }>('auth.signUp', {
    name: 'Owner',
    email: uniqueEmail('outbox'),
    password: 'correct horse battery',
    studioName: 'Outbox Studio',
  });
  expect(signUp.status).toBe(200);
  const slug = signUp.data!.studioSlug;
  const roomId = (await api.mutate<{ id: string }>('rooms.create', { name: 'Room A', hourlyRateCents: 4000, capacity: 4 }, slug)).data!.id;
  const clientId = (await api.mutate<{ id: string }>('booking.createClient', { name: 'Lou', email: clientEmail }, slug)).data!.id;
  return { api, slug, roomId, clientId };
}

const hour = 3_600_000;
/** A whole hour, comfortably in the future, so the studio's opening hours and minimum notice do not matter. */
const at = (hoursFromNow: number) => new Date(Math.ceil((Date.now() + hoursFromNow * hour) / hour) * hour).toISOString();

describe('work recorded with its commit', () => {
  const homes: ServerHome[] = [];
  afterAll(async () => Promise.all(homes.map((h) => h.remove())));

  it(
    'expires a hold on time although the server died right after committing it',
    async () => {
      const home = await createServerHome();
      homes.push(home);
      const first = await startServerProcess(home, { pauseAt: 'booking.session-committed' });
      const { api, slug, roomId, clientId } = await studioWithRoom(first, 'hold-client@example.test');
      const creating = api.mutate(
        'sessions.create',
        { roomId, clientId, engineerIds: [], startsAt: at(72), endsAt: at(74), title: 'Held', status: 'hold', holdHours: 1 },
        slug,
      );
      void creating.catch(() => undefined);
      await first.paused();
      await first.kill();

      const second = await startServerProcess(home);
      try {
        const again = new HttpApiClient(second.url);
        again.cookie = api.cookie;
        const [held] = (await again.query<{ id: string; status: string }[]>('sessions.list', { from: at(0), to: at(100), includeCancelled: true }, slug)).data!;
        expect(held?.status).toBe('hold');
        // Two hours later by the business clock, the hold's expiry is due: the server releases it by itself.
        await fetch(`${second.url}/__test__/clock`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ offsetMs: 2 * hour }),
        });
        await waitFor('the hold to expire', async () => {
          const [s] = (await again.query<{ status: string }[]>('sessions.list', { from: at(0), to: at(100), includeCancelled: true }, slug)).data!;
          return s?.status === 'cancelled';
        });
        expect(await waitFor('the release mail', async () => mails(home, 'hold-client@example.test', 'hold-released'))).toBe(1);
      } finally {
        await second.stop();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'sends the confirmation and, 24 h before, the reminder of a session committed just before a crash — once each',
    async () => {
      const home = await createServerHome();
      homes.push(home);
      const first = await startServerProcess(home, { pauseAt: 'booking.session-committed' });
      const { api, slug, roomId, clientId } = await studioWithRoom(first, 'confirmed-client@example.test');
      const creating = api.mutate('sessions.create', { roomId, clientId, engineerIds: [], startsAt: at(30), endsAt: at(32), title: 'Mix' }, slug);
      void creating.catch(() => undefined);
      await first.paused();
      await first.kill();

      const second = await startServerProcess(home);
      try {
        expect(await waitFor('the confirmation mail', async () => mails(home, 'confirmed-client@example.test', 'session-confirmed'))).toBe(1);
        expect(await mails(home, 'confirmed-client@example.test', 'session-reminder')).toBe(0);
        await fetch(`${second.url}/__test__/clock`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ offsetMs: 8 * hour }),
        });
        expect(await waitFor('the reminder', async () => mails(home, 'confirmed-client@example.test', 'session-reminder'))).toBe(1);
      } finally {
        await second.stop();
      }
      // A second restart runs nothing twice.
      const third = await startServerProcess(home);
      try {
        await new Promise((r) => setTimeout(r, 5_000));
        expect(await mails(home, 'confirmed-client@example.test', 'session-confirmed')).toBe(1);
      } finally {
        await third.stop();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
