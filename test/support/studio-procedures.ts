/**
 * Every studio procedure of the API, with the permission docs/api-contract.md
 * gives it and an input aimed at a given studio's rows. Isolation and
 * authorization suites iterate this list; `studioProcedurePaths()` reads the
 * real router so a procedure added without an entry here fails those suites.
 */
import type { Permission } from '@rsm/shared/roles';
import { appRouter } from '../../apps/server/src/trpc/app-router.ts';
import type { ApiClient, ApiResult } from './api.ts';
import { uniqueEmail } from './api.ts';
import type { TestServer } from './platform.ts';
import type { Studio } from './studios.ts';

/** The ids a procedure's input may point at. */
export interface Targets {
  slug: string;
  roomId: string;
  archivedRoomId: string;
  /** A member (engineer) that role changes and removals act on. */
  memberUserId: string;
  invitationId: string;
  engineerId: string;
  gearId: string;
  clientId: string;
  /** A confirmed session in roomId, 2030-01-07 09:00–11:00 UTC. */
  sessionId: string;
  closureId: string;
  timeOffId: string;
  /** The first of two weekly occurrences of a series. */
  seriesSessionId: string;
  /** A calendar feed of the studio (created by its owner). */
  feedId: string;
  /** Ids made by the domain modules in ./procedures/<domain>.ts (projectId, versionId…). */
  extra: Record<string, string>;
}

/**
 * A domain's procedures live in `./procedures/<domain>.ts`, which exports `procedures` and, when
 * its inputs need rows of their own, `createTargets(server, studio, base)` returning the `extra` ids.
 */
export interface DomainProcedures {
  procedures: StudioProcedure[];
  createTargets?: (server: TestServer, studio: Studio, base: Targets) => Promise<Record<string, string>>;
}

export const DOMAIN_PROCEDURES = Object.values(import.meta.glob<DomainProcedures>('./procedures/*.ts', { eager: true }));

export interface StudioProcedure {
  path: string;
  kind: 'query' | 'mutation';
  permission: Permission;
  input: (t: Targets) => unknown;
}

const CORE_PROCEDURES: StudioProcedure[] = [
  { path: 'studio.get', kind: 'query', permission: 'studio:read', input: () => undefined },
  {
    path: 'studio.update',
    kind: 'mutation',
    permission: 'studio:write',
    input: (t) => ({
      name: 'Renamed Studio',
      slug: t.slug,
      timeZone: 'America/New_York',
      currency: 'USD',
      locale: 'fr',
      city: 'Montréal',
      vatNumber: 'FR00123',
    }),
  },
  { path: 'studio.completeOnboarding', kind: 'mutation', permission: 'studio:write', input: () => undefined },
  { path: 'rooms.list', kind: 'query', permission: 'rooms:read', input: () => ({ includeArchived: true }) },
  { path: 'rooms.create', kind: 'mutation', permission: 'rooms:write', input: () => ({ name: 'Injected room', hourlyRateCents: 100, capacity: 1 }) },
  {
    path: 'rooms.update',
    kind: 'mutation',
    permission: 'rooms:write',
    input: (t) => ({ id: t.roomId, name: 'Renamed room', hourlyRateCents: 1, capacity: 1 }),
  },
  { path: 'rooms.archive', kind: 'mutation', permission: 'rooms:write', input: (t) => ({ id: t.roomId }) },
  { path: 'rooms.restore', kind: 'mutation', permission: 'rooms:write', input: (t) => ({ id: t.archivedRoomId }) },
  { path: 'members.list', kind: 'query', permission: 'members:read', input: () => undefined },
  { path: 'members.invite', kind: 'mutation', permission: 'members:write', input: () => ({ email: uniqueEmail('intruder'), role: 'engineer' }) },
  { path: 'members.revokeInvitation', kind: 'mutation', permission: 'members:write', input: (t) => ({ id: t.invitationId }) },
  { path: 'members.changeRole', kind: 'mutation', permission: 'members:write', input: (t) => ({ userId: t.memberUserId, role: 'assistant' }) },
  // Removing someone else needs members:write (leaving oneself is covered separately).
  { path: 'members.remove', kind: 'mutation', permission: 'members:write', input: (t) => ({ userId: t.memberUserId }) },
  { path: 'dashboard.summary', kind: 'query', permission: 'studio:read', input: () => undefined },
  { path: 'sessions.list', kind: 'query', permission: 'sessions:read', input: () => ({ from: '2030-01-01T00:00:00Z', to: '2030-01-31T00:00:00Z' }) },
  { path: 'sessions.get', kind: 'query', permission: 'sessions:read', input: (t) => ({ id: t.sessionId }) },
  {
    path: 'sessions.quote',
    kind: 'query',
    permission: 'sessions:read',
    input: (t) => ({ roomId: t.roomId, startsAt: '2030-01-08T09:00:00Z', endsAt: '2030-01-08T11:00:00Z', engineerIds: [t.engineerId], gearIds: [t.gearId] }),
  },
  {
    path: 'sessions.create',
    kind: 'mutation',
    permission: 'sessions:write',
    input: (t) => ({
      roomId: t.roomId,
      startsAt: '2030-01-09T09:00:00Z',
      endsAt: '2030-01-09T11:00:00Z',
      title: 'Injected session',
      engineerIds: [t.engineerId],
      gearIds: [t.gearId],
      clientId: t.clientId,
    }),
  },
  {
    path: 'sessions.move',
    kind: 'mutation',
    permission: 'sessions:write',
    input: (t) => ({ id: t.sessionId, startsAt: '2030-01-07T13:00:00Z', endsAt: '2030-01-07T15:00:00Z' }),
  },
  { path: 'calendarFeeds.list', kind: 'query', permission: 'sessions:read', input: () => undefined },
  { path: 'calendarFeeds.create', kind: 'mutation', permission: 'sessions:read', input: (t) => ({ scope: 'room', resourceId: t.roomId }) },
  // The target feed is the owner's: revoking someone else's feed takes resources:write (one's own only sessions:read).
  { path: 'calendarFeeds.revoke', kind: 'mutation', permission: 'resources:write', input: (t) => ({ id: t.feedId }) },
  {
    path: 'sessions.availability',
    kind: 'query',
    permission: 'sessions:read',
    input: (t) => ({ roomId: t.roomId, from: '2030-01-06T00:00:00Z', to: '2030-01-13T00:00:00Z', durationMinutes: 120 }),
  },
  {
    path: 'sessions.checkSeries',
    kind: 'query',
    permission: 'sessions:read',
    input: (t) => ({
      first: { roomId: t.roomId, startsAt: '2030-02-04T09:00:00Z', endsAt: '2030-02-04T11:00:00Z', title: 'Weekly' },
      rule: { everyWeeks: 1, count: 3 },
    }),
  },
  {
    path: 'sessions.createSeries',
    kind: 'mutation',
    permission: 'sessions:write',
    input: (t) => ({
      first: { roomId: t.roomId, startsAt: '2030-03-04T09:00:00Z', endsAt: '2030-03-04T11:00:00Z', title: 'Injected series' },
      rule: { everyWeeks: 1, count: 2 },
    }),
  },
  { path: 'sessions.cancelSeriesFrom', kind: 'mutation', permission: 'sessions:write', input: (t) => ({ id: t.seriesSessionId }) },
  { path: 'sessions.usage', kind: 'query', permission: 'sessions:read', input: () => undefined },
  { path: 'sessions.changeStatus', kind: 'mutation', permission: 'sessions:write', input: (t) => ({ id: t.sessionId, status: 'cancelled' }) },
  { path: 'booking.all', kind: 'query', permission: 'resources:read', input: () => undefined },
  {
    path: 'booking.updateRoomRules',
    kind: 'mutation',
    permission: 'resources:write',
    input: (t) => ({
      id: t.roomId,
      halfDayRateCents: null,
      dayRateCents: 1000,
      hourlyRateWithEngineerCents: null,
      setupBufferMinutes: 15,
      teardownBufferMinutes: 15,
      minDurationMinutes: 60,
      incrementMinutes: 30,
      overtimeBlockMinutes: 30,
      linkedRoomIds: [],
    }),
  },
  { path: 'booking.createEngineer', kind: 'mutation', permission: 'resources:write', input: () => ({ name: 'Injected engineer' }) },
  { path: 'booking.updateEngineer', kind: 'mutation', permission: 'resources:write', input: (t) => ({ id: t.engineerId, name: 'Renamed engineer' }) },
  { path: 'booking.createGear', kind: 'mutation', permission: 'resources:write', input: () => ({ name: 'Injected gear' }) },
  { path: 'booking.updateGear', kind: 'mutation', permission: 'resources:write', input: (t) => ({ id: t.gearId, name: 'Renamed gear' }) },
  { path: 'booking.hours', kind: 'query', permission: 'resources:read', input: () => undefined },
  {
    path: 'booking.setOpeningHours',
    kind: 'mutation',
    permission: 'resources:write',
    input: () => ({ roomId: null, hours: [{ weekday: 1, opensAt: '09:00', closesAt: '18:00' }] }),
  },
  {
    path: 'booking.addClosure',
    kind: 'mutation',
    permission: 'resources:write',
    input: (t) => ({ roomId: t.roomId, startsAt: '2030-07-01T00:00:00Z', endsAt: '2030-07-02T00:00:00Z', reason: 'Works' }),
  },
  { path: 'booking.removeClosure', kind: 'mutation', permission: 'resources:write', input: (t) => ({ id: t.closureId }) },
  {
    path: 'booking.setEngineerHours',
    kind: 'mutation',
    permission: 'resources:write',
    input: (t) => ({ engineerId: t.engineerId, hours: [{ weekday: 2, startsAt: '10:00', endsAt: '19:00' }] }),
  },
  {
    path: 'booking.addTimeOff',
    kind: 'mutation',
    permission: 'resources:write',
    input: (t) => ({ engineerId: t.engineerId, startsAt: '2030-09-01T00:00:00Z', endsAt: '2030-09-03T00:00:00Z' }),
  },
  { path: 'booking.removeTimeOff', kind: 'mutation', permission: 'resources:write', input: (t) => ({ id: t.timeOffId }) },
  { path: 'booking.archiveEngineer', kind: 'mutation', permission: 'resources:write', input: (t) => ({ id: t.engineerId }) },
  { path: 'booking.archiveGear', kind: 'mutation', permission: 'resources:write', input: (t) => ({ id: t.gearId }) },
  {
    path: 'sessions.update',
    kind: 'mutation',
    permission: 'sessions:write',
    input: (t) => ({ id: t.sessionId, title: 'Renamed session', notes: 'x', clientId: t.clientId, engineerIds: [t.engineerId], gearIds: [] }),
  },
  { path: 'booking.createClient', kind: 'mutation', permission: 'clients:write', input: () => ({ name: 'Injected client' }) },
];

export const STUDIO_PROCEDURES: StudioProcedure[] = [...CORE_PROCEDURES, ...DOMAIN_PROCEDURES.flatMap((domain) => domain.procedures)];

/** Procedures that do not act on a studio in the URL. */
const GLOBAL_PREFIXES = [
  'auth.',
  'account.',
  'invitations.',
  'operator.',
  'share.',
  'portalShares.',
  'portal.',
  'portalMoney.',
  'publicBooking.',
  'publicStudio.',
  'publicQuote.',
];

export function studioProcedurePaths(): string[] {
  return Object.keys(appRouter._def.procedures)
    .filter((path) => !GLOBAL_PREFIXES.some((prefix) => path.startsWith(prefix)))
    .sort();
}

export function kindInRouter(path: string): string {
  const procedures: Record<string, unknown> = appRouter._def.procedures;
  return (procedures[path] as { _def: { type: string } })._def.type;
}

/** Call a procedure the way the web app would; `studio` = slug for the path form, omitted for the host form. */
export function callProcedure(client: ApiClient, procedure: StudioProcedure, targets: Targets, studio?: string): Promise<ApiResult> {
  const input = procedure.input(targets);
  return procedure.kind === 'query' ? client.query(procedure.path, input, studio) : client.mutate(procedure.path, input, studio);
}
