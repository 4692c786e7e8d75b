/**
 * Issue #9.2: production never holds a demo account with the password the README publishes.
 * A real server process started with NODE_ENV=production seeds nothing by default; with DEMO_SEED=true it
 * seeds the demo with a random password printed once; a demo seeded earlier with the published password
 * gets it replaced (and its sessions ended) at start.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS, ensureDemoStudio } from '../../apps/server/src/demo/seed.ts';
import { prepareDemoAtStart } from '../../apps/server/src/demo/demo-access.ts';
import { loadConfig } from '../../apps/server/src/config/env.ts';
import { createServerHome, HttpApiClient, PROCESS_TEST_TIMEOUT_MS, startServerProcess, type ServerHome } from '../support/server-process.ts';
import { createTestServer } from '../support/platform.ts';
import { ApiClient } from '../support/api.ts';
import { freshIp } from '../support/studios.ts';

const OWNER = DEMO_USERS[0]!.email;

describe('DEMO_SEED defaults', () => {
  it.each([
    ['development', true],
    ['production', false],
    ['test', false],
  ] as const)('NODE_ENV=%s seeds the demo by default: %s', (nodeEnv, expected) => {
    // Production also requires the two-factor key; it has nothing to do with the demo.
    expect(loadConfig({ NODE_ENV: nodeEnv, TOTP_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64') }).DEMO_SEED).toBe(expected);
  });
});

describe('a production server process', () => {
  let home: ServerHome;
  afterAll(async () => home?.remove());

  it(
    'seeds no demo without DEMO_SEED, and with DEMO_SEED=true only under a random password printed once',
    async () => {
      home = await createServerHome();
      const plain = await startServerProcess(home, { env: { NODE_ENV: 'production', DEMO_SEED: '' } });
      try {
        const login = await new HttpApiClient(plain.url).mutate('auth.logIn', { email: OWNER, password: DEMO_PASSWORD });
        expect(login.status).toBe(401);
        expect(plain.output()).not.toContain(DEMO_PASSWORD);
        expect(plain.output()).not.toContain('Demo studio');
      } finally {
        await plain.stop();
      }

      const seeded = await startServerProcess(home, { env: { NODE_ENV: 'production', DEMO_SEED: 'true' }, readyTimeoutMs: 180_000 });
      try {
        const output = seeded.output();
        expect(output).not.toContain(DEMO_PASSWORD);
        const printed = /log in as owner@demo\.studio \/ (\S+)/.exec(output)?.[1];
        expect(printed, output).toMatch(/^[A-Za-z0-9_-]{20}$/);
        expect((await new HttpApiClient(seeded.url).mutate('auth.logIn', { email: OWNER, password: DEMO_PASSWORD })).status).toBe(401);
        expect((await new HttpApiClient(seeded.url).mutate('auth.logIn', { email: OWNER, password: printed })).status).toBe(200);
      } finally {
        await seeded.stop();
      }
    },
    PROCESS_TEST_TIMEOUT_MS * 2,
  );
});

describe('a production start over a demo seeded with the published password', () => {
  it(
    'replaces that password on every demo account and ends their sessions',
    async () => {
      const server = await createTestServer({ NODE_ENV: 'production' });
      try {
        await ensureDemoStudio(server.platform);
        const before = new ApiClient(server.app, { ip: freshIp() });
        expect((await before.mutate('auth.logIn', { email: OWNER, password: DEMO_PASSWORD })).status).toBe(200);

        const line = await prepareDemoAtStart(server.platform);
        expect(line).toContain('published password was replaced');
        for (const user of DEMO_USERS) {
          expect((await new ApiClient(server.app, { ip: freshIp() }).mutate('auth.logIn', { email: user.email, password: DEMO_PASSWORD })).status).toBe(401);
        }
        expect((await before.query<{ user: unknown }>('auth.me')).data?.user).toBeNull();
        // A second start finds nothing left to replace and prints no password.
        expect(await prepareDemoAtStart(server.platform)).toBeNull();
      } finally {
        await server.close();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
