/**
 * Staff procedures of the CRM (clients.*). Targets: a person with an e-mail and a tag, a company with that
 * person as contact, a second pair of duplicates to merge, a client to erase, and two notes.
 *
 * Notes are edited only by their author (and deleted by the author or an owner / manager), so the target
 * notes are written by the member the suites log in as: the first member to join after the studio's
 * founder (the role-matrix seat), or the founder when nobody else joined.
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import type { StudioProcedure } from '../studio-procedures.ts';
import type { TestServer } from '../platform.ts';
import { withStudioDb, type Studio } from '../studios.ts';

const CSV = 'name,email,tags\nInjected Import,injected-import@example.test,vip\n';

export const procedures: StudioProcedure[] = [
  { path: 'clients.list', kind: 'query', permission: 'clients:read', input: () => ({ q: 'crm', tag: 'vip', page: 1, pageSize: 10 }) },
  { path: 'clients.pick', kind: 'query', permission: 'clients:read', input: () => ({ q: 'crm' }) },
  { path: 'clients.tags', kind: 'query', permission: 'clients:read', input: () => undefined },
  { path: 'clients.get', kind: 'query', permission: 'clients:read', input: (t) => ({ id: t.extra.crmPersonId }) },
  { path: 'clients.sessions', kind: 'query', permission: 'clients:read', input: (t) => ({ clientId: t.clientId, when: 'upcoming' }) },
  { path: 'clients.projects', kind: 'query', permission: 'clients:read', input: (t) => ({ id: t.clientId }) },
  { path: 'clients.notes.list', kind: 'query', permission: 'clients:read', input: (t) => ({ clientId: t.extra.crmPersonId }) },
  {
    path: 'clients.create',
    kind: 'mutation',
    permission: 'clients:write',
    input: () => ({ name: 'Injected CRM client', kind: 'company', companyType: 'label' }),
  },
  {
    path: 'clients.update',
    kind: 'mutation',
    permission: 'clients:write',
    input: (t) => ({ id: t.extra.crmPersonId, name: 'Renamed CRM person', email: 'renamed@example.test' }),
  },
  { path: 'clients.archive', kind: 'mutation', permission: 'clients:write', input: (t) => ({ id: t.extra.crmPersonId }) },
  { path: 'clients.restore', kind: 'mutation', permission: 'clients:write', input: (t) => ({ id: t.extra.crmArchivedId }) },
  { path: 'clients.addTag', kind: 'mutation', permission: 'clients:write', input: (t) => ({ id: t.extra.crmPersonId, tag: 'injected' }) },
  { path: 'clients.removeTag', kind: 'mutation', permission: 'clients:write', input: (t) => ({ id: t.extra.crmPersonId, tag: 'vip' }) },
  {
    path: 'clients.linkContact',
    kind: 'mutation',
    permission: 'clients:write',
    input: (t) => ({ companyId: t.extra.crmCompanyId, personId: t.extra.crmPersonId, roles: ['payer'], canSeeCompanyItems: true }),
  },
  {
    path: 'clients.unlinkContact',
    kind: 'mutation',
    permission: 'clients:write',
    input: (t) => ({ companyId: t.extra.crmCompanyId, personId: t.extra.crmPersonId }),
  },
  { path: 'clients.notes.add', kind: 'mutation', permission: 'clients:write', input: (t) => ({ clientId: t.extra.crmPersonId, body: 'Injected note' }) },
  { path: 'clients.notes.edit', kind: 'mutation', permission: 'clients:write', input: (t) => ({ id: t.extra.crmNoteId, body: 'Edited note' }) },
  { path: 'clients.notes.remove', kind: 'mutation', permission: 'clients:write', input: (t) => ({ id: t.extra.crmSecondNoteId }) },
  {
    path: 'clients.merge',
    kind: 'mutation',
    permission: 'clients:write',
    input: (t) => ({ survivorId: t.extra.crmSurvivorId, duplicateId: t.extra.crmDuplicateId }),
  },
  { path: 'clients.import', kind: 'mutation', permission: 'clients:write', input: () => ({ csv: CSV, dryRun: false }) },
  { path: 'clients.exportCsv', kind: 'mutation', permission: 'clients:export', input: () => ({}) },
  { path: 'clients.exportVcard', kind: 'mutation', permission: 'clients:export', input: (t) => ({ ids: [t.extra.crmPersonId] }) },
  { path: 'clients.gdprExport', kind: 'mutation', permission: 'clients:erase', input: (t) => ({ id: t.extra.crmPersonId }) },
  { path: 'clients.erase', kind: 'mutation', permission: 'clients:erase', input: (t) => ({ id: t.extra.crmEraseId, confirmName: 'CRM erase target' }) },
];

/** The member the suites act as: the first to join after the founder (see the header). */
async function actingMember(server: TestServer, studio: Studio): Promise<string> {
  const [member] = await server.platform.controlDb
    .select({ userId: control.memberships.userId })
    .from(control.memberships)
    .where(and(eq(control.memberships.studioId, studio.id), ne(control.memberships.userId, studio.ownerId)))
    .orderBy(asc(control.memberships.createdAt))
    .limit(1);
  return member?.userId ?? studio.ownerId;
}

export async function createTargets(server: TestServer, studio: Studio): Promise<Record<string, string>> {
  const author = await actingMember(server, studio);
  return withStudioDb(server, studio.id, async (db) => {
    const unique = Math.random().toString(36).slice(2);
    const insert = async (values: typeof tenant.clients.$inferInsert) =>
      (await db.insert(tenant.clients).values(values).returning({ id: tenant.clients.id }))[0]!.id;
    const crmPersonId = await insert({ name: 'CRM Person', email: `crm-person-${unique}@example.test`, tags: ['vip'] });
    const crmCompanyId = await insert({ name: 'CRM Label', kind: 'company', companyType: 'label' });
    await db.insert(tenant.clientContacts).values({ companyId: crmCompanyId, personId: crmPersonId, roles: ['artist'] });
    const crmArchivedId = await insert({ name: 'CRM Archived', archivedAt: new Date() });
    const crmSurvivorId = await insert({ name: 'CRM Survivor', email: `dup-${unique}@example.test` });
    const crmDuplicateId = await insert({ name: 'CRM Duplicate', email: `dup-other-${unique}@example.test`, phone: '+33 6 00 00 00 00' });
    const crmEraseId = await insert({ name: 'CRM erase target', email: `erase-${unique}@example.test` });
    const [note, second] = await db
      .insert(tenant.clientNotes)
      .values([
        { clientId: crmPersonId, authorUserId: author, body: 'First note' },
        { clientId: crmPersonId, authorUserId: author, body: 'Second note' },
      ])
      .returning({ id: tenant.clientNotes.id });
    return { crmPersonId, crmCompanyId, crmArchivedId, crmSurvivorId, crmDuplicateId, crmEraseId, crmNoteId: note!.id, crmSecondNoteId: second!.id };
  });
}
