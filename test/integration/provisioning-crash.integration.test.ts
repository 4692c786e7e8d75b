/**
 * Sign-ups survive a crash at any point of provisioning (#10.6): the server is killed with SIGKILL at each
 * named step; after a restart the recovery sweeper finishes the studio by itself once the sign-up's lease
 * has lapsed, and the owner who signs up again with the same e-mail and password gets their studio at once
 * (another password is still refused with EMAIL_TAKEN).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createServerHome, HttpApiClient, PROCESS_TEST_TIMEOUT_MS, startServerProcess, type ServerHome } from '../support/server-process.ts';
import { uniqueEmail } from '../support/api.ts';

const PASSWORD = 'correct horse battery';
const LEASE = { PROVISIONING_LEASE_MS: '1000' };

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Signs up on a server that stops for good at `point`, and kills it there. */
async function crashDuringSignUp(home: ServerHome, point: string, email: string): Promise<void> {
  const first = await startServerProcess(home, { pauseAt: point, env: LEASE });
  const api = new HttpApiClient(first.url);
  void api.mutate('auth.signUp', { name: 'Owner', email, password: PASSWORD, studioName: 'Crash Studio' }).catch(() => undefined);
  await first.paused();
  await first.kill();
}

/** The studio is usable: its owner is in it and can add a room. */
async function expectUsable(api: HttpApiClient): Promise<void> {
  const me = await api.query<{ studios: { slug: string; role: string }[] }>('auth.me');
  expect(me.data!.studios).toEqual([expect.objectContaining({ role: 'owner' })]);
  const room = await api.mutate<{ id: string }>('rooms.create', { name: 'Room A', hourlyRateCents: 4000, capacity: 4 }, me.data!.studios[0]!.slug);
  expect(room.status).toBe(200);
}

describe('provisioning after a crash', () => {
  const homes: ServerHome[] = [];
  afterAll(async () => Promise.all(homes.map((h) => h.remove())));

  it.each(['studios.provision.after-records', 'studios.provision.after-database', 'studios.provision.after-setup', 'studios.provision.after-active'])(
    'killed at %s: the sweeper finishes the studio and its owner logs in to it',
    async (point) => {
      const home = await createServerHome();
      homes.push(home);
      const email = uniqueEmail('stranded');
      await crashDuringSignUp(home, point, email);
      const second = await startServerProcess(home, { env: LEASE });
      try {
        const api = new HttpApiClient(second.url);
        await waitFor('the studio to be finished', async () => {
          if ((await api.mutate('auth.logIn', { email, password: PASSWORD })).status !== 200) return false;
          const me = await api.query<{ studios: unknown[] }>('auth.me');
          return me.data!.studios.length === 1;
        });
        await expectUsable(api);
      } finally {
        await second.stop();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'lets the owner sign up again with the same e-mail and password; another password is refused',
    async () => {
      const home = await createServerHome();
      homes.push(home);
      const email = uniqueEmail('retry');
      await crashDuringSignUp(home, 'studios.provision.after-database', email);
      const second = await startServerProcess(home, { env: LEASE });
      try {
        const stranger = new HttpApiClient(second.url);
        const refused = await stranger.mutate('auth.signUp', { name: 'Someone', email, password: 'another password entirely', studioName: 'Other' });
        expect(refused.error?.data?.appCode).toBe('EMAIL_TAKEN');
        const api = new HttpApiClient(second.url);
        const again = await waitFor('the sign-up to be accepted again', async () => {
          const result = await api.mutate<{ studioSlug: string }>('auth.signUp', { name: 'Owner', email, password: PASSWORD, studioName: 'Crash Studio' });
          return result.status === 200 ? result : null;
        });
        expect(again.data!.studioSlug).toBe('crash-studio');
        await expectUsable(api);
      } finally {
        await second.stop();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
