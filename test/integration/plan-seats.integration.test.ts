/**
 * Seats (issue 12.4): members plus pending invitations, against the plan's seats from the one plan table. An
 * invitation past the limit is refused with LIMIT_REACHED naming the limit and the plan; revoked, expired and
 * replaced invitations free their seat; concurrent invitations never take more seats than there are.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import { PLAN_TABLE } from '@rsm/shared/plans';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { uniqueEmail } from '../support/api.ts';
import { addMember, createStudio, expectRefused, setPlan } from '../support/studios.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => server?.close());

const STARTER_SEATS = PLAN_TABLE.starter.seats!;

it('Starter has fewer seats than Pro, Enterprise is unlimited', () => {
  expect(STARTER_SEATS).toBeGreaterThanOrEqual(2);
  expect(PLAN_TABLE.pro.seats!).toBeGreaterThan(STARTER_SEATS);
  expect(PLAN_TABLE.enterprise.seats).toBeNull();
});

it('counts pending invitations with members and refuses the invitation past the limit, naming it', async () => {
  const studio = await createStudio(server, { studioName: 'Seat Sound' });
  // Out of its trial (whose limits are Pro's): on Starter, as the operator would set it.
  await setPlan(server, studio.id, 'starter');
  await addMember(server, studio, 'engineer'); // owner + engineer
  const pending: string[] = [];
  for (let seat = 3; seat <= STARTER_SEATS; seat++) {
    const ok = await studio.owner.mutate<{ invitationId: string }>('members.invite', { email: uniqueEmail('seat'), role: 'assistant' }, studio.slug);
    expect(ok.error, JSON.stringify(ok.error)).toBeUndefined();
    pending.push(ok.data!.invitationId);
  }
  const refused = await studio.owner.mutate('members.invite', { email: uniqueEmail('one-too-many'), role: 'assistant' }, studio.slug);
  expectRefused(refused, 'LIMIT_REACHED', 403);
  expect(refused.error?.data.params).toMatchObject({ kind: 'seats', limit: STARTER_SEATS, used: STARTER_SEATS, plan: 'starter' });
  expect(refused.error?.message).toContain(`Starter plan includes ${STARTER_SEATS} seats`);
  const invitations = await server.platform.controlDb.select().from(control.invitations).where(eq(control.invitations.studioId, studio.id));
  expect(invitations).toHaveLength(STARTER_SEATS - 1); // the engineer's (accepted) and the pending ones; nothing for the refused one

  // Re-inviting a pending address replaces its invitation: no extra seat, so it is allowed.
  const pendingEmail = invitations.find((i) => i.id === pending[0])!.email;
  const again = await studio.owner.mutate('members.invite', { email: pendingEmail, role: 'assistant' }, studio.slug);
  expect(again.error, JSON.stringify(again.error)).toBeUndefined();

  // An expired invitation frees its seat.
  const anyPending = (await studio.owner.query<{ invitations: { id: string }[] }>('members.list', undefined, studio.slug)).data!.invitations;
  expect(anyPending.length).toBeGreaterThan(0);
  await server.platform.controlDb
    .update(control.invitations)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(control.invitations.id, anyPending[0]!.id));
  const afterExpiry = await studio.owner.mutate<{ invitationId: string }>(
    'members.invite',
    { email: uniqueEmail('after-expiry'), role: 'assistant' },
    studio.slug,
  );
  expect(afterExpiry.error, JSON.stringify(afterExpiry.error)).toBeUndefined();
  expectRefused(await studio.owner.mutate('members.invite', { email: uniqueEmail('full-again'), role: 'assistant' }, studio.slug), 'LIMIT_REACHED', 403);

  // A revoked invitation frees its seat.
  expect((await studio.owner.mutate('members.revokeInvitation', { id: afterExpiry.data!.invitationId }, studio.slug)).error).toBeUndefined();
  const afterRevoke = await studio.owner.mutate('members.invite', { email: uniqueEmail('after-revoke'), role: 'assistant' }, studio.slug);
  expect(afterRevoke.error, JSON.stringify(afterRevoke.error)).toBeUndefined();

  // A larger plan lifts the limit at once.
  await setPlan(server, studio.id, 'pro');
  const onPro = await studio.owner.mutate('members.invite', { email: uniqueEmail('on-pro'), role: 'assistant' }, studio.slug);
  expect(onPro.error, JSON.stringify(onPro.error)).toBeUndefined();
});

it('concurrent invitations never take more seats than the plan has', async () => {
  const studio = await createStudio(server, { studioName: 'Seat Race' });
  await setPlan(server, studio.id, 'starter');
  const results = await Promise.all(
    Array.from({ length: 8 }, () => studio.owner.mutate('members.invite', { email: uniqueEmail('race'), role: 'engineer' }, studio.slug)),
  );
  const accepted = results.filter((r) => !r.error);
  expect(accepted).toHaveLength(STARTER_SEATS - 1);
  for (const r of results.filter((r) => r.error)) expect(r.error?.data.appCode).toBe('LIMIT_REACHED');
  const list = (await studio.owner.query<{ members: unknown[]; invitations: unknown[] }>('members.list', undefined, studio.slug)).data!;
  expect(list.members.length + list.invitations.length).toBe(STARTER_SEATS);
});
