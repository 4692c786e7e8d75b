/**
 * Authorization matrix: every role × every studio procedure, with the
 * expected answer derived from ROLE_PERMISSIONS (so the test follows the
 * table). An allowed mutation must show its effect; a denied call must answer
 * FORBIDDEN and leave both databases as they were. Then the team rules of
 * members.service: who may assign which role, and a studio never loses its
 * last owner.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import { ROLE_PERMISSIONS, ROLES, type Role } from '@rsm/shared/roles';
import { createTestServer, type TestServer } from '../support/platform.ts';
import type { ApiClient } from '../support/api.ts';
import { addMember, createStudio, createTargets, expectRefused, insertMember, membershipRole, snapshot, type Studio } from '../support/studios.ts';
import { callProcedure, STUDIO_PROCEDURES, studioProcedurePaths } from '../support/studio-procedures.ts';
import { startStripeStandin, type StripeStandin } from '../support/stripe-standin.ts';

let server: TestServer;
/** Payments procedures talk to Stripe: the stand-in, so allowed calls succeed for real. */
let stripe: StripeStandin;
/** One studio per role, and a logged-in member with that role in it. */
const seats = new Map<Role, { studio: Studio; client: ApiClient }>();

beforeAll(async () => {
  stripe = await startStripeStandin();
  server = await createTestServer(stripe.env);
  await Promise.all(
    ROLES.map(async (role) => {
      const studio = await createStudio(server, { studioName: `Matrix ${role}` });
      // Every case adds booking rows to this studio: on Pro, the Starter session limit (tested on its own) stays out of the way.
      await server.platform.controlDb.update(control.studios).set({ plan: 'pro' }).where(eq(control.studios.id, studio.id));
      // Owners too join through an invitation, so every seat is made the same way.
      const member = await addMember(server, studio, role);
      seats.set(role, { studio, client: member.client });
    }),
  );
});
afterAll(async () => {
  await server?.close();
  await stripe?.close();
});

it('the matrix covers every studio procedure of the router', () => {
  expect(STUDIO_PROCEDURES.map((p) => p.path).sort()).toEqual(studioProcedurePaths());
});

it('the table grants and denies something, so both branches below are exercised', () => {
  const cells = ROLES.flatMap((role) => STUDIO_PROCEDURES.map((p) => ROLE_PERMISSIONS[role].includes(p.permission)));
  expect(cells).toContain(true);
  expect(cells).toContain(false);
});

describe.each(ROLES)('as %s', (role) => {
  it('studio.get reports the role and exactly the table’s permissions', async () => {
    const { studio, client } = seats.get(role)!;
    const got = await client.query<{ role: string; permissions: string[] }>('studio.get', undefined, studio.slug);
    expect(got.data?.role).toBe(role);
    expect([...got.data!.permissions].sort()).toEqual([...ROLE_PERMISSIONS[role]].sort());
  });

  const cases = STUDIO_PROCEDURES.map((p) => [p.path, ROLE_PERMISSIONS[role].includes(p.permission) ? 'allowed' : 'FORBIDDEN', p] as const);
  it.each(cases)('%s → %s', async (_path, expected, procedure) => {
    const { studio, client } = seats.get(role)!;
    const targets = await createTargets(server, studio);
    const before = await snapshot(server, studio.id);
    const result = await callProcedure(client, procedure, targets, studio.slug);
    const after = await snapshot(server, studio.id);
    if (expected === 'FORBIDDEN') {
      expectRefused(result, 'FORBIDDEN', 403);
      expect(result.error?.data.params).toMatchObject({ permission: procedure.permission });
      expect(after).toEqual(before);
    } else {
      expect(result.error, JSON.stringify(result.error)).toBeUndefined();
      expect(result.status).toBe(200);
      if (procedure.kind === 'mutation') expect(after).not.toEqual(before);
      else expect(after).toEqual(before);
    }
  });
});

describe('team rules', () => {
  let studio: Studio;
  let manager: { client: ApiClient; userId: string };
  beforeAll(async () => {
    studio = await createStudio(server, { studioName: 'Team Rules' });
    manager = await addMember(server, studio, 'manager');
  });

  it('a manager cannot invite an owner, but can invite a manager', async () => {
    const before = await snapshot(server, studio.id);
    expectRefused(await manager.client.mutate('members.invite', { email: 'would-be-owner@example.test', role: 'owner' }, studio.slug), 'FORBIDDEN', 403);
    expect(await snapshot(server, studio.id)).toEqual(before);
    const ok = await manager.client.mutate('members.invite', { email: 'new-manager@example.test', role: 'manager' }, studio.slug);
    expect(ok.error).toBeUndefined();
  });

  it('a manager cannot promote anyone to owner, themselves included', async () => {
    const engineerId = await insertMember(server, studio.id, 'engineer');
    const before = await snapshot(server, studio.id);
    expectRefused(await manager.client.mutate('members.changeRole', { userId: engineerId, role: 'owner' }, studio.slug), 'FORBIDDEN', 403);
    expectRefused(await manager.client.mutate('members.changeRole', { userId: manager.userId, role: 'owner' }, studio.slug), 'FORBIDDEN', 403);
    expect(await snapshot(server, studio.id)).toEqual(before);
    expect(await membershipRole(server, studio.id, manager.userId)).toBe('manager');
  });

  it('a manager cannot demote or remove an owner', async () => {
    const before = await snapshot(server, studio.id);
    expectRefused(await manager.client.mutate('members.changeRole', { userId: studio.ownerId, role: 'assistant' }, studio.slug), 'FORBIDDEN', 403);
    expectRefused(await manager.client.mutate('members.remove', { userId: studio.ownerId }, studio.slug), 'FORBIDDEN', 403);
    expect(await snapshot(server, studio.id)).toEqual(before);
  });

  it('an engineer cannot remove someone else, but can leave', async () => {
    const engineer = await addMember(server, studio, 'engineer');
    const otherId = await insertMember(server, studio.id, 'assistant');
    const before = await snapshot(server, studio.id);
    expectRefused(await engineer.client.mutate('members.remove', { userId: otherId }, studio.slug), 'FORBIDDEN', 403);
    expect(await snapshot(server, studio.id)).toEqual(before);

    const left = await engineer.client.mutate('members.remove', { userId: engineer.userId }, studio.slug);
    expect(left.error).toBeUndefined();
    expect(await membershipRole(server, studio.id, engineer.userId)).toBeNull();
    expect(await membershipRole(server, studio.id, otherId)).toBe('assistant');
    expectRefused(await engineer.client.query('studio.get', undefined, studio.slug), 'FORBIDDEN', 403);
    const me = await engineer.client.query<{ studios: unknown[] }>('auth.me');
    expect(me.data?.studios).toEqual([]);
  });

  it('the last owner can neither leave nor be demoted', async () => {
    const solo = await createStudio(server, { studioName: 'Solo Owner' });
    const before = await snapshot(server, solo.id);
    expectRefused(await solo.owner.mutate('members.remove', { userId: solo.ownerId }, solo.slug), 'LAST_OWNER', 409);
    for (const role of ['manager', 'engineer', 'assistant'] as const) {
      expectRefused(await solo.owner.mutate('members.changeRole', { userId: solo.ownerId, role }, solo.slug), 'LAST_OWNER', 409);
    }
    expect(await snapshot(server, solo.id)).toEqual(before);
    expect(await membershipRole(server, solo.id, solo.ownerId)).toBe('owner');
  });

  it('with two owners one can be demoted, then the other is the last owner', async () => {
    const duo = await createStudio(server, { studioName: 'Two Owners' });
    const second = await addMember(server, duo, 'owner');
    const demoted = await second.client.mutate('members.changeRole', { userId: duo.ownerId, role: 'manager' }, duo.slug);
    expect(demoted.error).toBeUndefined();
    expect(await membershipRole(server, duo.id, duo.ownerId)).toBe('manager');
    const before = await snapshot(server, duo.id);
    expectRefused(await second.client.mutate('members.changeRole', { userId: second.userId, role: 'manager' }, duo.slug), 'LAST_OWNER', 409);
    expectRefused(await second.client.mutate('members.remove', { userId: second.userId }, duo.slug), 'LAST_OWNER', 409);
    expect(await snapshot(server, duo.id)).toEqual(before);
  });

  it('with two owners one may remove the other', async () => {
    const duo = await createStudio(server, { studioName: 'Owner Removal' });
    const second = await addMember(server, duo, 'owner');
    expect((await duo.owner.mutate('members.remove', { userId: second.userId }, duo.slug)).error).toBeUndefined();
    expect(await membershipRole(server, duo.id, second.userId)).toBeNull();
    expectRefused(await second.client.query('studio.get', undefined, duo.slug), 'FORBIDDEN', 403);
  });

  it('two owners demoting each other at once leave exactly one owner', async () => {
    const duo = await createStudio(server, { studioName: 'Race Owners' });
    const second = await addMember(server, duo, 'owner');
    const results = await Promise.all([
      duo.owner.mutate('members.changeRole', { userId: second.userId, role: 'manager' }, duo.slug),
      second.client.mutate('members.changeRole', { userId: duo.ownerId, role: 'manager' }, duo.slug),
    ]);
    expect(results.filter((r) => r.error === undefined)).toHaveLength(1);
    // the loser is refused either as no longer an owner (FORBIDDEN) or as the last owner (LAST_OWNER), depending on timing
    expect(results.filter((r) => r.error?.data.appCode === 'LAST_OWNER' || r.error?.data.appCode === 'FORBIDDEN')).toHaveLength(1);
    const roles = [await membershipRole(server, duo.id, duo.ownerId), await membershipRole(server, duo.id, second.userId)];
    expect(roles.sort()).toEqual(['manager', 'owner']);
  });

  it('two owners leaving at once leave exactly one owner', async () => {
    const duo = await createStudio(server, { studioName: 'Race Leavers' });
    const second = await addMember(server, duo, 'owner');
    const results = await Promise.all([
      duo.owner.mutate('members.remove', { userId: duo.ownerId }, duo.slug),
      second.client.mutate('members.remove', { userId: second.userId }, duo.slug),
    ]);
    expect(results.filter((r) => r.error === undefined)).toHaveLength(1);
    expect(results.filter((r) => r.error?.data.appCode === 'LAST_OWNER')).toHaveLength(1);
    const roles = [await membershipRole(server, duo.id, duo.ownerId), await membershipRole(server, duo.id, second.userId)];
    expect(roles.filter((r) => r === 'owner')).toHaveLength(1);
  });
});

it('leaves no tenant connection checked out after every allowed and refused call', async () => {
  const connections = server.platform.clusters.get('main')!.connections;
  expect(connections.stats().peakOpen).toBeGreaterThan(0);
  // Work a call starts after its answer (a notice, a mail) may still hold a connection for a moment; a leak never lets go.
  await vi.waitFor(() => {
    const stats = connections.stats();
    expect(stats.active).toBe(0);
    expect(stats.waiting).toBe(0);
  }, { timeout: 10_000, interval: 50 });
});
