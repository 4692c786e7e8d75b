/**
 * Issue #14: the studio's settings and its rooms, asked for by nearly every page, are built once per
 * connection (platform/postgres/built-once.ts). They stay unnamed on the server, so a migration that changes a
 * column's type under a connection that has already run them does not break it: a named (server-side
 * prepared) statement would fail there with "cached plan must not change result type" until reconnected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { databaseUrl } from '../../apps/server/src/platform/postgres/connection-manager.ts';
import { builtOnce } from '../../apps/server/src/platform/postgres/built-once.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, insertRoom, studioBySlug, type Studio } from '../support/studios.ts';

let server: TestServer;
let studio: Studio;
beforeAll(async () => {
  server = await createTestServer();
  studio = await createStudio(server);
});
afterAll(async () => {
  await server?.close();
});

describe('queries built once per connection', () => {
  it('builds once per handle and again for another', () => {
    const a = {};
    const b = {};
    let builds = 0;
    const build = () => ({ built: ++builds });
    expect(builtOnce(a, 'q', build)).toBe(builtOnce(a, 'q', build));
    expect(builds).toBe(1);
    expect(builtOnce(b, 'q', build)).not.toBe(builtOnce(a, 'q', build));
    expect(builtOnce(a, 'other', build)).not.toBe(builtOnce(a, 'q', build));
    expect(builds).toBe(3);
  });

  it('serves new rows and survives a column type change on the same warm connection', async () => {
    const names = async () => ((await studio.owner.query<{ name: string }[]>('rooms.list', undefined, studio.slug)).data ?? []).map((r) => r.name);
    const before = await names();
    await studio.owner.query('studio.get', undefined, studio.slug);
    const { id } = await studioBySlug(server, studio.slug);
    await insertRoom(server, id, { name: 'Booth Z' });
    expect(await names()).toEqual([...before, 'Booth Z']); // built once, executed afresh
    const location = await server.platform.directory.locate(id);
    const outsider = new pg.Client(databaseUrl(server.adminUrl, location!.databaseName));
    await outsider.connect();
    try {
      await outsider.query('ALTER TABLE rooms ALTER COLUMN name TYPE varchar(200)');
      await outsider.query('ALTER TABLE studio_settings ALTER COLUMN city TYPE varchar(200)');
    } finally {
      await outsider.end();
    }
    expect(await names()).toEqual([...before, 'Booth Z']);
    const settings = await studio.owner.query('studio.get', undefined, studio.slug);
    expect(settings.status).toBe(200);
  });
});
