/**
 * The studio's activity log: filters (actor, entity, action prefix, period), keyset pages that neither skip
 * nor repeat rows (equal timestamps included), the CSV export (BOM, quoting, formula guard, itself audited),
 * who may read it, and that a studio only ever sees its own log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenant } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { addMember, createStudio, expectRefused, withStudioDb, type Member, type Studio } from '../support/studios.ts';

interface Entry {
  id: string;
  at: string;
  actor: { userId: string; name: string | null } | null;
  action: string;
  entity: string;
  details: { key: string; value: string }[];
}
type Page = { items: Entry[]; nextCursor: string | null };

let server: TestServer;
let a: Studio;
let b: Studio;
let manager: Member;
let engineer: Member;
const SAME_AT = new Date('2031-03-01T10:00:00.123456Z');

beforeAll(async () => {
  server = await createTestServer();
  [a, b] = await Promise.all([createStudio(server, { studioName: 'Audit Alpha' }), createStudio(server, { studioName: 'Audit Bravo' })]);
  [manager, engineer] = await Promise.all([addMember(server, a, 'manager'), addMember(server, a, 'engineer')]);
  // A real change through the API, then planted rows: 30 at the very same instant (the keyset's tie-break) and a formula.
  expect((await a.owner.mutate('rooms.create', { name: 'Live Room', hourlyRateCents: 4000, capacity: 3 }, a.slug)).error).toBeUndefined();
  await withStudioDb(server, a.id, (db) =>
    db.insert(tenant.auditLog).values([
      ...Array.from({ length: 30 }, (_, i) => ({
        at: SAME_AT,
        actorUserId: manager.userId,
        action: 'session.moved',
        entity: 'session',
        entityId: `s-${i}`,
        details: { n: i },
      })),
      {
        at: new Date('2031-02-01T09:00:00Z'),
        actorUserId: a.ownerId,
        action: 'client.updated',
        entity: 'client',
        entityId: '@SUM(A1)',
        details: { note: '=HYPERLINK("http://x.test")', tags: ['a', 'b'] },
      },
    ]),
  );
  expect((await b.owner.mutate('rooms.create', { name: 'Bravo Secret Room', hourlyRateCents: 4000, capacity: 3 }, b.slug)).error).toBeUndefined();
});
afterAll(async () => server?.close());

const list = (input: Record<string, unknown>, who = a.owner, slug = a.slug) => who.query<Page>('audit.list', input, slug);

describe('audit.list', () => {
  it('shows the change made through the app, with the actor’s name and details', async () => {
    const got = await list({ entity: 'room' });
    expect(got.error).toBeUndefined();
    expect(got.data!.items).toHaveLength(1);
    expect(got.data!.items[0]).toMatchObject({
      action: 'room.created',
      entity: 'room',
      actor: { userId: a.ownerId, name: 'Ada Owner' },
      details: [{ key: 'name', value: 'Live Room' }],
    });
  });

  it('filters by actor, by action prefix and by period', async () => {
    const byManager = await list({ actorUserId: manager.userId, limit: 100 });
    expect(byManager.data!.items.every((e) => e.actor?.userId === manager.userId)).toBe(true);
    expect(byManager.data!.items).toHaveLength(30);
    expect((await list({ action: 'client' })).data!.items.map((e) => e.action)).toEqual(['client.updated']);
    expect((await list({ action: 'client.updated' })).data!.items).toHaveLength(1);
    expect((await list({ action: 'clien' })).data!.items).toHaveLength(0);
    const february = await list({ from: '2031-02-01T00:00:00Z', to: '2031-03-01T00:00:00Z' });
    expect(february.data!.items.map((e) => e.action)).toEqual(['client.updated']);
  });

  it('pages newest first without skipping or repeating rows that share a timestamp', async () => {
    const seen: Entry[] = [];
    let cursor: string | null = null;
    do {
      const got: Awaited<ReturnType<typeof list>> = await list({ entity: 'session', limit: 7, ...(cursor ? { cursor } : {}) });
      expect(got.data!.items.length).toBeLessThanOrEqual(7);
      seen.push(...got.data!.items);
      cursor = got.data!.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(30);
    expect(new Set(seen.map((e) => e.id)).size).toBe(30);
    const all = await list({ limit: 100 });
    const times = all.data!.items.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('refuses a forged cursor', async () => {
    expectRefused(await list({ cursor: Buffer.from('2031-01-01~not-an-id').toString('base64url') }), 'BAD_REQUEST', 400);
  });

  it('lists the entities and actors that occur, for the filters', async () => {
    const facets = await a.owner.query<{ entities: string[]; actors: { userId: string }[] }>('audit.facets', undefined, a.slug);
    expect(facets.data!.entities).toEqual(expect.arrayContaining(['client', 'room', 'session']));
    expect(facets.data!.actors.map((x) => x.userId).sort()).toEqual([a.ownerId, manager.userId].sort());
  });
});

describe('who may read it', () => {
  it('owners and managers may; an engineer may not', async () => {
    expect((await list({}, manager.client)).error).toBeUndefined();
    expectRefused(await list({}, engineer.client), 'FORBIDDEN', 403);
    expectRefused(await engineer.client.mutate('audit.exportCsv', {}, a.slug), 'FORBIDDEN', 403);
  });

  it('a studio only ever sees its own log, even when filtering by another studio’s member', async () => {
    const own = await list({ limit: 100 });
    expect(JSON.stringify(own.data)).not.toContain('Bravo Secret Room');
    const other = await list({ actorUserId: b.ownerId });
    expect(other.data!.items).toEqual([]);
    expectRefused(await list({}, a.owner, b.slug), 'FORBIDDEN', 403);
  });
});

describe('audit.exportCsv', () => {
  it('exports the filtered rows with a BOM, quoting and formula guard, and records the export', async () => {
    const got = await a.owner.mutate<{ filename: string; mimeType: string; content: string }>('audit.exportCsv', { action: 'client' }, a.slug);
    expect(got.error).toBeUndefined();
    const { content, filename, mimeType } = got.data!;
    expect(filename).toMatch(/^activity-log-\d{4}-\d\d-\d\d\.csv$/);
    expect(mimeType).toBe('text/csv;charset=utf-8');
    expect(content.startsWith('\uFEFFtime (UTC),actor,actor id,action,entity,entity id,details\r\n')).toBe(true);
    const lines = content.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      `2031-02-01T09:00:00.000Z,Ada Owner,${a.ownerId},client.updated,client,'@SUM(A1),"note==HYPERLINK(""http://x.test""); tags=[""a"",""b""]"`,
    );
    const exported = await list({ action: 'audit.exported' });
    expect(exported.data!.items[0]).toMatchObject({ actor: { userId: a.ownerId }, details: expect.arrayContaining([{ key: 'rows', value: '1' }]) });
  });
});
