/**
 * Authorization: the matrix of every role × every studio procedure runs in role-matrix-*.integration.test.ts
 * (test/support/role-matrix.ts); here, that it covers every procedure and role, then the team rules of
 * members.service: who may assign which role, and a studio never loses its last owner.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, ROLES } from '@rsm/shared/roles';
import { createTestServer, type TestServer } from '../support/platform.ts';
import type { ApiClient } from '../support/api.ts';
import { addMember, createStudio, expectRefused, insertMember, setPlan, membershipRole, snapshot, type Studio } from '../support/studios.ts';
import { STUDIO_PROCEDURES, studioProcedurePaths } from '../support/studio-procedures.ts';
import { MATRIX_FILES } from '../support/role-matrix.ts';

let server: TestServer;

beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => {
  await server?.close();
});

it('the matrix covers every studio procedure of the router', () => {
  expect(STUDIO_PROCEDURES.map((p) => p.path).sort()).toEqual(studioProcedurePaths());
});

it('the matrix files (role-matrix-*.integration.test.ts) together cover every role, once', () => {
  expect(Object.values(MATRIX_FILES).flat().sort()).toEqual([...ROLES].sort());
});

it('the table grants and denies something, so both branches below are exercised', () => {
  const cells = ROLES.flatMap((role) => STUDIO_PROCEDURES.map((p) => ROLE_PERMISSIONS[role].includes(p.permission)));
  expect(cells).toContain(true);
  expect(cells).toContain(false);
});

describe('team rules', () => {
  let studio: Studio;
  let manager: { client: ApiClient; userId: string };
  beforeAll(async () => {
    studio = await createStudio(server, { studioName: 'Team Rules' });
    // Several members and invitations: more than a Starter plan's seats.
    await setPlan(server, studio.id, 'enterprise');
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
