/**
 * GDPR through the API: the export holds everything about one client (profile, contacts, notes,
 * sessions, projects, audit entries, registered steps) and a readable summary; erasure deletes notes,
 * contacts, tags and portal credentials, anonymises the client row, strips the client's messages from
 * kept sessions, runs registered steps, and both acts are audited. Only owners and managers may do either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { registerClientDataStep } from '../../apps/server/src/modules/clients/gdpr-registry.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { addMember, createStudio, expectRefused, snapshot, withStudioDb, type Member, type Studio } from '../support/studios.ts';

let server: TestServer;
let studio: Studio;
let assistant: Member;
let clientId: string;
let companyId: string;
let sessionId: string;
const stepCalls: string[] = [];

beforeAll(async () => {
  server = await createTestServer();
  studio = await createStudio(server, { studioName: 'Privacy Sound' });
  assistant = await addMember(server, studio, 'assistant');
  // A module's registered step (as the portal or money modules will add theirs).
  registerClientDataStep({
    name: 'testModule',
    export: async (_db, id) => ({ about: id }),
    erase: async (_db, id) => {
      stepCalls.push(id);
      return { removed: 1 };
    },
  });
  const mutate = async <T>(path: string, input: unknown) => {
    const result = await studio.owner.mutate<T>(path, input, studio.slug);
    expect(result.error, JSON.stringify(result.error)).toBeUndefined();
    return result.data!;
  };
  clientId = (
    await mutate<{ id: string }>('clients.create', {
      name: 'Jane Birkin',
      email: 'jane@example.test',
      phone: '+33 1 23 45 67 89',
      addressLine1: '5 bis rue de Verneuil',
      city: 'Paris',
      tags: ['chanson'],
    })
  ).id;
  companyId = (await mutate<{ id: string }>('clients.create', { name: 'Fontana', kind: 'company', companyType: 'label' })).id;
  await mutate('clients.linkContact', { companyId, personId: clientId, roles: ['artist'] });
  await mutate('clients.notes.add', { clientId, body: 'Allergic to lilies' });
  const roomId = (await mutate<{ id: string }>('rooms.create', { name: 'Room J', hourlyRateCents: 1000, capacity: 2 })).id;
  sessionId = (
    await mutate<{ id: string }>('sessions.create', { roomId, startsAt: '2031-02-03T10:00:00Z', endsAt: '2031-02-03T12:00:00Z', title: 'Je t’aime', clientId })
  ).id;
  await withStudioDb(server, studio.id, async (db) => {
    await db.update(tenant.sessions).set({ requestMessage: 'Please call me at home', decisionMessage: 'Sure Jane' }).where(eq(tenant.sessions.id, sessionId));
    await db.update(tenant.clients).set({ portalPasswordHash: 'argon2-hash' }).where(eq(tenant.clients.id, clientId));
    await db.insert(tenant.projects).values({ name: 'Baby Alone in Babylone', clientId, currency: 'EUR' });
  });
});
afterAll(async () => server?.close());

describe('GDPR export', () => {
  it('gives everything about the client as JSON and a readable summary, and is audited', async () => {
    const result = await studio.owner.mutate<{ json: { filename: string; content: string }; summary: { content: string } }>(
      'clients.gdprExport',
      { id: clientId },
      studio.slug,
    );
    expect(result.error, JSON.stringify(result.error)).toBeUndefined();
    const data = JSON.parse(result.data!.json.content) as Record<string, unknown> & { client: Record<string, unknown> };
    expect(data.client).toMatchObject({ name: 'Jane Birkin', email: 'jane@example.test', hasPortalPassword: true, tags: ['chanson'] });
    expect(data.client).not.toHaveProperty('portalPasswordHash');
    expect(data.contacts).toMatchObject([{ name: 'Fontana', roles: ['artist'] }]);
    expect(data.notes).toMatchObject([{ body: 'Allergic to lilies', author: 'Ada Owner' }]);
    expect(data.sessions).toMatchObject([{ title: 'Je t’aime', roomName: 'Room J', requestMessage: 'Please call me at home' }]);
    expect(data.projects).toMatchObject([{ name: 'Baby Alone in Babylone' }]);
    expect(data.testModule).toEqual({ about: clientId });
    expect((data.auditLog as { action: string }[]).map((a) => a.action)).toEqual(expect.arrayContaining(['client.created', 'client.note_added']));
    const summary = result.data!.summary.content;
    expect(summary).toContain('# Data held about Jane Birkin');
    expect(summary).toContain('- **E-mail:** jane@example.test');
    expect(summary).toContain('| Je t’aime | Room J |');
    expect(summary).toContain('Allergic to lilies');
    const audit = await withStudioDb(server, studio.id, (db) => db.select().from(tenant.auditLog).where(eq(tenant.auditLog.action, 'client.gdpr_exported')));
    expect(audit).toMatchObject([{ entityId: clientId }]);
  });
});

describe('GDPR erasure', () => {
  it('is for owners and managers, and needs the client’s name typed to confirm', async () => {
    const before = await snapshot(server, studio.id);
    expectRefused(await assistant.client.mutate('clients.erase', { id: clientId, confirmName: 'Jane Birkin' }, studio.slug), 'FORBIDDEN', 403);
    expectRefused(await assistant.client.mutate('clients.gdprExport', { id: clientId }, studio.slug), 'FORBIDDEN', 403);
    const wrong = await studio.owner.mutate('clients.erase', { id: clientId, confirmName: 'Jane' }, studio.slug);
    expectRefused(wrong, 'BAD_REQUEST', 400);
    expect(wrong.error!.data.params).toEqual({ reason: 'confirm_name_mismatch' });
    expect(await snapshot(server, studio.id)).toEqual(before);
  });

  it('deletes what may go, anonymises the client, keeps sessions without the client’s words, audits it', async () => {
    const erased = await studio.owner.mutate('clients.erase', { id: clientId, confirmName: ' jane birkin ' }, studio.slug);
    expect(erased.error, JSON.stringify(erased.error)).toBeUndefined();
    await withStudioDb(server, studio.id, async (db) => {
      const [row] = await db.select().from(tenant.clients).where(eq(tenant.clients.id, clientId));
      expect(row).toMatchObject({ name: 'Erased client', email: '', phone: '', addressLine1: '', city: '', tags: [], portalPasswordHash: null });
      expect(row!.erasedAt).not.toBeNull();
      expect(await db.select().from(tenant.clientNotes).where(eq(tenant.clientNotes.clientId, clientId))).toEqual([]);
      expect(await db.select().from(tenant.clientContacts).where(eq(tenant.clientContacts.personId, clientId))).toEqual([]);
      const [session] = await db.select().from(tenant.sessions).where(eq(tenant.sessions.id, sessionId));
      expect(session).toMatchObject({ clientId, title: 'Je t’aime', requestMessage: '', decisionMessage: '' });
      const audit = await db.select().from(tenant.auditLog).where(eq(tenant.auditLog.action, 'client.erased'));
      expect(audit).toMatchObject([{ entityId: clientId, details: { counts: { notes: { deleted: 1 }, sessions: { kept: 1 }, testModule: { removed: 1 } } } }]);
      // No personal data left in the audit trail about this client.
      const trail = JSON.stringify(await db.select().from(tenant.auditLog).where(eq(tenant.auditLog.entityId, clientId)));
      expect(trail).not.toMatch(/Jane|Birkin|jane@example|lilies/i);
    });
    expect(stepCalls).toEqual([clientId]);
  });

  it('erased clients disappear from lists and pickers and cannot be edited, exported or erased again', async () => {
    const list = await studio.owner.query<{ total: number }>('clients.list', { q: 'jane', status: 'all' }, studio.slug);
    expect(list.data!.total).toBe(0);
    const all = await studio.owner.query<{ items: { id: string }[] }>('clients.list', { status: 'all' }, studio.slug);
    expect(all.data!.items.map((i) => i.id)).not.toContain(clientId);
    const booking = await studio.owner.query<{ clients: { id: string }[] }>('booking.all', undefined, studio.slug);
    expect(booking.data!.clients.map((c) => c.id)).not.toContain(clientId);
    expectRefused(await studio.owner.query('clients.get', { id: clientId }, studio.slug), 'NOT_FOUND', 404);
    expectRefused(await studio.owner.mutate('clients.update', { id: clientId, name: 'Back' }, studio.slug), 'NOT_FOUND', 404);
    expectRefused(await studio.owner.mutate('clients.restore', { id: clientId }, studio.slug), 'NOT_FOUND', 404);
    expectRefused(await studio.owner.mutate('clients.gdprExport', { id: clientId }, studio.slug), 'NOT_FOUND', 404);
    expectRefused(await studio.owner.mutate('clients.erase', { id: clientId, confirmName: 'Erased client' }, studio.slug), 'NOT_FOUND', 404);
    // Nothing new is booked for an erased client.
    const rooms = await studio.owner.query<{ id: string }[]>('rooms.list', {}, studio.slug);
    const afterErasure = { roomId: rooms.data![0]!.id, startsAt: '2031-03-03T10:00:00Z', endsAt: '2031-03-03T12:00:00Z', title: 'After erasure', clientId };
    expectRefused(await studio.owner.mutate('sessions.create', afterErasure, studio.slug), 'NOT_FOUND', 404);
    const company = await studio.owner.query<{ contacts: unknown[] }>('clients.get', { id: companyId }, studio.slug);
    expect(company.data!.contacts).toEqual([]);
  });
});
