/**
 * The crash-test harness itself: a server process stops for good at a named pause point, is killed there
 * with SIGKILL, and starts again on the same control database and data folder.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createServerHome, HttpApiClient, PROCESS_TEST_TIMEOUT_MS, startServerProcess, type ServerHome } from '../support/server-process.ts';
import { uniqueEmail } from '../support/api.ts';

describe('crash harness', () => {
  let home: ServerHome;
  afterAll(async () => home?.remove());

  it(
    'pauses a server at a named point, kills it there, and restarts it on the same state',
    async () => {
      home = await createServerHome();
      const first = await startServerProcess(home, { pauseAt: 'studios.provision.after-database' });
      const api = new HttpApiClient(first.url);
      const signUp = api.mutate('auth.signUp', {
        name: 'Crash Test',
        email: uniqueEmail('crash'),
        password: 'correct horse battery',
        studioName: 'Crash Studio',
      });
      void signUp.catch(() => undefined); // the answer never comes: the server dies while it waits
      await first.paused();
      expect(first.output()).toContain('RSM_PAUSED studios.provision.after-database');
      await first.kill();
      expect(first.child.signalCode).toBe('SIGKILL');

      const second = await startServerProcess(home);
      try {
        expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
        expect(second.output()).not.toContain('RSM_PAUSED');
      } finally {
        await second.stop();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
