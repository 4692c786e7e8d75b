/**
 * Issue #14: the session and membership look-ups before every studio request are answered from memory
 * while the rows are unchanged, and never serve a changed row: this server's own writes drop them at
 * once, another connection's committed change drops them through the control database's notices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { addMember, createStudio, type Studio } from '../support/studios.ts';
import { ApiClient } from '../support/api.ts';

let server: TestServer;
let studio: Studio;
let outsider: pg.Client;
beforeAll(async () => {
  server = await createTestServer();
  studio = await createStudio(server);
  outsider = new pg.Client(server.platform.config.DATABASE_URL);
  await outsider.connect();
});
afterAll(async () => {
  await outsider?.end();
  await server?.close();
});

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('control look-ups cached with exact invalidation', () => {
  it('serves repeated requests of a studio without control look-ups', async () => {
    const cache = server.platform.controlCache;
    expect((await studio.owner.query('rooms.list', undefined, studio.slug)).status).toBe(200);
    const before = { hits: cache.hits, misses: cache.misses };
    for (let i = 0; i < 5; i++) expect((await studio.owner.query('rooms.list', undefined, studio.slug)).status).toBe(200);
    expect(cache.misses - before.misses).toBe(0);
    expect(cache.hits - before.hits).toBe(10); // session + membership, five times
  });

  it('a removed member is refused on the very next request', async () => {
    const engineer = await addMember(server, studio, 'engineer');
    expect((await engineer.client.query('rooms.list', undefined, studio.slug)).status).toBe(200);
    expect((await engineer.client.query('rooms.list', undefined, studio.slug)).status).toBe(200); // cached now
    expect((await studio.owner.mutate('members.remove', { userId: engineer.userId }, studio.slug)).error).toBeUndefined();
    expect((await engineer.client.query('rooms.list', undefined, studio.slug)).status).toBe(403);
  });

  it('a logged-out session is gone on the very next request', async () => {
    const client = new ApiClient(server.app, { ip: '10.77.0.1' });
    const login = await client.mutate('auth.logIn', { email: studio.ownerEmail, password: studio.ownerPassword });
    expect(login.error).toBeUndefined();
    const cookie = client.cookie;
    expect((await client.query<{ user: unknown }>('auth.me')).data).toBeTruthy();
    await client.mutate('auth.logOut');
    client.cookie = cookie; // a stolen copy of the cookie
    const me = await client.query<{ user: unknown } | null>('auth.me');
    expect(me.data?.user ?? null).toBeNull();
  });

  it('a change committed by another connection (another server, an operator) is seen within moments', async () => {
    expect((await studio.owner.query('rooms.list', undefined, studio.slug)).status).toBe(200);
    await outsider.query(`UPDATE tenant_databases SET state = 'suspended' WHERE studio_id = $1`, [studio.id]);
    await until(async () => (await studio.owner.query('rooms.list', undefined, studio.slug)).status === 503, 'the suspension to be seen');
    await outsider.query(`UPDATE tenant_databases SET state = 'active' WHERE studio_id = $1`, [studio.id]);
    await until(async () => (await studio.owner.query('rooms.list', undefined, studio.slug)).status === 200, 'the studio to be back');
  });

  it("the dashboard's team size is cached and follows every membership change, inserts included", async () => {
    const cache = server.platform.controlCache;
    const teamSize = async () => (await studio.owner.query<{ membersCount: number }>('dashboard.summary', undefined, studio.slug)).data!.membersCount;
    const before = await teamSize();
    const misses = cache.misses;
    expect(await teamSize()).toBe(before);
    expect(cache.misses).toBe(misses); // answered from memory
    // A member added by this server: seen on the very next request.
    const engineer = await addMember(server, studio, 'engineer');
    expect(await teamSize()).toBe(before + 1);
    // A membership inserted by another connection (another server): seen within moments.
    const { rows } = await outsider.query<{ id: string }>(
      `INSERT INTO users (email, name, password_hash) VALUES ('team-size-' || gen_random_uuid() || '@example.test', 'Outside', 'x') RETURNING id`,
    );
    await outsider.query(`INSERT INTO memberships (studio_id, user_id, role) VALUES ($1, $2, 'assistant')`, [studio.id, rows[0]!.id]);
    await until(async () => (await teamSize()) === before + 2, 'the inserted membership to be counted');
    await outsider.query(`DELETE FROM memberships WHERE user_id = $1`, [rows[0]!.id]);
    await until(async () => (await teamSize()) === before + 1, 'the deleted membership to be counted');
    expect((await studio.owner.mutate('members.remove', { userId: engineer.userId }, studio.slug)).error).toBeUndefined();
    expect(await teamSize()).toBe(before);
  });
});
