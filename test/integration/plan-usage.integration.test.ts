/**
 * plans.usage (issue 12.4): the studio's plan with its usage against each limit — sessions this month, storage,
 * seats (members + pending invitations), AI credits — and the level of each at 80 / 90 / 100 %.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tenant } from '@rsm/db';
import type { PlanUsage } from '@rsm/shared/plan-schemas';
import { consumeAiCredits } from '../../apps/server/src/modules/plans/ai-credits.service.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { uniqueEmail } from '../support/api.ts';
import { waitFor } from '../support/wait-for.ts';
import { addMember, asStarterStudio, createStudio, insertRoom, setPlan, withStudioDb, type Studio } from '../support/studios.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => server?.close());

/** n sessions created now (this month), inserted directly. */
async function addSessions(studio: Studio, roomId: string, from: number, n: number) {
  await withStudioDb(server, studio.id, (db) =>
    db.insert(tenant.sessions).values(
      Array.from({ length: n }, (_, i) => ({
        title: `S ${from + i}`,
        roomId,
        startsAt: new Date(Date.UTC(2031, 0, 1 + from + i, 9)),
        endsAt: new Date(Date.UTC(2031, 0, 1 + from + i, 11)),
        status: 'confirmed' as const,
        currency: 'EUR',
      })),
    ),
  );
}

const limitOf = (usage: PlanUsage, kind: string) => usage.limits.find((l) => l.kind === kind)!;

it('reports each limit with its level at 80, 90 and 100 %', async () => {
  const studio = await createStudio(server, { studioName: 'Usage Sound' });
  await setPlan(server, studio.id, 'starter'); // past its trial (Pro's limits), on Starter
  // The studio as the credit meter sees it: on Starter, out of its trial.
  const asStarter = asStarterStudio(studio, 'Usage Sound');
  const read = async () => {
    const got = await studio.owner.query<PlanUsage>('plans.usage', undefined, studio.slug);
    expect(got.error, JSON.stringify(got.error)).toBeUndefined();
    return got.data!;
  };
  const fresh = await read();
  expect(fresh).toMatchObject({ plan: 'starter', monthlyCents: 2900, yearlyCents: 29000, aiFairUse: false, changedBy: 'operator' });
  expect(fresh.limits).toEqual([
    { kind: 'sessions', used: 0, limit: 50, level: 'ok' },
    { kind: 'storage', used: 0, limit: 10e9, level: 'ok' },
    { kind: 'seats', used: 1, limit: 3, level: 'ok' },
    { kind: 'aiCredits', used: 0, limit: 50, level: 'ok' },
  ]);

  const roomId = await insertRoom(server, studio.id, { name: 'Live' });
  await addSessions(studio, roomId, 0, 40);
  await consumeAiCredits(server.platform, asStarter, 40);
  await addMember(server, studio, 'manager'); // 2 of 3 seats: 66 %
  let usage = await read();
  expect(limitOf(usage, 'sessions')).toEqual({ kind: 'sessions', used: 40, limit: 50, level: 'warn80' });
  expect(limitOf(usage, 'aiCredits')).toEqual({ kind: 'aiCredits', used: 40, limit: 50, level: 'warn80' });
  expect(limitOf(usage, 'seats')).toMatchObject({ used: 2, level: 'ok' });

  await addSessions(studio, roomId, 40, 5);
  await consumeAiCredits(server.platform, asStarter, 5);
  usage = await read();
  expect(limitOf(usage, 'sessions')).toMatchObject({ used: 45, level: 'warn90' });
  expect(limitOf(usage, 'aiCredits')).toMatchObject({ used: 45, level: 'warn90' });

  await addSessions(studio, roomId, 45, 5);
  await consumeAiCredits(server.platform, asStarter, 5);
  // A pending invitation takes the last seat.
  expect((await studio.owner.mutate('members.invite', { email: uniqueEmail('pending'), role: 'engineer' }, studio.slug)).error).toBeUndefined();
  usage = await read();
  expect(limitOf(usage, 'sessions')).toMatchObject({ used: 50, level: 'reached' });
  expect(limitOf(usage, 'aiCredits')).toMatchObject({ used: 50, level: 'reached' });
  expect(limitOf(usage, 'seats')).toMatchObject({ used: 3, limit: 3, level: 'reached' });

  // On Enterprise the same usage is within every limit.
  await setPlan(server, studio.id, 'enterprise');
  usage = await read();
  expect(usage).toMatchObject({ plan: 'enterprise', monthlyCents: 29900, aiFairUse: true });
  expect(usage.limits.map((l) => [l.kind, l.limit === null ? null : 'n', l.level])).toEqual([
    ['sessions', null, 'ok'],
    ['storage', 'n', 'ok'],
    ['seats', null, 'ok'],
    ['aiCredits', 'n', 'ok'],
  ]);
});

it('a manager reads it; an engineer is refused', async () => {
  const studio = await createStudio(server, { studioName: 'Usage Roles' });
  const manager = await addMember(server, studio, 'manager');
  const engineer = await addMember(server, studio, 'engineer');
  expect((await manager.client.query<PlanUsage>('plans.usage', undefined, studio.slug)).data?.plan).toBe('pro');
  expect((await engineer.client.query('plans.usage', undefined, studio.slug)).error?.data.appCode).toBe('FORBIDDEN');
});

it('a studio in its trial is on Pro with the trial’s end; once on a plan, no trial end', async () => {
  const studio = await createStudio(server, { studioName: 'Trial Usage Sound' });
  const inTrial = (await studio.owner.query<PlanUsage>('plans.usage', undefined, studio.slug)).data!;
  expect(inTrial.plan).toBe('pro');
  expect(inTrial.trialEndsAt).not.toBeNull();
  expect(limitOf(inTrial, 'sessions').limit).toBeNull();
  expect(limitOf(inTrial, 'seats').limit).toBe(10);
  await setPlan(server, studio.id, 'starter');
  const onStarter = await waitFor(async () => {
    const got = (await studio.owner.query<PlanUsage>('plans.usage', undefined, studio.slug)).data!;
    return got.plan === 'starter' ? got : null;
  });
  expect(onStarter.trialEndsAt).toBeNull();
  expect(limitOf(onStarter, 'sessions').limit).toBe(50);
});
