/**
 * Fixtures for suites that need several studios and members: sign-ups from
 * distinct client IPs (so a suite never trips the per-IP sign-up limit),
 * members joined through the real invitation flow, and read-backs of a
 * studio's data (control rows and its own database) to prove refusals
 * changed nothing.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { expect } from 'vitest';
import { control, tenant } from '@rsm/db';
import type { Role } from '@rsm/shared/roles';
import type { Plan } from '@rsm/shared/plans';
import type { TenantDb } from '../../apps/server/src/platform/tenancy/directory.ts';
import type { TestServer } from './platform.ts';
import { settleAfterResponse } from '../../apps/server/src/platform/after-response.ts';
import { ApiClient, signUpStudio, uniqueEmail, type ApiResult } from './api.ts';
import { DOMAIN_PROCEDURES, type Targets } from './studio-procedures.ts';

let ipCounter = 0;
/** A client address no other fixture in this process has used (rate limits count per IP). */
export function freshIp(): string {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export interface Studio {
  slug: string;
  id: string;
  owner: ApiClient;
  ownerEmail: string;
  ownerPassword: string;
  ownerId: string;
}

export async function studioBySlug(server: TestServer, slug: string) {
  const [row] = await server.platform.controlDb.select().from(control.studios).where(eq(control.studios.slug, slug));
  if (!row) throw new Error(`no studio ${slug}`);
  return row;
}

export async function userIdByEmail(server: TestServer, email: string): Promise<string> {
  const [row] = await server.platform.controlDb.select({ id: control.users.id }).from(control.users).where(eq(control.users.email, email.toLowerCase()));
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

export async function createStudio(server: TestServer, options: { host?: string; studioName?: string } = {}): Promise<Studio> {
  const owner = new ApiClient(server.app, { ip: freshIp(), ...(options.host ? { host: options.host } : {}) });
  const created = await signUpStudio(owner, options.studioName ? { studioName: options.studioName } : {});
  const studio = await studioBySlug(server, created.slug);
  return {
    slug: created.slug,
    id: studio.id,
    owner,
    ownerEmail: created.email,
    ownerPassword: created.password,
    ownerId: await userIdByEmail(server, created.email),
  };
}

/** The token of the newest mail to `to` whose text holds `<path>?token=…`. */
export async function tokenFromOutbox(server: TestServer, to: string, path: '/invite' | '/reset-password'): Promise<string> {
  await settleAfterResponse(); // reset links are mailed after the answer
  const rows = await server.platform.controlDb
    .select()
    .from(control.mailOutbox)
    .where(eq(control.mailOutbox.toAddress, to))
    .orderBy(desc(control.mailOutbox.createdAt));
  for (const row of rows) {
    const match = new RegExp(`${path.replace('/', '\\/')}\\?token=([A-Za-z0-9_-]+)`).exec(row.textBody);
    if (match) return match[1]!;
  }
  throw new Error(`no mail with ${path} to ${to}`);
}

export interface Member {
  client: ApiClient;
  email: string;
  password: string;
  userId: string;
}

/** Invite `role` as the owner, then accept from the mailed link as a new account (which logs the member in). */
export async function addMember(server: TestServer, studio: Studio, role: Role, options: { host?: string } = {}): Promise<Member> {
  const email = uniqueEmail(role);
  const invited = await studio.owner.mutate('members.invite', { email, role }, options.host ? undefined : studio.slug);
  expect(invited.error, JSON.stringify(invited.error)).toBeUndefined();
  const token = await tokenFromOutbox(server, email, '/invite');
  const client = new ApiClient(server.app, { ip: freshIp(), ...(options.host ? { host: options.host } : {}) });
  const password = 'member password 123';
  const accepted = await client.mutate<{ studioSlug: string }>('invitations.accept', { token, name: `A ${role}`, password });
  expect(accepted.data?.studioSlug, JSON.stringify(accepted.error)).toBe(studio.slug);
  expect(client.cookie).not.toBeNull();
  return { client, email, password, userId: await userIdByEmail(server, email) };
}

/** Put a studio on a plan (e.g. Enterprise, so a suite adding many members stays clear of the seat limit). */
/** A studio as the plan meters see it (consumeAiCredits…): on Starter, out of its trial, paid up. */
export function asStarterStudio(studio: Pick<Studio, 'id' | 'slug'>, name: string) {
  return {
    id: studio.id,
    slug: studio.slug,
    name,
    plan: 'starter' as const,
    timeZone: 'Europe/Paris',
    locale: 'en' as const,
    billingStatus: 'active' as const,
    trialEndsAt: null,
    graceEndsAt: null,
    suspendedAt: null,
  };
}

export async function setPlan(server: TestServer, studioId: string, plan: Plan): Promise<void> {
  // A plan set outright (as the operator would), not a trial: the plan's own limits apply.
  await server.platform.controlDb.update(control.studios).set({ plan, billingStatus: 'active' }).where(eq(control.studios.id, studioId));
}

/** A member inserted directly: a target for role changes and removals, not someone who logs in. */
export async function insertMember(server: TestServer, studioId: string, role: Role): Promise<string> {
  const [user] = await server.platform.controlDb
    .insert(control.users)
    .values({ email: uniqueEmail(`target-${role}`), name: `Target ${role}`, passwordHash: null })
    .returning({ id: control.users.id });
  await server.platform.controlDb.insert(control.memberships).values({ studioId, userId: user!.id, role });
  return user!.id;
}

export async function withStudioDb<T>(server: TestServer, studioId: string, work: (db: TenantDb) => Promise<T>): Promise<T> {
  const location = await server.platform.directory.locate(studioId);
  if (!location) throw new Error(`studio ${studioId} has no database`);
  return server.platform.directory.withTenant(location, work);
}

/** When the studio's pending outbox work of `kind` for this session is due (migration 0016 records it). */
export async function pendingWork(server: TestServer, studioId: string, kind: string, sessionId: string): Promise<Date[]> {
  const rows = await withStudioDb(server, studioId, (db) =>
    db
      .select({ dueAt: tenant.outbox.dueAt, payload: tenant.outbox.payload })
      .from(tenant.outbox)
      .where(and(eq(tenant.outbox.kind, kind), isNull(tenant.outbox.doneAt))),
  );
  return rows.filter((r) => (r.payload as { sessionId?: string }).sessionId === sessionId).map((r) => r.dueAt);
}

export async function insertRoom(server: TestServer, studioId: string, fields: { name: string; archived?: boolean }): Promise<string> {
  return withStudioDb(server, studioId, async (db) => {
    const [row] = await db
      .insert(tenant.rooms)
      .values({ name: fields.name, hourlyRateCents: 4500, capacity: 3, archivedAt: fields.archived ? new Date() : null })
      .returning({ id: tenant.rooms.id });
    return row!.id;
  });
}

export async function pendingInvitation(server: TestServer, studio: Studio, role: Role = 'engineer'): Promise<string> {
  const result = await studio.owner.mutate<{ invitationId: string }>('members.invite', { email: uniqueEmail('pending'), role }, studio.slug);
  if (!result.data) throw new Error(`invite failed: ${JSON.stringify(result.error)}`);
  return result.data.invitationId;
}

/**
 * Everything a studio procedure could change, read back from both databases:
 * the control rows (studio, memberships, invitations) and the studio's own
 * rows (settings, rooms, audit log).
 */
export async function snapshot(server: TestServer, studioId: string) {
  const db = server.platform.controlDb;
  const [studio] = await db.select().from(control.studios).where(eq(control.studios.id, studioId));
  const memberships = await db
    .select({ userId: control.memberships.userId, role: control.memberships.role })
    .from(control.memberships)
    .where(eq(control.memberships.studioId, studioId))
    .orderBy(asc(control.memberships.userId));
  const invitations = await db
    .select({
      id: control.invitations.id,
      email: control.invitations.email,
      role: control.invitations.role,
      acceptedAt: control.invitations.acceptedAt,
      revokedAt: control.invitations.revokedAt,
    })
    .from(control.invitations)
    .where(eq(control.invitations.studioId, studioId))
    .orderBy(asc(control.invitations.id));
  const own = await withStudioDb(server, studioId, async (t) => ({
    settings: await t.select().from(tenant.studioSettings),
    rooms: await t.select().from(tenant.rooms).orderBy(asc(tenant.rooms.id)),
    roomLinks: await t.select().from(tenant.roomLinks).orderBy(asc(tenant.roomLinks.roomId), asc(tenant.roomLinks.linkedRoomId)),
    engineers: await t.select().from(tenant.engineers).orderBy(asc(tenant.engineers.id)),
    gear: await t.select().from(tenant.gearItems).orderBy(asc(tenant.gearItems.id)),
    clients: await t.select().from(tenant.clients).orderBy(asc(tenant.clients.id)),
    sessions: await t.select().from(tenant.sessions).orderBy(asc(tenant.sessions.id)),
    sessionResources: await t.select().from(tenant.sessionResources).orderBy(asc(tenant.sessionResources.id)),
    sessionHistory: await t.select().from(tenant.sessionStatusHistory).orderBy(asc(tenant.sessionStatusHistory.id)),
    openingHours: await t.select().from(tenant.openingHours).orderBy(asc(tenant.openingHours.id)),
    closures: await t.select().from(tenant.closures).orderBy(asc(tenant.closures.id)),
    engineerHours: await t.select().from(tenant.engineerHours).orderBy(asc(tenant.engineerHours.id)),
    timeOff: await t.select().from(tenant.engineerTimeOff).orderBy(asc(tenant.engineerTimeOff.id)),
    audit: await t.select().from(tenant.auditLog).orderBy(asc(tenant.auditLog.id)),
    billing: await t.select().from(tenant.billingSettings),
    vatRates: await t.select().from(tenant.vatRates).orderBy(asc(tenant.vatRates.id)),
    catalogue: await t.select().from(tenant.catalogueItems).orderBy(asc(tenant.catalogueItems.id)),
    counters: await t.select().from(tenant.documentCounters).orderBy(asc(tenant.documentCounters.series), asc(tenant.documentCounters.year)),
    moneyDocuments: await t.select().from(tenant.moneyDocuments).orderBy(asc(tenant.moneyDocuments.id)),
    moneyLines: await t.select().from(tenant.moneyDocumentLines).orderBy(asc(tenant.moneyDocumentLines.id)),
    moneyDeductions: await t.select().from(tenant.moneyDocumentDeductions).orderBy(asc(tenant.moneyDocumentDeductions.depositInvoiceId)),
    payments: await t.select().from(tenant.payments).orderBy(asc(tenant.payments.id)),
    feeds: await server.platform.controlDb
      .select()
      .from(control.calendarFeeds)
      .where(eq(control.calendarFeeds.studioId, studioId))
      .orderBy(asc(control.calendarFeeds.id)),
    stripeAccount: await server.platform.controlDb.select().from(control.stripeConnectedAccounts).where(eq(control.stripeConnectedAccounts.studioId, studioId)),
  }));
  return JSON.parse(JSON.stringify({ studio, memberships, invitations, ...own })) as Record<string, unknown>;
}

export async function membershipRole(server: TestServer, studioId: string, userId: string): Promise<Role | null> {
  const [row] = await server.platform.controlDb
    .select({ role: control.memberships.role })
    .from(control.memberships)
    .where(and(eq(control.memberships.studioId, studioId), eq(control.memberships.userId, userId)));
  return row?.role ?? null;
}

export function expectRefused(result: ApiResult, appCode: string, status: number): void {
  expect(result.data, `expected ${appCode}, got data ${JSON.stringify(result.data)}`).toBeUndefined();
  expect(result.error?.data.appCode, JSON.stringify(result.error)).toBe(appCode);
  expect(result.status).toBe(status);
}

/** Bookable things and a confirmed session in a studio's own database, for booking procedures to aim at. */
async function insertBookingTargets(server: TestServer, studioId: string, roomId: string) {
  return withStudioDb(server, studioId, async (db) => {
    const [engineer] = await db.insert(tenant.engineers).values({ name: 'Target engineer', hourlyRateCents: 3000 }).returning({ id: tenant.engineers.id });
    const [gear] = await db.insert(tenant.gearItems).values({ name: 'Target mic', dailyRateCents: 2000 }).returning({ id: tenant.gearItems.id });
    const [client] = await db.insert(tenant.clients).values({ name: 'Target client' }).returning({ id: tenant.clients.id });
    const [session] = await db
      .insert(tenant.sessions)
      .values({
        title: 'Target session',
        roomId,
        startsAt: new Date('2030-01-07T09:00:00Z'),
        endsAt: new Date('2030-01-07T11:00:00Z'),
        status: 'confirmed',
        currency: 'EUR',
        clientId: client!.id,
      })
      .returning({ id: tenant.sessions.id });
    await db
      .insert(tenant.sessionResources)
      .values({ sessionId: session!.id, kind: 'room', resourceId: roomId, blocked: '[2030-01-07T09:00:00Z,2030-01-07T11:00:00Z)', blocking: true });
    // two weekly occurrences of a series
    const seriesId = randomUUID();
    const series = await db
      .insert(tenant.sessions)
      .values(
        [14, 21].map((day) => ({
          title: 'Target series',
          roomId,
          seriesId,
          startsAt: new Date(`2030-01-${day}T09:00:00Z`),
          endsAt: new Date(`2030-01-${day}T11:00:00Z`),
          status: 'confirmed' as const,
          currency: 'EUR',
        })),
      )
      .returning({ id: tenant.sessions.id, startsAt: tenant.sessions.startsAt, endsAt: tenant.sessions.endsAt });
    await db.insert(tenant.sessionResources).values(
      series.map((s) => ({
        sessionId: s.id,
        kind: 'room' as const,
        resourceId: roomId,
        blocked: `[${s.startsAt.toISOString()},${s.endsAt.toISOString()})`,
        blocking: true,
      })),
    );
    const [closure] = await db
      .insert(tenant.closures)
      .values({ startsAt: new Date('2030-12-24T00:00:00Z'), endsAt: new Date('2030-12-26T00:00:00Z'), reason: 'Holidays' })
      .returning({ id: tenant.closures.id });
    const [timeOff] = await db
      .insert(tenant.engineerTimeOff)
      .values({ engineerId: engineer!.id, startsAt: new Date('2030-08-01T00:00:00Z'), endsAt: new Date('2030-08-15T00:00:00Z'), reason: 'Leave' })
      .returning({ id: tenant.engineerTimeOff.id });
    return {
      engineerId: engineer!.id,
      gearId: gear!.id,
      clientId: client!.id,
      sessionId: session!.id,
      seriesSessionId: series[0]!.id,
      closureId: closure!.id,
      timeOffId: timeOff!.id,
    };
  });
}

/** Rows of a studio for procedures to aim at: an active and an archived room, an engineer, a pending invitation, booking rows. */
export async function createTargets(server: TestServer, studio: Studio): Promise<Targets> {
  const roomId = await insertRoom(server, studio.id, { name: 'Live room' });
  const base: Targets = {
    slug: studio.slug,
    roomId,
    archivedRoomId: await insertRoom(server, studio.id, { name: 'Old booth', archived: true }),
    memberUserId: await insertMember(server, studio.id, 'engineer'),
    invitationId: await pendingInvitation(server, studio),
    ...(await insertBookingTargets(server, studio.id, roomId)),
    feedId: (await studio.owner.mutate<{ id: string }>('calendarFeeds.create', { scope: 'studio' }, studio.slug)).data!.id,
    extra: {},
  };
  for (const domain of DOMAIN_PROCEDURES) {
    if (domain.createTargets) Object.assign(base.extra, await domain.createTargets(server, studio, base));
  }
  return base;
}

/** The same logged-in person, seen through another Host header (a studio sub-domain). */
export function sameSessionOn(server: TestServer, client: ApiClient, host: string): ApiClient {
  const other = new ApiClient(server.app, { host, ip: freshIp() });
  other.cookie = client.cookie;
  return other;
}
