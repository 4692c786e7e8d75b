/**
 * The CRM through the API: search that ignores accents and case and finds partial words, filters,
 * sorting and pagination with a total; profile edits, archive / restore, tags, company contacts, the
 * notes timeline and its authorship rules; a client's sessions and projects; merging duplicates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { addMember, createStudio, expectRefused, withStudioDb, type Member, type Studio } from '../support/studios.ts';

let server: TestServer;
let studio: Studio;
let assistant: Member;
let manager: Member;
const ids = {} as Record<'beyonce' | 'lumiere' | 'zoe' | 'archived', string>;

type List = {
  total: number;
  totalCapped: boolean;
  items: { id: string; name: string; tags: string[]; lastSessionAt: string | null; companies: { name: string }[] }[];
};

async function create(fields: Record<string, unknown>): Promise<string> {
  const created = await studio.owner.mutate<{ id: string }>('clients.create', fields, studio.slug);
  expect(created.error, JSON.stringify(created.error)).toBeUndefined();
  return created.data!.id;
}
const list = async (input: Record<string, unknown>) => {
  const result = await studio.owner.query<List>('clients.list', input, studio.slug);
  expect(result.error, JSON.stringify(result.error)).toBeUndefined();
  return result.data!;
};
const names = (l: List) => l.items.map((i) => i.name);

beforeAll(async () => {
  server = await createTestServer();
  studio = await createStudio(server, { studioName: 'Lumière Records' });
  [assistant, manager] = [await addMember(server, studio, 'assistant'), await addMember(server, studio, 'manager')];
  ids.beyonce = await create({ name: 'Beyoncé Knowles', email: 'Queen.B@Example.test', tags: ['VIP', 'pop'] });
  ids.lumiere = await create({ name: 'Studio Lumière', kind: 'company', companyType: 'production', city: 'Lyon' });
  ids.zoe = await create({ name: 'Zoë Kravitz', phone: '+33 6 12 34 56 78', tags: ['pop'] });
  ids.archived = await create({ name: 'Éric Archivé', email: 'eric@example.test' });
  await studio.owner.mutate('clients.archive', { id: ids.archived }, studio.slug);
});
afterAll(async () => server?.close());

describe('search', () => {
  it('runs on the extensions the tenant template was migrated with', async () => {
    const extensions = await withStudioDb(server, studio.id, (db) => db.execute<{ extname: string }>(sql`SELECT extname FROM pg_extension ORDER BY extname`));
    expect(extensions.rows.map((r) => r.extname)).toEqual(expect.arrayContaining(['pg_trgm', 'unaccent']));
  });

  it('ignores accents and case and finds partial words', async () => {
    expect(names(await list({ q: 'beyo' }))).toEqual(['Beyoncé Knowles']);
    expect(names(await list({ q: 'BEYONCE' }))).toEqual(['Beyoncé Knowles']);
    expect(names(await list({ q: 'lumiere' }))).toEqual(['Studio Lumière']);
    expect(names(await list({ q: 'LUMIÈ' }))).toEqual(['Studio Lumière']);
    expect(names(await list({ q: 'zoe krav' }))).toEqual(['Zoë Kravitz']);
  });

  it('matches e-mail, phone digits and city, and every word must match', async () => {
    expect(names(await list({ q: 'queen.b@' }))).toEqual(['Beyoncé Knowles']);
    expect(names(await list({ q: '0612' }))).toEqual([]);
    expect(names(await list({ q: '612345' }))).toEqual(['Zoë Kravitz']);
    // Typed as people write phone numbers: the groups are read as one number.
    expect(names(await list({ q: '6 12 34 56' }))).toEqual(['Zoë Kravitz']);
    expect(names(await list({ q: '+33 6 12' }))).toEqual(['Zoë Kravitz']);
    expect(names(await list({ q: '6 99 34' }))).toEqual([]);
    expect(names(await list({ q: 'lyon' }))).toEqual(['Studio Lumière']);
    expect(names(await list({ q: 'beyo lyon' }))).toEqual([]);
  });

  it('treats % and _ as letters, not wildcards', async () => {
    expect((await list({ q: '%' })).total).toBe(0);
    expect((await list({ q: '_' })).total).toBe(0);
  });

  it('the picker answers live clients, names starting with the words first', async () => {
    const picked = await studio.owner.query<{ name: string }[]>('clients.pick', { q: 'k' }, studio.slug);
    expect(picked.data!.map((p) => p.name)).toEqual(['Beyoncé Knowles', 'Zoë Kravitz']);
    const archived = await studio.owner.query<{ name: string }[]>('clients.pick', { q: 'eric' }, studio.slug);
    expect(archived.data).toEqual([]);
  });
});

describe('filters, sorting, pagination', () => {
  it('filters by kind, tag (case-insensitive), e-mail presence and archive state', async () => {
    expect(names(await list({ kind: 'company' }))).toEqual(['Studio Lumière']);
    expect(names(await list({ tag: 'VIP' }))).toEqual(['Beyoncé Knowles']);
    expect(names(await list({ tag: 'pop' }))).toEqual(['Beyoncé Knowles', 'Zoë Kravitz']);
    expect(names(await list({ hasEmail: true }))).toEqual(['Beyoncé Knowles']);
    expect(names(await list({ hasEmail: false }))).toEqual(['Studio Lumière', 'Zoë Kravitz']);
    expect(names(await list({ status: 'archived' }))).toEqual(['Éric Archivé']);
    expect((await list({ status: 'all' })).total).toBe(4);
  });

  it('sorts by name ignoring accents, both ways, and by creation', async () => {
    expect(names(await list({ status: 'all' }))).toEqual(['Beyoncé Knowles', 'Éric Archivé', 'Studio Lumière', 'Zoë Kravitz']);
    expect(names(await list({ status: 'all', dir: 'desc' }))).toEqual(['Zoë Kravitz', 'Studio Lumière', 'Éric Archivé', 'Beyoncé Knowles']);
    expect(names(await list({ sort: 'created', dir: 'desc' }))[0]).toBe('Zoë Kravitz');
  });

  it('pages with a stable total', async () => {
    const first = await list({ status: 'all', pageSize: 5, page: 1 });
    for (let i = 0; i < 8; i++) await create({ name: `Paged ${String(i).padStart(2, '0')}`, tags: ['paged'] });
    const pages = [
      await list({ tag: 'paged', pageSize: 5, page: 1 }),
      await list({ tag: 'paged', pageSize: 5, page: 2 }),
      await list({ tag: 'paged', pageSize: 5, page: 3 }),
    ];
    expect(pages.map((p) => p.total)).toEqual([8, 8, 8]);
    expect(pages.map((p) => p.items.length)).toEqual([5, 3, 0]);
    expect(new Set(pages.flatMap((p) => names(p))).size).toBe(8);
    expect(first.total).toBe(4);
  });

  it('lists the tags in use with their counts', async () => {
    const tags = await studio.owner.query<{ tag: string; count: number }[]>('clients.tags', undefined, studio.slug);
    expect(tags.data).toEqual(
      expect.arrayContaining([
        { tag: 'pop', count: 2 },
        { tag: 'vip', count: 1 },
        { tag: 'paged', count: 8 },
      ]),
    );
  });

  it('sorts by last session, and the client detail lists upcoming and past sessions', async () => {
    const roomId = (await studio.owner.mutate<{ id: string }>('rooms.create', { name: 'Room A', hourlyRateCents: 1000, capacity: 2 }, studio.slug)).data!.id;
    for (const [day, clientId] of [
      ['2020-03-02', ids.zoe],
      ['2020-03-09', ids.zoe],
      ['2099-05-04', ids.zoe],
      ['2021-06-07', ids.beyonce],
    ] as const) {
      const made = await studio.owner.mutate(
        'sessions.create',
        { roomId, startsAt: `${day}T10:00:00Z`, endsAt: `${day}T12:00:00Z`, title: `Session ${day}`, clientId },
        studio.slug,
      );
      expect(made.error, JSON.stringify(made.error)).toBeUndefined();
    }
    const sorted = await list({ sort: 'lastSession', dir: 'desc', tag: 'pop' });
    // "Last session" is the latest one that has started: Zoë's booked 2099 session is not it.
    expect(names(sorted)).toEqual(['Beyoncé Knowles', 'Zoë Kravitz']);
    expect(sorted.items[1]!.lastSessionAt).toBe('2020-03-09T10:00:00.000Z');
    const upcoming = await studio.owner.query<{ total: number; items: { title: string }[] }>(
      'clients.sessions',
      { clientId: ids.zoe, when: 'upcoming' },
      studio.slug,
    );
    const past = await studio.owner.query<{ total: number; items: { title: string }[] }>(
      'clients.sessions',
      { clientId: ids.zoe, when: 'past', pageSize: 1 },
      studio.slug,
    );
    expect(upcoming.data).toMatchObject({ total: 1, items: [{ title: 'Session 2099-05-04' }] });
    expect(past.data).toMatchObject({ total: 2, items: [{ title: 'Session 2020-03-09' }] });
  });

  it('lists the real projects of a client', async () => {
    await withStudioDb(server, studio.id, (db) =>
      db.insert(tenant.projects).values({ name: 'Renaissance', clientId: ids.beyonce, currency: 'EUR', type: 'album' }),
    );
    const projects = await studio.owner.query<{ name: string; type: string }[]>('clients.projects', { id: ids.beyonce }, studio.slug);
    expect(projects.data).toMatchObject([{ name: 'Renaissance', type: 'album' }]);
  });
});

describe('profile, tags, contacts', () => {
  it('validates input with translated messages', async () => {
    const bad = await studio.owner.mutate('clients.create', { name: ' ', email: 'not-an-email', country: 'France' }, studio.slug);
    expectRefused(bad, 'BAD_REQUEST', 400);
    expect(bad.error!.data.fieldErrors).toMatchObject({ name: ['errors.required'], email: ['errors.email_invalid'], country: ['errors.country_invalid'] });
  });

  it('edits, tags, archives and restores', async () => {
    const id = await create({ name: 'Edith', tags: ['jazz'] });
    const updated = await studio.owner.mutate<{ name: string; email: string; companyType: string }>(
      'clients.update',
      { id, name: 'Édith Piaf', email: 'EDITH@example.test', companyType: 'label' },
      studio.slug,
    );
    expect(updated.data).toMatchObject({ name: 'Édith Piaf', email: 'edith@example.test', companyType: '' });
    expect((await studio.owner.mutate<{ tags: string[] }>('clients.addTag', { id, tag: ' Chanson ' }, studio.slug)).data!.tags).toEqual(['jazz', 'chanson']);
    expect((await studio.owner.mutate<{ tags: string[] }>('clients.removeTag', { id, tag: 'jazz' }, studio.slug)).data!.tags).toEqual(['chanson']);
    await studio.owner.mutate('clients.archive', { id }, studio.slug);
    expect(names(await list({ q: 'edith' }))).toEqual([]);
    await studio.owner.mutate('clients.restore', { id }, studio.slug);
    expect(names(await list({ q: 'edith' }))).toEqual(['Édith Piaf']);
    const audit = await withStudioDb(server, studio.id, (db) => db.select().from(tenant.auditLog).where(eq(tenant.auditLog.entityId, id)));
    expect(audit.map((a) => a.action).sort()).toEqual([
      'client.archived',
      'client.created',
      'client.restored',
      'client.tag_added',
      'client.tag_removed',
      'client.updated',
    ]);
    expect(audit.find((a) => a.action === 'client.updated')!.details).toEqual({ fields: ['name', 'email'] });
  });

  it('links a person to several companies with roles; refuses wrong kinds', async () => {
    const label = await create({ name: 'Parlophone', kind: 'company', companyType: 'label' });
    const link = (companyId: string, personId: string, roles: string[]) =>
      studio.owner.mutate('clients.linkContact', { companyId, personId, roles, canSeeCompanyItems: true }, studio.slug);
    expect((await link(label, ids.zoe, ['artist', 'payer'])).error).toBeUndefined();
    expect((await link(ids.lumiere, ids.zoe, ['manager'])).error).toBeUndefined();
    expectRefused(await link(ids.zoe, ids.beyonce, []), 'BAD_REQUEST', 400);
    const company = await studio.owner.query<{ contacts: { name: string; roles: string[]; canSeeCompanyItems: boolean }[] }>(
      'clients.get',
      { id: label },
      studio.slug,
    );
    expect(company.data!.contacts).toEqual([expect.objectContaining({ name: 'Zoë Kravitz', roles: ['artist', 'payer'], canSeeCompanyItems: true })]);
    const person = await studio.owner.query<{ contacts: { name: string }[] }>('clients.get', { id: ids.zoe }, studio.slug);
    expect(person.data!.contacts.map((c) => c.name)).toEqual(['Parlophone', 'Studio Lumière']);
    expect((await list({ q: 'zoe' })).items[0]!.companies.map((c) => c.name)).toEqual(['Parlophone', 'Studio Lumière']);
    expectRefused(await studio.owner.mutate('clients.update', { id: label, name: 'Parlophone', kind: 'person' }, studio.slug), 'CONFLICT', 409);
    expect((await studio.owner.mutate('clients.unlinkContact', { companyId: label, personId: ids.zoe }, studio.slug)).error).toBeUndefined();
    expectRefused(await studio.owner.mutate('clients.unlinkContact', { companyId: label, personId: ids.zoe }, studio.slug), 'NOT_FOUND', 404);
  });
});

describe('notes timeline', () => {
  it('newest first with author names; authors edit their own; owners and managers delete any', async () => {
    const add = (who: Member | Studio, body: string) =>
      ('owner' in who ? who.owner : who.client).mutate<{ id: string }>('clients.notes.add', { clientId: ids.beyonce, body }, studio.slug);
    const first = (await add(assistant, 'Prefers morning sessions')).data!.id;
    const second = (await add(studio, 'Paid the deposit in cash')).data!.id;
    const timeline = await assistant.client.query<{
      total: number;
      items: { id: string; body: string; authorName: string; canEdit: boolean; canDelete: boolean }[];
    }>('clients.notes.list', { clientId: ids.beyonce }, studio.slug);
    expect(timeline.data!.items.map((n) => [n.body, n.authorName, n.canEdit, n.canDelete])).toEqual([
      ['Paid the deposit in cash', 'Ada Owner', false, false],
      ['Prefers morning sessions', 'A assistant', true, true],
    ]);
    expectRefused(await assistant.client.mutate('clients.notes.edit', { id: second, body: 'changed' }, studio.slug), 'FORBIDDEN', 403);
    expectRefused(await assistant.client.mutate('clients.notes.remove', { id: second }, studio.slug), 'FORBIDDEN', 403);
    expectRefused(await manager.client.mutate('clients.notes.edit', { id: first, body: 'changed' }, studio.slug), 'FORBIDDEN', 403);
    expect((await assistant.client.mutate('clients.notes.edit', { id: first, body: 'Prefers evening sessions' }, studio.slug)).error).toBeUndefined();
    expect((await manager.client.mutate('clients.notes.remove', { id: second }, studio.slug)).error).toBeUndefined();
    const after = await studio.owner.query<{ items: { body: string; edited: boolean }[] }>('clients.notes.list', { clientId: ids.beyonce }, studio.slug);
    expect(after.data!.items).toMatchObject([{ body: 'Prefers evening sessions', edited: true }]);
    expectRefused(await studio.owner.mutate('clients.notes.add', { clientId: ids.beyonce, body: '   ' }, studio.slug), 'BAD_REQUEST', 400);
  });
});

describe('merge', () => {
  it('fills the survivor’s empty fields, unites tags, moves everything, deletes the duplicate, in one audit entry', async () => {
    const survivor = await create({ name: 'Prince', email: 'prince@example.test', tags: ['funk'] });
    // Two records of one person: same name, another address (one address belongs to one client only).
    const duplicate = await create({
      name: 'PRINCE',
      email: 'prince.nelson@example.test',
      phone: '+1 612 555 0100',
      city: 'Minneapolis',
      tags: ['rock', 'funk'],
    });
    const label = await create({ name: 'Paisley Park', kind: 'company' });
    await studio.owner.mutate('clients.linkContact', { companyId: label, personId: duplicate, roles: ['artist'] }, studio.slug);
    await studio.owner.mutate('clients.linkContact', { companyId: label, personId: survivor, roles: ['payer'] }, studio.slug);
    await studio.owner.mutate('clients.notes.add', { clientId: duplicate, body: 'Purple everything' }, studio.slug);
    const roomId = (await studio.owner.mutate<{ id: string }>('rooms.create', { name: 'Room P', hourlyRateCents: 1000, capacity: 2 }, studio.slug)).data!.id;
    const session = await studio.owner.mutate<{ id: string }>(
      'sessions.create',
      { roomId, startsAt: '2031-01-06T10:00:00Z', endsAt: '2031-01-06T12:00:00Z', title: 'Purple Rain', clientId: duplicate },
      studio.slug,
    );
    await withStudioDb(server, studio.id, (db) => db.insert(tenant.projects).values({ name: '1999', clientId: duplicate, currency: 'EUR' }));

    const detail = await studio.owner.query<{ duplicates: { id: string }[] }>('clients.get', { id: survivor }, studio.slug);
    expect(detail.data!.duplicates.map((d) => d.id)).toEqual([duplicate]);
    expectRefused(await studio.owner.mutate('clients.merge', { survivorId: survivor, duplicateId: label }, studio.slug), 'CONFLICT', 409);

    const merged = await studio.owner.mutate('clients.merge', { survivorId: survivor, duplicateId: duplicate }, studio.slug);
    expect(merged.error, JSON.stringify(merged.error)).toBeUndefined();
    const got = await studio.owner.query<{
      client: { name: string; email: string; phone: string; city: string; tags: string[] };
      contacts: { name: string; roles: string[] }[];
    }>('clients.get', { id: survivor }, studio.slug);
    expect(got.data!.client).toMatchObject({
      name: 'Prince',
      email: 'prince@example.test',
      phone: '+1 612 555 0100',
      city: 'Minneapolis',
      tags: ['funk', 'rock'],
    });
    expect(got.data!.contacts).toEqual([expect.objectContaining({ name: 'Paisley Park', roles: expect.arrayContaining(['artist', 'payer']) })]);
    await withStudioDb(server, studio.id, async (db) => {
      expect(await db.select().from(tenant.clients).where(eq(tenant.clients.id, duplicate))).toEqual([]);
      expect((await db.select().from(tenant.sessions).where(eq(tenant.sessions.id, session.data!.id)))[0]!.clientId).toBe(survivor);
      expect((await db.select().from(tenant.clientNotes).where(eq(tenant.clientNotes.clientId, survivor))).map((n) => n.body)).toEqual(['Purple everything']);
      expect((await db.select().from(tenant.projects).where(eq(tenant.projects.clientId, survivor))).map((p) => p.name)).toEqual(['1999']);
      const audit = await db.select().from(tenant.auditLog).where(eq(tenant.auditLog.action, 'client.merged'));
      expect(audit).toMatchObject([{ entityId: survivor, details: { duplicateId: duplicate, filledFields: ['phone', 'city'] } }]);
    });
    expectRefused(await studio.owner.query('clients.get', { id: duplicate }, studio.slug), 'NOT_FOUND', 404);
  });
});

describe('broad searches', () => {
  it('count up to 1,000, say there are more, and still page sorted by name', async () => {
    await withStudioDb(server, studio.id, (db) =>
      db.insert(tenant.clients).values(Array.from({ length: 1005 }, (_, i) => ({ name: `Bulk Ω ${String(1004 - i).padStart(4, '0')}` }))),
    );
    const broad = await list({ q: 'bulk', pageSize: 10 });
    expect(broad).toMatchObject({ total: 1000, totalCapped: true });
    expect(names(broad)).toEqual([...names(broad)].sort());
    const narrow = await list({ q: 'bulk 099', pageSize: 20 });
    expect(narrow).toMatchObject({ total: 11, totalCapped: false });
    expect(names(narrow)).toEqual(['Bulk Ω 0099', ...Array.from({ length: 10 }, (_, i) => `Bulk Ω 099${i}`)]);
    // A search's pages: each is its slice of the whole sorted set, both ways, and past the end an empty page.
    const expected = ['Bulk Ω 0099', ...Array.from({ length: 10 }, (_, i) => `Bulk Ω 099${i}`)];
    const pages = await Promise.all([1, 2, 3, 4].map((page) => list({ q: 'bulk 099', pageSize: 5, page })));
    expect(pages.map((p) => p.total)).toEqual([11, 11, 11, 11]);
    expect(pages.flatMap((p) => names(p))).toEqual(expected);
    expect(pages[3]!.items).toEqual([]);
    const backwards = await Promise.all([1, 2, 3].map((page) => list({ q: 'bulk 099', pageSize: 5, page, dir: 'desc' })));
    expect(backwards.flatMap((p) => names(p))).toEqual([...expected].reverse());
    // Newest first: the bulk rows went in 1004 → 0000 in one statement, so the order falls back to the id, and is total.
    const byCreation = await Promise.all([1, 2, 3].map((page) => list({ q: 'bulk 099', pageSize: 5, page, sort: 'created', dir: 'desc' })));
    expect(new Set(byCreation.flatMap((p) => names(p)))).toEqual(new Set(expected));
    expect(names(await list({ q: 'bulk 0993', sort: 'relevance' }))).toEqual(['Bulk Ω 0993']);
    const everyone = await list({ pageSize: 10 });
    expect(everyone.totalCapped).toBe(false);
    expect(everyone.total).toBeGreaterThan(1005);
  });
});
