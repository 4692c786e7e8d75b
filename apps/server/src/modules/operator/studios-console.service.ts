/**
 * The operator's list of studios (issue 12.5) and one studio's detail. The list reads only the control database —
 * one query per page, no studio database opened (a connection costs ~20 ms; there may be thousands of studios):
 * seats from memberships + pending invitations, this month's AI credits, the tenant directory's cluster and schema
 * version. "Last activity" is the latest `auth_sessions.last_seen_at` of the studio's members (sessions are touched
 * on use; an expired session row is deleted, so a studio idle for longer than a session's life shows none).
 * Sessions and storage, which live in the studio's own database, are shown on the detail only.
 */
import { and, count, desc, eq, gt, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { control } from '@rsm/db';
import { PLAN_TABLE, type Plan } from '@rsm/shared/plans';
import { studioStanding, type Standing } from '@rsm/shared/standing';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { toStudioContext } from '../studios/studio-context.ts';
import { sessionUsage } from '../booking/plan-limits.ts';
import { storageUsage } from '../audio/upload-reservations.ts';
import { creditMonth } from '../plans/ai-credits.service.ts';
import { seatsUsed } from '../plans/seats.service.ts';
import { planLimitsOf } from '../plans/standing-guard.ts';

export const STUDIOS_PAGE_SIZE = 50;

export interface StudiosQuery {
  search?: string | undefined;
  standing?: Standing | undefined;
  plan?: Plan | undefined;
  page: number;
}

const s = control.studios;

/**
 * The SQL form of `studioStanding` (@rsm/shared/standing), for filtering a page in the database. It must say
 * exactly what that function says: the console suite checks every listed row's derived standing against the filter.
 */
function standingIs(standing: Standing, now: Date): SQL {
  const notSuspended = isNull(s.suspendedAt);
  const trialOver = and(eq(s.billingStatus, 'trial'), isNotNull(s.trialEndsAt), lte(s.trialEndsAt, now));
  const graceOver = and(eq(s.billingStatus, 'past_due'), or(isNull(s.graceEndsAt), lte(s.graceEndsAt, now)));
  switch (standing) {
    case 'suspended':
      return isNotNull(s.suspendedAt);
    case 'active':
      return and(notSuspended, eq(s.billingStatus, 'active'))!;
    case 'trial':
      return and(notSuspended, eq(s.billingStatus, 'trial'), or(isNull(s.trialEndsAt), gt(s.trialEndsAt, now)))!;
    case 'past_due':
      return and(notSuspended, eq(s.billingStatus, 'past_due'), gt(s.graceEndsAt, now))!;
    case 'read_only':
      return and(notSuspended, or(eq(s.billingStatus, 'canceled'), trialOver, graceOver))!;
  }
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

const ownerEmail = sql<string | null>`(SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
  WHERE m.studio_id = ${s.id} AND m.role = 'owner' ORDER BY m.created_at LIMIT 1)`;
const members = sql<number>`(SELECT count(*)::int FROM memberships m WHERE m.studio_id = ${s.id})`;
const lastActivity = sql<Date | null>`(SELECT max(a.last_seen_at) FROM auth_sessions a JOIN memberships m ON m.user_id = a.user_id
  WHERE m.studio_id = ${s.id})`.mapWith(s.createdAt);

export async function listStudios(platform: Platform, query: StudiosQuery) {
  const now = platform.clock.now();
  const term = query.search?.trim();
  const pattern = term ? `%${escapeLike(term.toLowerCase())}%` : null;
  const where = and(
    pattern
      ? or(
          sql`lower(${s.name}) LIKE ${pattern}`,
          sql`${s.slug} LIKE ${pattern}`,
          sql`EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.studio_id = ${s.id} AND m.role = 'owner' AND lower(u.email) LIKE ${pattern})`,
        )
      : undefined,
    query.standing ? standingIs(query.standing, now) : undefined,
    query.plan ? eq(s.plan, query.plan) : undefined,
  );
  const pendingInvitations = sql<number>`(SELECT count(*)::int FROM invitations i WHERE i.studio_id = ${s.id}
    AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > ${now})`;
  const [rows, [total]] = await Promise.all([
    platform.controlDb
      .select({
        studio: s,
        clusterId: control.tenantDatabases.clusterId,
        schemaVersion: control.tenantDatabases.schemaVersion,
        tenantState: control.tenantDatabases.state,
        ownerEmail,
        members,
        pendingInvitations,
        lastActivityAt: lastActivity,
      })
      .from(s)
      .leftJoin(control.tenantDatabases, eq(control.tenantDatabases.studioId, s.id))
      .where(where)
      .orderBy(desc(s.createdAt), desc(s.id))
      .limit(STUDIOS_PAGE_SIZE)
      .offset((query.page - 1) * STUDIOS_PAGE_SIZE),
    platform.controlDb.select({ n: count() }).from(s).where(where),
  ]);
  const credits = await creditsOf(
    platform,
    rows.map((r) => ({ id: r.studio.id, month: creditMonth(now, r.studio.timeZone) })),
  );
  return {
    items: rows.map((r) => ({
      ...summaryOf(r.studio, now),
      ownerEmail: r.ownerEmail,
      clusterId: r.clusterId,
      schemaVersion: r.schemaVersion,
      tenantState: r.tenantState,
      seats: r.members + r.pendingInvitations,
      seatsLimit: planLimitsOf(r.studio, now).seats,
      aiCreditsUsed: credits.get(r.studio.id) ?? 0,
      aiCreditsLimit: planLimitsOf(r.studio, now).aiCreditsPerMonth,
      lastActivityAt: r.lastActivityAt ? r.lastActivityAt.toISOString() : null,
    })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: STUDIOS_PAGE_SIZE,
  };
}

async function creditsOf(platform: Platform, studios: { id: string; month: string }[]): Promise<Map<string, number>> {
  if (studios.length === 0) return new Map();
  const u = control.aiCreditUsage;
  const rows = await platform.controlDb
    .select({ studioId: u.studioId, month: u.month, used: u.used })
    .from(u)
    .where(or(...studios.map((st) => and(eq(u.studioId, st.id), eq(u.month, st.month)))));
  return new Map(rows.map((r) => [r.studioId, r.used]));
}

function summaryOf(studio: typeof control.studios.$inferSelect, now: Date) {
  return {
    id: studio.id,
    slug: studio.slug,
    name: studio.name,
    plan: studio.plan,
    standing: studioStanding(studio, now),
    billingStatus: studio.billingStatus,
    billingInterval: studio.billingInterval,
    trialEndsAt: studio.trialEndsAt?.toISOString() ?? null,
    graceEndsAt: studio.graceEndsAt?.toISOString() ?? null,
    suspendedAt: studio.suspendedAt?.toISOString() ?? null,
    suspendedReason: studio.suspendedReason,
    paysThroughStripe: studio.stripeSubscriptionId !== null,
    isDemo: studio.isDemo,
    createdAt: studio.createdAt.toISOString(),
  };
}

/** One studio with its usage: the list's figures plus sessions this month and storage, from the studio's database. */
export async function studioDetail(platform: Platform, studioId: string) {
  const now = platform.clock.now();
  const [row] = await platform.controlDb
    .select({ studio: s, location: control.tenantDatabases, ownerEmail, lastActivityAt: lastActivity })
    .from(s)
    .leftJoin(control.tenantDatabases, eq(control.tenantDatabases.studioId, s.id))
    .where(eq(s.id, studioId));
  if (!row) throw new AppError('NOT_FOUND', 'No such studio', { what: 'studio' });
  const limits = planLimitsOf(row.studio, now);
  // The same count as the one that refuses invitations (seats.service.ts).
  const [seats, credits] = await Promise.all([
    seatsUsed(platform.controlDb, studioId, now),
    creditsOf(platform, [{ id: studioId, month: creditMonth(now, row.studio.timeZone) }]),
  ]);
  // Only an active database is opened: a studio still provisioning (or failed) has no figures to read.
  let tenantUsage: { sessionsThisMonth: number; storageBytes: number } | null = null;
  if (row.location && row.location.state === 'active') {
    const context = toStudioContext(row.studio, row.location);
    tenantUsage = await platform.directory.withTenant(context.location, async (db) => ({
      sessionsThisMonth: (await sessionUsage(db, context, now)).used,
      storageBytes: (await storageUsage(db)).usedBytes,
    }));
  }
  return {
    ...summaryOf(row.studio, now),
    ownerEmail: row.ownerEmail,
    clusterId: row.location?.clusterId ?? null,
    databaseName: row.location?.databaseName ?? null,
    schemaVersion: row.location?.schemaVersion ?? null,
    tenantState: row.location?.state ?? null,
    lastActivityAt: row.lastActivityAt ? row.lastActivityAt.toISOString() : null,
    monthlyCents: PLAN_TABLE[row.studio.plan].monthlyCents,
    usage: {
      seats,
      seatsLimit: limits.seats,
      aiCreditsUsed: credits.get(studioId) ?? 0,
      aiCreditsLimit: limits.aiCreditsPerMonth,
      sessionsThisMonth: tenantUsage?.sessionsThisMonth ?? null,
      sessionsLimit: limits.sessionsPerMonth,
      storageBytes: tenantUsage?.storageBytes ?? null,
      storageLimitBytes: limits.storageBytes,
    },
  };
}
