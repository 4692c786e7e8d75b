/**
 * Studio procedures of projects, tracks and credits. Targets: an active project (with a track, a
 * credit on it and a linked session), an archived project to restore.
 */
import { tenant } from '@rsm/db';
import type { StudioProcedure, Targets } from '../studio-procedures.ts';
import type { TestServer } from '../platform.ts';
import { withStudioDb, type Studio } from '../studios.ts';

export const procedures: StudioProcedure[] = [
  { path: 'projects.list', kind: 'query', permission: 'projects:read', input: () => ({ search: 'target', archived: 'all' }) },
  { path: 'projects.board', kind: 'query', permission: 'projects:read', input: () => undefined },
  { path: 'projects.get', kind: 'query', permission: 'projects:read', input: (t) => ({ id: t.extra.projProjectId }) },
  { path: 'projects.linkableSessions', kind: 'query', permission: 'projects:read', input: (t) => ({ projectId: t.extra.projProjectId }) },
  {
    path: 'projects.create',
    kind: 'mutation',
    permission: 'projects:write',
    input: (t) => ({
      name: 'Injected project',
      clientId: t.clientId,
      type: 'album',
      budgetCents: 100_000,
      members: [{ userId: t.memberUserId, role: 'Engineer' }],
    }),
  },
  {
    path: 'projects.update',
    kind: 'mutation',
    permission: 'projects:write',
    input: (t) => ({ id: t.extra.projProjectId, name: 'Renamed project', clientId: null, type: 'ep', dueDate: '2030-06-30', budgetCents: 5000, notes: 'x' }),
  },
  { path: 'projects.setNotes', kind: 'mutation', permission: 'projects:write', input: (t) => ({ id: t.extra.projProjectId, notes: 'Injected notes' }) },
  { path: 'projects.move', kind: 'mutation', permission: 'projects:write', input: (t) => ({ id: t.extra.projProjectId, stage: 'recording' }) },
  { path: 'projects.archive', kind: 'mutation', permission: 'projects:write', input: (t) => ({ id: t.extra.projProjectId }) },
  { path: 'projects.restore', kind: 'mutation', permission: 'projects:write', input: (t) => ({ id: t.extra.projArchivedProjectId }) },
  {
    path: 'projects.setMembers',
    kind: 'mutation',
    permission: 'projects:write',
    input: (t) => ({ projectId: t.extra.projProjectId, members: [{ userId: t.memberUserId, role: 'Producer' }] }),
  },
  {
    path: 'projects.linkSession',
    kind: 'mutation',
    permission: 'projects:write',
    input: (t) => ({ projectId: t.extra.projProjectId, sessionId: t.sessionId }),
  },
  {
    path: 'projects.unlinkSession',
    kind: 'mutation',
    permission: 'projects:write',
    input: (t) => ({ projectId: t.extra.projProjectId, sessionId: t.seriesSessionId }),
  },
  { path: 'tracks.list', kind: 'query', permission: 'projects:read', input: (t) => ({ projectId: t.extra.projProjectId }) },
  { path: 'tracks.get', kind: 'query', permission: 'projects:read', input: (t) => ({ id: t.extra.projTrackId }) },
  { path: 'tracks.create', kind: 'mutation', permission: 'projects:write', input: (t) => ({ projectId: t.extra.projProjectId, title: 'Injected track' }) },
  {
    path: 'tracks.update',
    kind: 'mutation',
    permission: 'projects:write',
    input: (t) => ({ id: t.extra.projTrackId, title: 'Renamed track', isrc: 'fr-z03-24-00001', bpm: 98.5, musicalKey: 'F# minor' }),
  },
  { path: 'tracks.reorder', kind: 'mutation', permission: 'projects:write', input: (t) => ({ parentId: t.extra.projProjectId, ids: [t.extra.projTrackId] }) },
  { path: 'tracks.delete', kind: 'mutation', permission: 'projects:write', input: (t) => ({ id: t.extra.projTrackId }) },
  { path: 'credits.list', kind: 'query', permission: 'projects:read', input: (t) => ({ trackId: t.extra.projTrackId }) },
  { path: 'credits.exportCsv', kind: 'query', permission: 'projects:read', input: (t) => ({ projectId: t.extra.projProjectId }) },
  {
    path: 'credits.create',
    kind: 'mutation',
    permission: 'projects:write',
    input: (t) => ({ trackId: t.extra.projTrackId, personName: 'Injected Person', roles: ['musician'], instruments: ['Bass'], splitPercent: 10 }),
  },
  {
    path: 'credits.update',
    kind: 'mutation',
    permission: 'projects:write',
    input: (t) => ({ id: t.extra.projCreditId, personName: 'Renamed Person', clientId: null, roles: ['producer'], instruments: [], splitPercent: 20 }),
  },
  { path: 'credits.delete', kind: 'mutation', permission: 'projects:write', input: (t) => ({ id: t.extra.projCreditId }) },
  { path: 'credits.reorder', kind: 'mutation', permission: 'projects:write', input: (t) => ({ parentId: t.extra.projTrackId, ids: [t.extra.projCreditId] }) },
];

export async function createTargets(server: TestServer, studio: Studio, base: Targets): Promise<Record<string, string>> {
  return withStudioDb(server, studio.id, async (db) => {
    const [project, archived] = await db
      .insert(tenant.projects)
      .values([
        { name: 'Target project', clientId: base.clientId, currency: 'EUR', stagePosition: -1 },
        { name: 'Archived target project', currency: 'EUR', archivedAt: new Date('2030-01-01T00:00:00Z') },
      ])
      .returning({ id: tenant.projects.id });
    const [track] = await db.insert(tenant.tracks).values({ projectId: project!.id, position: 1, title: 'Target track' }).returning({ id: tenant.tracks.id });
    const [credit] = await db
      .insert(tenant.trackCredits)
      .values({ trackId: track!.id, personName: 'Target Person', roles: ['producer'], splitPercent: '50.00', position: 1 })
      .returning({ id: tenant.trackCredits.id });
    await db.insert(tenant.projectSessions).values({ projectId: project!.id, sessionId: base.seriesSessionId });
    return { projProjectId: project!.id, projArchivedProjectId: archived!.id, projTrackId: track!.id, projCreditId: credit!.id };
  });
}
