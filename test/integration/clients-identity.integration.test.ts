/**
 * One client per e-mail address in a studio: two visitors confirming with one address at once make one
 * client (20 trials), staff creating or editing a client with an address already used get a CONFLICT naming
 * that client, a booking with an archived client's address brings that client back, and the migration that
 * adds the unique index first merges the duplicates a studio already has (every reference moved, nothing lost).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChain, tenant } from '@rsm/db';
import { uniqueEmail } from '../support/api.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { details, prepareStudio, setPolicy, slotIn, tokenFor, visitor } from '../support/public-booking.ts';
import { expectRefused, withStudioDb, type Studio } from '../support/studios.ts';

let server: TestServer;
let studio: Studio;
let roomId: string;

beforeAll(async () => {
  server = await createTestServer();
  ({ studio, roomId } = await prepareStudio(server, 'Identity Sound'));
  await setPolicy(studio, { bookingWindowDays: 365 });
  await server.platform.controlDb.execute(sql`UPDATE studios SET plan = 'pro' WHERE id = ${studio.id}`);
});
afterAll(async () => server?.close());

const clientsWithEmail = (email: string) =>
  withStudioDb(server, studio.id, (db) =>
    db
      .select()
      .from(tenant.clients)
      .where(sql`lower(${tenant.clients.email}) = ${email.toLowerCase()}`),
  );

describe('public booking', () => {
  it('two confirmations with one address at once make exactly one client (20 trials)', async () => {
    for (let trial = 0; trial < 20; trial++) {
      const email = uniqueEmail(`twice-${trial}`);
      const slots = [slotIn(roomId, 30 + trial * 2, 10), slotIn(roomId, 31 + trial * 2, 10)];
      const visitors = slots.map(() => visitor(server));
      const tokens: string[] = [];
      for (const [i, theSlot] of slots.entries()) {
        const requested = await visitors[i]!.mutate('publicBooking.request', { ...theSlot, ...details(i === 0 ? email : email.toUpperCase()) }, studio.slug);
        expect(requested.error, JSON.stringify(requested.error)).toBeUndefined();
        tokens.push(await tokenFor(server, email));
      }
      const results = await Promise.all(visitors.map((v, i) => v.mutate('publicBooking.confirm', { token: tokens[i] }, studio.slug)));
      for (const result of results) expect(result.error, JSON.stringify(result.error)).toBeUndefined();
      const clients = await clientsWithEmail(email);
      expect(clients, `trial ${trial}`).toHaveLength(1);
      const sessions = await withStudioDb(server, studio.id, (db) =>
        db
          .select({ clientId: tenant.sessions.clientId })
          .from(tenant.sessions)
          .where(
            inArray(
              tenant.sessions.startsAt,
              slots.map((s) => new Date(s.startsAt)),
            ),
          ),
      );
      expect(sessions.map((s) => s.clientId)).toEqual([clients[0]!.id, clients[0]!.id]);
    }
  });

  it('a booking with an archived client’s address brings that client back instead of making another', async () => {
    const email = uniqueEmail('archived');
    const archived = await studio.owner.mutate<{ id: string }>('clients.create', { name: 'Gone Client', email }, studio.slug);
    await studio.owner.mutate('clients.archive', { id: archived.data!.id }, studio.slug);
    const theSlot = slotIn(roomId, 80, 10);
    const v = visitor(server);
    await v.mutate('publicBooking.request', { ...theSlot, ...details(email) }, studio.slug);
    expect((await v.mutate('publicBooking.confirm', { token: await tokenFor(server, email) }, studio.slug)).error).toBeUndefined();
    const clients = await clientsWithEmail(email);
    expect(clients.map((c) => c.id)).toEqual([archived.data!.id]);
    expect(clients[0]!.archivedAt).toBeNull();
    expect(clients[0]!.name).toBe('Gone Client');
  });
});

describe('staff', () => {
  let existingId: string;
  const email = uniqueEmail('taken');
  beforeAll(async () => {
    existingId = (await studio.owner.mutate<{ id: string }>('clients.create', { name: 'First Holder', email }, studio.slug)).data!.id;
  });

  const expectTaken = (result: Awaited<ReturnType<Studio['owner']['mutate']>>) => {
    expectRefused(result, 'CONFLICT', 409);
    expect(result.error!.data.params).toEqual({ reason: 'client_email_taken', clientId: existingId, clientName: 'First Holder' });
  };

  it('creating a client with an address already used (any case) is a CONFLICT naming that client', async () => {
    expectTaken(await studio.owner.mutate('clients.create', { name: 'Second Holder', email: email.toUpperCase() }, studio.slug));
    expectTaken(await studio.owner.mutate('booking.createClient', { name: 'Third Holder', email }, studio.slug));
    expect(await clientsWithEmail(email)).toHaveLength(1);
  });

  it('giving another client that address is a CONFLICT too, and changes nothing', async () => {
    const other = await studio.owner.mutate<{ id: string }>('clients.create', { name: 'Other', email: uniqueEmail('other') }, studio.slug);
    expectTaken(await studio.owner.mutate('clients.update', { id: other.data!.id, name: 'Other', email }, studio.slug));
    const [row] = await withStudioDb(server, studio.id, (db) => db.select().from(tenant.clients).where(eq(tenant.clients.id, other.data!.id)));
    expect(row!.email).not.toBe(email);
  });

  it('an archived holder is named as well, and an erased one frees the address', async () => {
    await studio.owner.mutate('clients.archive', { id: existingId }, studio.slug);
    expectTaken(await studio.owner.mutate('clients.create', { name: 'Later', email }, studio.slug));
    await studio.owner.mutate('clients.erase', { id: existingId, confirmName: 'First Holder' }, studio.slug);
    const again = await studio.owner.mutate('clients.create', { name: 'New Holder', email }, studio.slug);
    expect(again.error, JSON.stringify(again.error)).toBeUndefined();
  });

  it('merging two records moves the address to the survivor without tripping the rule', async () => {
    const survivor = await studio.owner.mutate<{ id: string }>('clients.create', { name: 'No Mail' }, studio.slug);
    const address = uniqueEmail('moved');
    const duplicate = await studio.owner.mutate<{ id: string }>('clients.create', { name: 'Has Mail', email: address }, studio.slug);
    const merged = await studio.owner.mutate('clients.merge', { survivorId: survivor.data!.id, duplicateId: duplicate.data!.id }, studio.slug);
    expect(merged.error, JSON.stringify(merged.error)).toBeUndefined();
    expect((await clientsWithEmail(address)).map((c) => c.id)).toEqual([survivor.data!.id]);
  });
});

describe('the migration', () => {
  it('merges a studio’s existing duplicates into one record, moving every reference, before the index', async () => {
    const migration = loadChain('tenant').find((m) => m.tag.endsWith('client_identity_comment_visibility'))!;
    const result = await withStudioDb(server, studio.id, async (db) => {
      await db.execute(sql`DROP INDEX clients_email_unique`);
      const insert = async (values: typeof tenant.clients.$inferInsert) => (await db.insert(tenant.clients).values(values).returning())[0]!.id;
      const day = (n: number) => new Date(Date.UTC(2024, 0, n));
      const survivor = await insert({ name: 'Dup Person', email: 'Dup@Example.test', tags: ['vip'], createdAt: day(1) });
      const second = await insert({
        name: 'Dup P.',
        email: 'dup@example.test',
        phone: '+33 6 00',
        city: 'Paris',
        tags: ['rock', 'vip'],
        portalPasswordHash: 'hash',
        createdAt: day(2),
      });
      const third = await insert({
        name: 'DUP',
        email: 'DUP@example.TEST',
        country: 'FR',
        city: 'Lyon',
        tags: ['jazz'],
        archivedAt: day(3),
        createdAt: day(3),
      });
      const company = await insert({ name: 'Dup Label', kind: 'company', email: 'dup@example.test', createdAt: day(4) });
      const label = await insert({ name: 'A Label', kind: 'company', email: '' });
      const stranger = await insert({ name: 'Stranger', email: 'stranger@example.test' });
      await db.insert(tenant.clientContacts).values([
        { companyId: label, personId: survivor, roles: ['payer'] },
        { companyId: label, personId: second, roles: ['artist'], canSeeCompanyItems: true },
        { companyId: label, personId: third, roles: ['artist', 'manager'] },
      ]);
      await db.insert(tenant.clientNotes).values({ clientId: second, body: 'Prefers mornings' });
      const [session] = await db
        .insert(tenant.sessions)
        .values({
          title: 'Old booking',
          roomId,
          clientId: third,
          currency: 'EUR',
          status: 'completed',
          startsAt: day(5),
          endsAt: new Date(day(5).getTime() + 3_600_000),
        })
        .returning();
      const [project] = await db.insert(tenant.projects).values({ name: 'Dup EP', clientId: second, currency: 'EUR' }).returning();
      const [track] = await db.insert(tenant.tracks).values({ projectId: project!.id, position: 1, title: 'One' }).returning();
      await db.insert(tenant.trackCredits).values({ trackId: track!.id, personName: 'Dup P.', clientId: third, position: 1 });
      await db.insert(tenant.portalActivity).values({ clientId: second, action: 'login' });

      await db.transaction(async (tx) => {
        for (const statement of migration.statements) await tx.execute(sql.raw(statement));
      });

      const rows = await db
        .select()
        .from(tenant.clients)
        .where(inArray(tenant.clients.id, [survivor, second, third, company, stranger]));
      const contacts = await db.select().from(tenant.clientContacts).where(eq(tenant.clientContacts.companyId, label));
      const [movedSession] = await db.select().from(tenant.sessions).where(eq(tenant.sessions.id, session!.id));
      const [movedProject] = await db.select().from(tenant.projects).where(eq(tenant.projects.id, project!.id));
      const credits = await db.select().from(tenant.trackCredits).where(eq(tenant.trackCredits.trackId, track!.id));
      const notes = await db
        .select()
        .from(tenant.clientNotes)
        .where(inArray(tenant.clientNotes.clientId, [survivor, company]));
      const activity = await db.select().from(tenant.portalActivity).where(eq(tenant.portalActivity.clientId, survivor));
      const audit = await db
        .select()
        .from(tenant.auditLog)
        .where(and(eq(tenant.auditLog.action, 'client.merged'), eq(tenant.auditLog.entityId, survivor)));
      const index = await db.execute<{ indexdef: string }>(sql`SELECT indexdef FROM pg_indexes WHERE indexname = 'clients_email_unique'`);
      return {
        ids: { survivor, second, third, company, stranger },
        rows,
        contacts,
        movedSession,
        movedProject,
        credits,
        notes,
        activity,
        audit,
        index: index.rows,
      };
    });
    const { ids } = result;
    expect(result.rows.map((r) => r.id).sort()).toEqual([ids.survivor, ids.company, ids.stranger].sort());
    const merged = result.rows.find((r) => r.id === ids.survivor)!;
    expect(merged).toMatchObject({
      name: 'Dup Person',
      email: 'Dup@Example.test',
      phone: '+33 6 00',
      city: 'Paris',
      country: 'FR',
      portalPasswordHash: 'hash',
      archivedAt: null,
    });
    expect(merged.tags).toEqual(['vip', 'rock', 'jazz']);
    expect(result.rows.find((r) => r.id === ids.company)!.email).toBe('');
    expect(result.rows.find((r) => r.id === ids.stranger)!.email).toBe('stranger@example.test');
    expect(result.contacts).toHaveLength(1);
    expect(result.contacts[0]).toMatchObject({ personId: ids.survivor, canSeeCompanyItems: true });
    expect([...result.contacts[0]!.roles].sort()).toEqual(['artist', 'manager', 'payer']);
    expect(result.movedSession!.clientId).toBe(ids.survivor);
    expect(result.movedProject!.clientId).toBe(ids.survivor);
    expect(result.credits.map((c) => c.clientId)).toEqual([ids.survivor]);
    expect(result.notes).toHaveLength(2);
    expect(result.notes.map((n) => n.body)).toEqual(expect.arrayContaining(['Prefers mornings', expect.stringContaining('dup@example.test')]));
    expect(result.activity).toHaveLength(1);
    expect(result.audit).toHaveLength(2);
    expect(result.index).toHaveLength(1);
  });
});
