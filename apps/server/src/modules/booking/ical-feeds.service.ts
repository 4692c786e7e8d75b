/**
 * Calendar feeds: secret, revocable iCalendar URLs of a studio's sessions, of one room's, or of one
 * engineer's, for Google Calendar, Apple Calendar or Outlook to subscribe to. The URL's token is the only
 * credential; it is stored hashed, and answers are rate limited per IP.
 */
import { and, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { ROLE_PERMISSIONS, type Permission, type Role } from '@rsm/shared/roles';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { hashToken, newToken } from '../../platform/security/tokens.ts';
import { TOKEN_LIMITS } from '../../platform/security/rate-limit.ts';
import type { ControlTx } from '../../platform/postgres/control-db.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { studioContextById } from '../studios/studio-lookup.ts';
import type { Actor, StudioContext } from '../studios/studio-context.ts';
import { renderCalendar, type IcalEvent } from './ical.ts';

export type FeedScope = 'studio' | 'room' | 'engineer';
const PAST_DAYS = 60;
const FUTURE_DAYS = 400;

/** A feed shows every session's title, notes and client name: its holder must be able to read all of that. */
const FEED_NEEDS: readonly Permission[] = ['sessions:read', 'clients:read'];

export function mayHoldFeeds(permissions: readonly Permission[]): boolean {
  return FEED_NEEDS.every((permission) => permissions.includes(permission));
}

/** The table is read at call time (not cached) so a feed follows the role table as it is now. */
const roleMayHoldFeeds = (role: Role) => mayHoldFeeds(ROLE_PERMISSIONS[role]);

/**
 * Revoke a member's feeds, inside the transaction that removes them or changes their role (members.service):
 * a removal always, a role change when the new role may not hold feeds. Returns how many were revoked.
 */
export async function revokeFeedsOfMember(tx: ControlTx, studioId: string, userId: string, newRole: Role | null): Promise<number> {
  if (newRole && roleMayHoldFeeds(newRole)) return 0;
  const revoked = await tx
    .update(control.calendarFeeds)
    .set({ revokedAt: new Date() })
    .where(and(eq(control.calendarFeeds.studioId, studioId), eq(control.calendarFeeds.createdBy, userId), isNull(control.calendarFeeds.revokedAt)))
    .returning({ id: control.calendarFeeds.id });
  return revoked.length;
}

export const feedUrl = (platform: Platform, token: string) => `${platform.config.APP_URL}/ical/${token}.ics`;

export async function createFeed(
  platform: Platform,
  db: TenantDb,
  studio: StudioContext,
  actor: Actor,
  input: { scope: FeedScope; resourceId?: string | null; label?: string },
) {
  if (!roleMayHoldFeeds(actor.role)) throw new AppError('FORBIDDEN', 'Your role cannot read everything a calendar feed shows', { permission: 'clients:read' });
  if (input.scope !== 'studio') {
    if (!input.resourceId) throw new AppError('BAD_REQUEST', 'Choose the room or engineer of this feed');
    const table = input.scope === 'room' ? tenant.rooms : tenant.engineers;
    const [exists] = await db.select({ id: table.id }).from(table).where(eq(table.id, input.resourceId));
    if (!exists) throw notFound(input.scope);
  }
  const token = newToken();
  const [feed] = await platform.controlDb
    .insert(control.calendarFeeds)
    .values({
      studioId: studio.id,
      scope: input.scope,
      resourceId: input.scope === 'studio' ? null : (input.resourceId ?? null),
      label: input.label ?? '',
      tokenHash: hashToken(token),
      createdBy: actor.userId,
    })
    .returning();
  return { id: feed!.id, url: feedUrl(platform, token) };
}

export async function listFeeds(platform: Platform, studioId: string) {
  return platform.controlDb
    .select({
      id: control.calendarFeeds.id,
      scope: control.calendarFeeds.scope,
      resourceId: control.calendarFeeds.resourceId,
      label: control.calendarFeeds.label,
      createdAt: control.calendarFeeds.createdAt,
      createdBy: control.calendarFeeds.createdBy,
      createdByName: control.users.name,
    })
    .from(control.calendarFeeds)
    .leftJoin(control.users, eq(control.users.id, control.calendarFeeds.createdBy))
    .where(and(eq(control.calendarFeeds.studioId, studioId), isNull(control.calendarFeeds.revokedAt)))
    .orderBy(desc(control.calendarFeeds.createdAt));
}

/** Revoking is for whoever created the feed, or for those who manage the studio's resources. */
export async function revokeFeed(platform: Platform, studioId: string, actor: Actor, feedId: string, mayRevokeAny: boolean): Promise<void> {
  const [feed] = await platform.controlDb
    .select()
    .from(control.calendarFeeds)
    .where(and(eq(control.calendarFeeds.id, feedId), eq(control.calendarFeeds.studioId, studioId), isNull(control.calendarFeeds.revokedAt)));
  if (!feed) throw notFound('feed');
  if (!mayRevokeAny && feed.createdBy !== actor.userId)
    throw new AppError('FORBIDDEN', 'Only its creator or a manager can revoke this feed', { permission: 'resources:write' });
  await platform.controlDb.update(control.calendarFeeds).set({ revokedAt: new Date() }).where(eq(control.calendarFeeds.id, feedId));
}

/** The feed's iCalendar text, or null when the token is unknown, revoked, or its creator may no longer read it (one answer for all). */
export async function renderFeed(platform: Platform, token: string, ip: string): Promise<string | null> {
  await platform.rateLimiter.hit(TOKEN_LIMITS(ip, 'ical'));
  const [found] = await platform.controlDb
    .select({ feed: control.calendarFeeds, creatorRole: control.memberships.role })
    .from(control.calendarFeeds)
    .leftJoin(
      control.memberships,
      and(eq(control.memberships.studioId, control.calendarFeeds.studioId), eq(control.memberships.userId, control.calendarFeeds.createdBy)),
    )
    .where(and(eq(control.calendarFeeds.tokenHash, hashToken(token)), isNull(control.calendarFeeds.revokedAt)));
  // Defence in depth beside the revocation on removal: the creator must still be a member allowed to read all
  // this, whatever removed them (a deleted account leaves no creator at all).
  if (!found?.creatorRole || !roleMayHoldFeeds(found.creatorRole)) return null;
  const { feed } = found;
  const studio = await studioContextById(platform, feed.studioId);
  if (!studio) return null;
  const now = platform.clock.now();
  const from = new Date(now.getTime() - PAST_DAYS * 86_400_000);
  const to = new Date(now.getTime() + FUTURE_DAYS * 86_400_000);
  const { events, name } = await platform.directory.withTenant(studio.location, async (db) => {
    const scoped =
      feed.scope === 'studio'
        ? undefined
        : sql`${tenant.sessions.id} IN (SELECT session_id FROM session_resources WHERE kind = ${feed.scope}::resource_kind AND resource_id = ${feed.resourceId} AND ("primary" OR kind <> 'room'))`;
    const rows = await db
      .select({ session: tenant.sessions, roomName: tenant.rooms.name, clientName: tenant.clients.name })
      .from(tenant.sessions)
      .innerJoin(tenant.rooms, eq(tenant.rooms.id, tenant.sessions.roomId))
      .leftJoin(tenant.clients, eq(tenant.clients.id, tenant.sessions.clientId))
      .where(
        and(
          lt(tenant.sessions.startsAt, to),
          gt(tenant.sessions.endsAt, from),
          inArray(tenant.sessions.status, ['hold', 'confirmed', 'in_progress', 'completed', 'cancelled']),
          scoped,
        ),
      )
      .orderBy(tenant.sessions.startsAt)
      .limit(5000);
    const scopeName = feed.scope === 'studio' ? studio.name : await resourceName(db, feed.scope, feed.resourceId!);
    return {
      name: feed.scope === 'studio' ? studio.name : `${studio.name} — ${scopeName}`,
      events: rows.map(({ session, roomName, clientName }): IcalEvent => ({
        uid: `${session.id}@${studio.slug}.rsm`,
        start: session.startsAt,
        end: session.endsAt,
        summary: clientName ? `${session.title} — ${clientName}` : session.title,
        location: roomName,
        description: session.notes || undefined,
        status: session.status === 'hold' ? 'TENTATIVE' : session.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
        updatedAt: session.updatedAt,
      })),
    };
  });
  return renderCalendar({ name, timeZone: studio.timeZone, events, now });
}

async function resourceName(db: TenantDb, scope: 'room' | 'engineer', id: string): Promise<string> {
  const table = scope === 'room' ? tenant.rooms : tenant.engineers;
  const [row] = await db.select({ name: table.name }).from(table).where(eq(table.id, id));
  return row?.name ?? '';
}
