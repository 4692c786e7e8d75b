/**
 * Projects through the API on a real studio database: CRUD and validation, the Kanban board (moves
 * keep a total order, renumbering when gaps run out, archive leaves the board), search, teams limited
 * to studio members, sessions linked from this studio only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { addMember, createStudio, insertMember, insertRoom, withStudioDb, type Studio } from '../support/studios.ts';

let server: TestServer;
let studio: Studio;
let other: Studio;
let clientId: string;

type Board = {
  stage: string;
  total: number;
  cards: { id: string; name: string; clientName: string | null; trackCount: number; members: { userId: string; name: string }[] }[];
}[];

beforeAll(async () => {
  server = await createTestServer();
  [studio, other] = await Promise.all([createStudio(server, { studioName: 'Kanban Sound' }), createStudio(server, { studioName: 'Other Sound' })]);
  clientId = (await studio.owner.mutate<{ id: string }>('booking.createClient', { name: 'Élodie Renard' }, studio.slug)).data!.id;
});
afterAll(async () => server?.close());

async function create(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const result = await studio.owner.mutate<{ id: string }>('projects.create', { name, ...extra }, studio.slug);
  expect(result.error, JSON.stringify(result.error)).toBeUndefined();
  return result.data!.id;
}
async function board(): Promise<Board> {
  return (await studio.owner.query<Board>('projects.board', undefined, studio.slug)).data!;
}
/** A confirmed session in a new room of the studio, straight into its database. */
async function insertSession(target: Studio, title: string): Promise<string> {
  const roomId = await insertRoom(server, target.id, { name: 'Live room' });
  return withStudioDb(server, target.id, async (db) => {
    const [row] = await db
      .insert(tenant.sessions)
      .values({ title, roomId, startsAt: new Date('2030-01-07T09:00:00Z'), endsAt: new Date('2030-01-07T11:00:00Z'), status: 'confirmed', currency: 'EUR' })
      .returning({ id: tenant.sessions.id });
    return row!.id;
  });
}
const column = (b: Board, stage: string) => b.find((c) => c.stage === stage)!.cards.map((c) => c.id);

describe('create, read, update', () => {
  it('creates a project with client, budget in the studio currency and team, and reads it back', async () => {
    const engineer = await addMember(server, studio, 'engineer');
    const id = await create('First Album', {
      clientId,
      type: 'album',
      dueDate: '2030-09-30',
      budgetCents: 1_250_000,
      notes: 'Strings on track 3',
      members: [{ userId: engineer.userId, role: 'Mix engineer' }],
    });
    const got = await studio.owner.query<Record<string, unknown>>('projects.get', { id }, studio.slug);
    expect(got.data).toMatchObject({
      name: 'First Album',
      clientName: 'Élodie Renard',
      type: 'album',
      stage: 'pre_production',
      dueDate: '2030-09-30',
      budgetCents: 1_250_000,
      currency: 'EUR',
      notes: 'Strings on track 3',
      trackCount: 0,
      archivedAt: null,
    });
    expect(got.data!.members).toEqual([{ userId: engineer.userId, name: 'A engineer', role: 'Mix engineer' }]);

    const updated = await studio.owner.mutate(
      'projects.update',
      { id, name: 'First Album (deluxe)', clientId: null, type: 'ep', dueDate: null, budgetCents: null, notes: '' },
      studio.slug,
    );
    expect(updated.error).toBeUndefined();
    const again = await studio.owner.query<Record<string, unknown>>('projects.get', { id }, studio.slug);
    expect(again.data).toMatchObject({ name: 'First Album (deluxe)', clientId: null, clientName: null, type: 'ep', dueDate: null, budgetCents: null });
  });

  it('refuses bad input with field errors, and unknown ids with NOT_FOUND', async () => {
    const bad = await studio.owner.mutate('projects.create', { name: '  ', type: 'mixtape', dueDate: '2030-02-31', budgetCents: -5 }, studio.slug);
    expect(bad.error?.data.appCode).toBe('BAD_REQUEST');
    expect(Object.keys(bad.error!.data.fieldErrors!).sort()).toEqual(['budgetCents', 'dueDate', 'name', 'type']);
    const missing = await studio.owner.query('projects.get', { id: '00000000-0000-4000-8000-000000000000' }, studio.slug);
    expect(missing.error?.data.appCode).toBe('NOT_FOUND');
    const unknownClient = await studio.owner.mutate('projects.create', { name: 'X', clientId: '00000000-0000-4000-8000-000000000000' }, studio.slug);
    expect(unknownClient.error?.data).toMatchObject({ appCode: 'BAD_REQUEST', params: { reason: 'client_unknown' } });
  });
});

describe('the board', () => {
  it('puts new projects on top of their column and moves cards between and within columns', async () => {
    const a = await create('Move A');
    const b = await create('Move B');
    const c = await create('Move C');
    expect(column(await board(), 'pre_production').slice(0, 3)).toEqual([c, b, a]);

    // to recording (empty there), then b after a, then c before a
    expect((await studio.owner.mutate('projects.move', { id: a, stage: 'recording', afterId: null }, studio.slug)).error).toBeUndefined();
    expect((await studio.owner.mutate('projects.move', { id: b, stage: 'recording', afterId: a }, studio.slug)).error).toBeUndefined();
    expect((await studio.owner.mutate('projects.move', { id: c, stage: 'recording', beforeId: a }, studio.slug)).error).toBeUndefined();
    const after = await board();
    expect(column(after, 'recording')).toEqual([c, a, b]);
    expect(column(after, 'pre_production')).not.toContain(a);
    expect(after.find((x) => x.stage === 'recording')!.total).toBe(3);

    // a neighbour that is no longer in that column: refused, nothing moves
    const stale = await studio.owner.mutate('projects.move', { id: a, stage: 'mixing', afterId: b }, studio.slug);
    expect(stale.error?.data).toMatchObject({ appCode: 'CONFLICT', params: { reason: 'board_changed' } });
    expect(column(await board(), 'recording')).toEqual([c, a, b]);
  });

  it('keeps a total order over many drops into the same gap, renumbering when it runs out', async () => {
    const ids = [await create('Gap 1'), await create('Gap 2')];
    for (const id of ids) await studio.owner.mutate('projects.move', { id, stage: 'editing' }, studio.slug);
    const expected = [...ids];
    // 60 drops, each right after the first card: the gap halves each time, far past float4 precision.
    for (let i = 0; i < 60; i++) {
      const id = await create(`Wedge ${i}`);
      const moved = await studio.owner.mutate('projects.move', { id, stage: 'editing', afterId: ids[0] }, studio.slug);
      expect(moved.error, JSON.stringify(moved.error)).toBeUndefined();
      expected.splice(1, 0, id);
    }
    expect(column(await board(), 'editing')).toEqual(expected);
    const positions = await withStudioDb(server, studio.id, (db) =>
      db.select({ id: tenant.projects.id, position: tenant.projects.stagePosition }).from(tenant.projects).where(eq(tenant.projects.stage, 'editing')),
    );
    expect(new Set(positions.map((p) => p.position)).size).toBe(positions.length);
    // Gap 2 started at the second even step and no drop went after it: only a renumbering of the column moves it.
    const gap2 = positions.find((p) => p.id === ids[1])!.position;
    expect(gap2).toBeGreaterThan(2 * 1024);
    expect(gap2 % 1024).toBe(0);
  });

  it('concurrent drops into one column still give a total order with every card once', async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => create(`Race ${i}`)));
    const results = await Promise.all(ids.map((id) => studio.owner.mutate('projects.move', { id, stage: 'mastering', afterId: null }, studio.slug)));
    expect(results.every((r) => r.error === undefined)).toBe(true);
    const mastering = column(await board(), 'mastering');
    expect([...mastering].sort()).toEqual([...ids].sort());
  });

  it('shows client name, track count and team, and archived projects leave it until restored', async () => {
    const member = await addMember(server, studio, 'assistant');
    const id = await create('Board Card', { clientId, stage: 'mixing', members: [{ userId: member.userId, role: '' }] });
    await studio.owner.mutate('tracks.create', { projectId: id, title: 'One' }, studio.slug);
    await studio.owner.mutate('tracks.create', { projectId: id, title: 'Two' }, studio.slug);
    const card = (await board()).find((c) => c.stage === 'mixing')!.cards.find((c) => c.id === id)!;
    expect(card).toMatchObject({ clientName: 'Élodie Renard', trackCount: 2, members: [{ userId: member.userId, name: 'A assistant' }] });

    expect((await studio.owner.mutate('projects.archive', { id }, studio.slug)).error).toBeUndefined();
    expect(column(await board(), 'mixing')).not.toContain(id);
    const refused = await studio.owner.mutate('projects.move', { id, stage: 'recording' }, studio.slug);
    expect(refused.error?.data.params).toMatchObject({ reason: 'project_archived' });
    const archivedList = await studio.owner.query<{ items: { id: string }[] }>('projects.list', { archived: 'archived' }, studio.slug);
    expect(archivedList.data!.items.map((p) => p.id)).toContain(id);
    expect((await studio.owner.mutate('projects.restore', { id }, studio.slug)).error).toBeUndefined();
    expect(column(await board(), 'mixing')[0]).toBe(id);
  });
});

describe('list and search', () => {
  it('finds by project or client name ignoring case and accents, filters, sorts and pages', async () => {
    const s = await createStudio(server, { studioName: 'Search Sound' });
    const client = (await s.owner.mutate<{ id: string }>('booking.createClient', { name: 'Zoë Keating' }, s.slug)).data!.id;
    const mk = async (name: string, extra: Record<string, unknown> = {}) =>
      (await s.owner.mutate<{ id: string }>('projects.create', { name, ...extra }, s.slug)).data!.id;
    const cafe = await mk('Café Society', { type: 'ep', dueDate: '2030-03-01' });
    const zoe = await mk('Cello Sessions', { clientId: client, type: 'album', dueDate: '2030-01-01' });
    const podcast = await mk('Weekly 50% Show', { type: 'podcast' });
    const list = async (input: Record<string, unknown>) =>
      (await s.owner.query<{ total: number; items: { id: string }[] }>('projects.list', input, s.slug)).data!;

    expect((await list({ search: 'CAFE' })).items.map((p) => p.id)).toEqual([cafe]);
    expect((await list({ search: 'zoe' })).items.map((p) => p.id)).toEqual([zoe]);
    expect((await list({ search: '50%' })).items.map((p) => p.id)).toEqual([podcast]);
    expect((await list({ search: '%' })).items.map((p) => p.id)).toEqual([podcast]);
    expect((await list({ types: ['album', 'ep'], sort: 'due', direction: 'asc' })).items.map((p) => p.id)).toEqual([zoe, cafe]);
    expect((await list({ clientId: client })).items.map((p) => p.id)).toEqual([zoe]);
    const page1 = await list({ sort: 'name', direction: 'asc', pageSize: 2, page: 1 });
    const page2 = await list({ sort: 'name', direction: 'asc', pageSize: 2, page: 2 });
    expect(page1.total).toBe(3);
    expect([...page1.items, ...page2.items].map((p) => p.id)).toEqual([cafe, zoe, podcast]);
    await s.owner.mutate('projects.archive', { id: cafe }, s.slug);
    expect((await list({})).items.map((p) => p.id)).not.toContain(cafe);
    expect((await list({ archived: 'all' })).total).toBe(3);
  });
});

describe('team and sessions', () => {
  it('accepts only members of this studio on a team', async () => {
    const id = await create('Team Rules');
    const outsider = await insertMember(server, other.id, 'engineer');
    const refused = await studio.owner.mutate('projects.setMembers', { projectId: id, members: [{ userId: outsider, role: 'Spy' }] }, studio.slug);
    expect(refused.error?.data).toMatchObject({ appCode: 'BAD_REQUEST', params: { reason: 'not_studio_member' } });
    const onCreate = await studio.owner.mutate('projects.create', { name: 'Spy project', members: [{ userId: outsider, role: '' }] }, studio.slug);
    expect(onCreate.error?.data.params).toMatchObject({ reason: 'not_studio_member' });
    const insider = await insertMember(server, studio.id, 'engineer');
    expect(
      (
        await studio.owner.mutate(
          'projects.setMembers',
          {
            projectId: id,
            members: [
              { userId: insider, role: 'Tracking' },
              { userId: studio.ownerId, role: 'Producer' },
            ],
          },
          studio.slug,
        )
      ).error,
    ).toBeUndefined();
    const got = await studio.owner.query<{ members: { userId: string; role: string }[] }>('projects.get', { id }, studio.slug);
    expect(got.data!.members.map((m) => m.userId).sort()).toEqual([insider, studio.ownerId].sort());
  });

  it('links and unlinks this studio’s sessions with room, time and status; another studio’s session is not found', async () => {
    const id = await create('Linked Sessions');
    const mine = { sessionId: await insertSession(studio, 'Target session') };
    const theirs = { sessionId: await insertSession(other, 'Their session') };
    const linkable = await studio.owner.query<{ id: string }[]>('projects.linkableSessions', { projectId: id }, studio.slug);
    expect(linkable.data!.map((s) => s.id)).toContain(mine.sessionId);
    expect((await studio.owner.mutate('projects.linkSession', { projectId: id, sessionId: mine.sessionId }, studio.slug)).error).toBeUndefined();
    const got = await studio.owner.query<{ sessions: Record<string, unknown>[] }>('projects.get', { id }, studio.slug);
    expect(got.data!.sessions).toEqual([
      {
        id: mine.sessionId,
        title: 'Target session',
        startsAt: '2030-01-07T09:00:00.000Z',
        endsAt: '2030-01-07T11:00:00.000Z',
        status: 'confirmed',
        roomName: 'Live room',
      },
    ]);
    const after = await studio.owner.query<{ id: string }[]>('projects.linkableSessions', { projectId: id }, studio.slug);
    expect(after.data!.map((s) => s.id)).not.toContain(mine.sessionId);

    const foreign = await studio.owner.mutate('projects.linkSession', { projectId: id, sessionId: theirs.sessionId }, studio.slug);
    expect(foreign.error?.data.appCode).toBe('NOT_FOUND');
    expect((await studio.owner.mutate('projects.unlinkSession', { projectId: id, sessionId: mine.sessionId }, studio.slug)).error).toBeUndefined();
    expect((await studio.owner.mutate('projects.unlinkSession', { projectId: id, sessionId: mine.sessionId }, studio.slug)).error?.data.appCode).toBe(
      'NOT_FOUND',
    );
  });
});
