/**
 * A calendar feed lives only as long as its creator may read it: removing the member (or their leaving)
 * revokes their feeds in the same transaction, a role change to a role that may not hold a feed revokes them
 * too, and serving a feed re-checks the creator's membership and role as they are now — so a feed whose
 * creator's membership vanished by other means (a direct delete, a deleted account) stops at once.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control } from '@rsm/db';
import { ROLE_PERMISSIONS, type Permission } from '@rsm/shared/roles';
import { mayHoldFeeds } from '../../apps/server/src/modules/booking/ical-feeds.service.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { addMember, createStudio, setPlan, type Member, type Studio } from '../support/studios.ts';

let server: TestServer;
let studio: Studio;
const SECRET_NOTE = 'Door code 4512, client prefers no photos';

beforeAll(async () => {
  server = await createTestServer();
  studio = await createStudio(server, { studioName: 'Feed Revocation' });
  // Members join in every case below: more than a Starter or Pro plan's seats.
  await setPlan(server, studio.id, 'enterprise');
  const roomId = (await studio.owner.mutate<{ id: string }>('rooms.create', { name: 'Live', hourlyRateCents: 5000, capacity: 4 }, studio.slug)).data!.id;
  const clientId = (await studio.owner.mutate<{ id: string }>('clients.create', { name: 'Private Artist', kind: 'person' }, studio.slug)).data!.id;
  const start = new Date(Date.now() + 3 * 86_400_000);
  start.setUTCHours(14, 0, 0, 0);
  const created = await studio.owner.mutate(
    'sessions.create',
    {
      roomId,
      clientId,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
      title: 'Album tracking',
      notes: SECRET_NOTE,
    },
    studio.slug,
  );
  expect(created.error, JSON.stringify(created.error)).toBeUndefined();
});
afterAll(async () => server?.close());

async function feedOf(member: Member): Promise<{ id: string; path: string }> {
  const feed = await member.client.mutate<{ id: string; url: string }>('calendarFeeds.create', { scope: 'studio' }, studio.slug);
  expect(feed.error, JSON.stringify(feed.error)).toBeUndefined();
  return { id: feed.data!.id, path: new URL(feed.data!.url).pathname };
}

async function fetchFeed(path: string) {
  const response = await server.app.inject({ method: 'GET', url: path });
  return { status: response.statusCode, body: response.body };
}

async function expectServedWithDetails(path: string) {
  const served = await fetchFeed(path);
  expect(served.status).toBe(200);
  expect(served.body).toContain('Private Artist');
  expect(served.body).toContain('Door code 4512');
}

async function expectGone(path: string) {
  const served = await fetchFeed(path);
  expect(served.status).toBe(404);
  expect(served.body).not.toContain('Private Artist');
  expect(served.body).not.toContain('Door code');
}

async function isRevoked(feedId: string): Promise<boolean> {
  const rows = await server.platform.controlDb
    .select({ id: control.calendarFeeds.id })
    .from(control.calendarFeeds)
    .where(and(eq(control.calendarFeeds.id, feedId), isNotNull(control.calendarFeeds.revokedAt)));
  return rows.length === 1;
}

describe('a removed member’s feeds', () => {
  it('are revoked when the member is removed', async () => {
    const engineer = await addMember(server, studio, 'engineer');
    const feed = await feedOf(engineer);
    await expectServedWithDetails(feed.path);
    expect((await studio.owner.mutate('members.remove', { userId: engineer.userId }, studio.slug)).error).toBeUndefined();
    expect(await isRevoked(feed.id)).toBe(true);
    await expectGone(feed.path);
  });

  it('are revoked when the member leaves', async () => {
    const assistant = await addMember(server, studio, 'assistant');
    const feed = await feedOf(assistant);
    expect((await assistant.client.mutate('members.remove', { userId: assistant.userId }, studio.slug)).error).toBeUndefined();
    expect(await isRevoked(feed.id)).toBe(true);
    await expectGone(feed.path);
  });

  it('leave the other members’ feeds alone', async () => {
    const staying = await addMember(server, studio, 'engineer');
    const leaving = await addMember(server, studio, 'engineer');
    const kept = await feedOf(staying);
    const ownerFeed = (await studio.owner.mutate<{ url: string }>('calendarFeeds.create', { scope: 'studio' }, studio.slug)).data!;
    await studio.owner.mutate('members.remove', { userId: leaving.userId }, studio.slug);
    await expectServedWithDetails(kept.path);
    await expectServedWithDetails(new URL(ownerFeed.url).pathname);
  });
});

describe('a demoted member’s feeds', () => {
  it('keep working when the new role may still read the calendar', async () => {
    const manager = await addMember(server, studio, 'manager');
    const feed = await feedOf(manager);
    expect((await studio.owner.mutate('members.changeRole', { userId: manager.userId, role: 'engineer' }, studio.slug)).error).toBeUndefined();
    expect(await isRevoked(feed.id)).toBe(false);
    await expectServedWithDetails(feed.path);
  });

  /**
   * Every role of today's table may hold a feed, so this case narrows one role's permissions for its duration
   * (the server runs in this process and reads the same table): the rule, not today's table, is under test.
   */
  it('are revoked when the new role may no longer read what a feed shows', async () => {
    const manager = await addMember(server, studio, 'manager');
    const feed = await feedOf(manager);
    await withoutPermission('assistant', 'clients:read', async () => {
      expect((await studio.owner.mutate('members.changeRole', { userId: manager.userId, role: 'assistant' }, studio.slug)).error).toBeUndefined();
      expect(await isRevoked(feed.id)).toBe(true);
      await expectGone(feed.path);
    });
  });
});

describe('serving re-checks the creator', () => {
  it('refuses a feed whose creator’s membership was deleted by other means', async () => {
    const engineer = await addMember(server, studio, 'engineer');
    const feed = await feedOf(engineer);
    await expectServedWithDetails(feed.path);
    await server.platform.controlDb
      .delete(control.memberships)
      .where(and(eq(control.memberships.studioId, studio.id), eq(control.memberships.userId, engineer.userId)));
    await expectGone(feed.path);
  });

  it('refuses a feed whose creator’s account was deleted', async () => {
    const engineer = await addMember(server, studio, 'engineer');
    const feed = await feedOf(engineer);
    await server.platform.controlDb.delete(control.users).where(eq(control.users.id, engineer.userId));
    await expectGone(feed.path);
  });

  it('refuses a feed whose creator’s role was changed outside the service to one that may not hold feeds', async () => {
    const engineer = await addMember(server, studio, 'engineer');
    const feed = await feedOf(engineer);
    await withoutPermission('engineer', 'sessions:read', async () => {
      await expectGone(feed.path);
    });
    await expectServedWithDetails(feed.path);
  });
});

describe('mayHoldFeeds', () => {
  it('needs to read both the calendar and the clients a feed names', () => {
    expect(mayHoldFeeds(['sessions:read', 'clients:read'])).toBe(true);
    expect(mayHoldFeeds(['sessions:read'])).toBe(false);
    expect(mayHoldFeeds(['clients:read'])).toBe(false);
  });
});

async function withoutPermission(role: 'assistant' | 'engineer', permission: Permission, work: () => Promise<void>): Promise<void> {
  const saved = ROLE_PERMISSIONS[role];
  ROLE_PERMISSIONS[role] = saved.filter((p) => p !== permission);
  try {
    await work();
  } finally {
    ROLE_PERMISSIONS[role] = saved;
  }
}
