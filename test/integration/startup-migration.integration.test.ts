/**
 * Start-up does not depend on the number of studios (#10.12): the server reads every studio's recorded schema
 * version in one control query, listens at once, and migrates the studios that are behind in the background.
 * Meanwhile a request to such a studio is answered 503 with Retry-After and a clear message, never served
 * from a database at the wrong version.
 */
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { latestVersion } from '@rsm/db';
import { createServerHome, HttpApiClient, PROCESS_TEST_TIMEOUT_MS, startServerProcess, type ServerHome } from '../support/server-process.ts';
import { uniqueEmail } from '../support/api.ts';

async function setRecordedVersion(home: ServerHome, slug: string, version: number): Promise<void> {
  const client = new pg.Client(home.controlUrl);
  await client.connect();
  try {
    await client.query('UPDATE tenant_databases SET schema_version = $2 WHERE studio_id = (SELECT id FROM studios WHERE slug = $1)', [slug, version]);
  } finally {
    await client.end();
  }
}

describe('start-up with studios behind', () => {
  let home: ServerHome;
  afterAll(async () => home?.remove());

  it(
    'listens before migrating, answers 503 + Retry-After for a studio still migrating, and serves it once migrated',
    async () => {
      home = await createServerHome();
      const first = await startServerProcess(home);
      const api = new HttpApiClient(first.url);
      const signUp = await api.mutate<{ studioSlug: string }>('auth.signUp', {
        name: 'Owner',
        email: uniqueEmail('startup'),
        password: 'correct horse battery',
        studioName: 'Behind Studio',
      });
      const slug = signUp.data!.studioSlug;
      await first.stop();
      await setRecordedVersion(home, slug, latestVersion('tenant') - 1);

      // The background migration stops for good before it starts: the server must be up and say why it waits.
      const second = await startServerProcess(home, { pauseAt: 'tenants.background-migration' });
      try {
        await second.paused();
        const response = await fetch(`${second.url}/s/${slug}/trpc/rooms.list`, { headers: { cookie: api.cookie! } });
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('10');
        const body = (await response.json()) as { error: { message: string; data: { appCode: string } } };
        expect(body.error.data.appCode).toBe('TENANT_OUTDATED');
        expect(body.error.message).toMatch(/being updated/);
      } finally {
        await second.kill();
      }

      const third = await startServerProcess(home);
      try {
        const again = new HttpApiClient(third.url);
        again.cookie = api.cookie;
        const deadline = Date.now() + 60_000;
        let status = 0;
        while (Date.now() < deadline && (status = (await again.query('rooms.list', undefined, slug)).status) !== 200)
          await new Promise((r) => setTimeout(r, 250));
        expect(status).toBe(200);
      } finally {
        await third.stop();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
