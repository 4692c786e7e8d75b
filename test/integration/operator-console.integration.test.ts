/**
 * The operator console (issue 12 item 5): operators from OPERATOR_EMAILS only — a studio owner is refused on every
 * `operator.*` procedure, read from the real router; suspend / resume (staff, portal clients and the public page
 * refused meanwhile, data untouched), extend a trial, set a plan; every action audited with its reason; the
 * studios list's search, filters and pages; the audit log's filters and pages; metrics from a known history.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, like } from 'drizzle-orm';
import { control } from '@rsm/db';
import { studioStanding, STANDINGS, type Standing } from '@rsm/shared/standing';
import { appRouter } from '../../apps/server/src/trpc/app-router.ts';
import { ensureOperatorAccounts } from '../../apps/server/src/platform/operators.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, type ApiResult } from '../support/api.ts';
import { createStudio, expectRefused, freshIp, snapshot, studioBySlug, userIdByEmail, type Studio } from '../support/studios.ts';
import { insertClient, logInByLink, newBrowser } from '../support/portal.ts';
import { prepareStudio, setPolicy, visitor } from '../support/public-booking.ts';
import { waitFor } from '../support/wait-for.ts';
import { kindInRouter } from '../support/studio-procedures.ts';

const OPERATOR = 'console-op@example.test';
const PASSWORD = 'operator console password';
const DAY = 86_400_000;

let server: TestServer;
let op: ApiClient;
beforeAll(async () => {
  server = await createTestServer({ OPERATOR_EMAILS: OPERATOR, OPERATOR_INITIAL_PASSWORD: PASSWORD });
  await ensureOperatorAccounts(server.platform);
  op = new ApiClient(server.app, { ip: freshIp() });
  expect((await op.mutate('auth.logIn', { email: OPERATOR, password: PASSWORD })).error).toBeUndefined();
});
afterAll(async () => server?.close());

type StudiosPage = {
  items: {
    id: string;
    slug: string;
    name: string;
    standing: Standing;
    plan: string;
    seats: number;
    ownerEmail: string | null;
    lastActivityAt: string | null;
    clusterId: string | null;
    schemaVersion: number | null;
  }[];
  total: number;
  page: number;
};
type AuditPage = {
  items: { action: string; studioId: string | null; actorEmail: string | null; details: Record<string, unknown>; ip: string | null; at: string }[];
  nextCursor: string | null;
};

const ok = <T>(result: ApiResult<T>): T => {
  expect(result.error, JSON.stringify(result.error)).toBeUndefined();
  return result.data as T;
};
const operatorPaths = () => Object.keys(appRouter._def.procedures).filter((p) => p.startsWith('operator.'));
const auditOf = async (studioId: string) =>
  server.platform.controlDb
    .select()
    .from(control.platformAuditLog)
    .where(eq(control.platformAuditLog.studioId, studioId))
    .orderBy(desc(control.platformAuditLog.at));

/** Control rows only (no database of its own): enough for the list, which reads nothing else. */
async function insertStudioRows(prefix: string, rows: Partial<typeof control.studios.$inferInsert>[]): Promise<string[]> {
  const inserted = await server.platform.controlDb
    .insert(control.studios)
    .values(rows.map((r, i) => ({ slug: `${prefix.toLowerCase()}-${i}-${randomUUID().slice(0, 6)}`, name: `${prefix} ${i}`, ...r })))
    .returning({ id: control.studios.id });
  return inserted.map((r) => r.id);
}

describe('who may use the console', () => {
  it('refuses a studio owner (FORBIDDEN) and a visitor (UNAUTHORIZED) on every operator procedure, and changes nothing', async () => {
    const studio = await createStudio(server);
    const before = await studioBySlug(server, studio.slug);
    const paths = operatorPaths();
    expect(paths).toEqual(
      expect.arrayContaining([
        'operator.studios',
        'operator.studio',
        'operator.metrics',
        'operator.suspend',
        'operator.resume',
        'operator.extendTrial',
        'operator.setPlan',
        'operator.auditLog',
      ]),
    );
    // A valid input for every procedure: the refusal must come from who calls, not from what is sent.
    const input = { studioId: studio.id, reason: 'an owner trying', days: 30, plan: 'enterprise' };
    const anonymous = new ApiClient(server.app, { ip: freshIp() });
    for (const path of paths) {
      const call = (c: ApiClient) => (kindInRouter(path) === 'query' ? c.query(path, input) : c.mutate(path, input));
      expectRefused(await call(studio.owner), 'FORBIDDEN', 403);
      expectRefused(await call(anonymous), 'UNAUTHORIZED', 401);
    }
    const after = await studioBySlug(server, studio.slug);
    expect(after).toEqual(before);
    expect(await auditOf(studio.id)).toEqual(expect.not.arrayContaining([expect.objectContaining({ action: expect.stringMatching(/^operator\./) })]));
  });
});

describe('suspend and resume', () => {
  it("refuses the studio's staff, portal clients and public page while suspended, keeps its data, and audits both with the reason", async () => {
    const { studio } = await prepareStudio(server, 'Suspended Sound');
    await setPolicy(studio);
    const clientEmail = `client-${randomUUID().slice(0, 8)}@example.test`;
    await insertClient(server, studio.id, { name: 'Band', email: clientEmail });
    const portal = newBrowser(server, studio.slug);
    await logInByLink(server, portal, clientEmail);
    ok(await portal.query('portal.me'));
    ok(await visitor(server).query('publicBooking.page', undefined, studio.slug));
    const before = await snapshot(server, studio.id);

    expectRefused(await op.mutate('operator.suspend', { studioId: studio.id, reason: 'no' }), 'BAD_REQUEST', 400);
    ok(await op.mutate('operator.suspend', { studioId: studio.id, reason: 'Unpaid invoices, fraud review' }));
    expectRefused(await op.mutate('operator.suspend', { studioId: studio.id, reason: 'again please' }), 'CONFLICT', 409);

    const staff = await waitFor(async () => {
      const r = await studio.owner.query('studio.get', undefined, studio.slug);
      return r.error?.data.appCode === 'STUDIO_SUSPENDED' ? r : null;
    });
    expect(staff.error?.message).toMatch(/suspended by the platform/);
    const client = await portal.query('portal.me');
    expect(client.error?.data.appCode).toBe('STUDIO_SUSPENDED');
    expect(client.error?.message).toMatch(/temporarily unavailable/);
    expect((await visitor(server).query('publicBooking.page', undefined, studio.slug)).error?.data.appCode).toBe('STUDIO_SUSPENDED');
    expect((await studio.owner.mutate('rooms.create', { name: 'B', hourlyRateCents: 100, capacity: 1 }, studio.slug)).error?.data.appCode).toBe(
      'STUDIO_SUSPENDED',
    );

    const detail = ok(await op.query<{ standing: string; suspendedReason: string }>('operator.studio', { studioId: studio.id }));
    expect(detail).toMatchObject({ standing: 'suspended', suspendedReason: 'Unpaid invoices, fraud review' });

    ok(await op.mutate('operator.resume', { studioId: studio.id, reason: 'Paid by transfer' }));
    expectRefused(await op.mutate('operator.resume', { studioId: studio.id }), 'CONFLICT', 409);
    await waitFor(async () => !(await studio.owner.query('studio.get', undefined, studio.slug)).error);
    ok(await portal.query('portal.me'));
    ok(await visitor(server).query('publicBooking.page', undefined, studio.slug));

    const after = await snapshot(server, studio.id);
    const withoutTimes = (snap: Record<string, unknown>) => ({ ...snap, studio: { ...(snap.studio as object), updatedAt: null } });
    expect(withoutTimes(after)).toEqual(withoutTimes(before));

    const operatorId = await userIdByEmail(server, OPERATOR);
    const audit = await auditOf(studio.id);
    expect(audit.filter((a) => a.action.startsWith('operator.')).map((a) => [a.action, a.actorUserId, (a.details as { reason: string }).reason])).toEqual([
      ['operator.studio_resumed', operatorId, 'Paid by transfer'],
      ['operator.studio_suspended', operatorId, 'Unpaid invoices, fraud review'],
    ]);
    expect(audit[0]!.ip).toBeTruthy();
  });
});

describe('trials and plans', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await createStudio(server);
  });

  it('extends a running trial from its end, and an ended unpaid one from now', async () => {
    const start = (await studioBySlug(server, studio.slug)).trialEndsAt!;
    expectRefused(await op.mutate('operator.extendTrial', { studioId: studio.id, days: 91 }), 'BAD_REQUEST', 400);
    expectRefused(await op.mutate('operator.extendTrial', { studioId: studio.id, days: 0 }), 'BAD_REQUEST', 400);
    ok(await op.mutate('operator.extendTrial', { studioId: studio.id, days: 10, reason: 'Came back from holidays' }));
    expect((await studioBySlug(server, studio.slug)).trialEndsAt!.getTime()).toBe(start.getTime() + 10 * DAY);

    await server.platform.controlDb
      .update(control.studios)
      .set({ trialEndsAt: new Date(Date.now() - 3 * DAY) })
      .where(eq(control.studios.id, studio.id));
    expect(ok(await op.query<{ standing: string }>('operator.studio', { studioId: studio.id })).standing).toBe('read_only');
    const t0 = Date.now();
    ok(await op.mutate('operator.extendTrial', { studioId: studio.id, days: 5 }));
    const row = await studioBySlug(server, studio.slug);
    expect(row.billingStatus).toBe('trial');
    expect(row.trialEndsAt!.getTime()).toBeGreaterThanOrEqual(t0 + 5 * DAY - 1000);
    expect(row.trialEndsAt!.getTime()).toBeLessThanOrEqual(Date.now() + 5 * DAY);
    expect(studioStanding(row, new Date())).toBe('trial');
    const audit = (await auditOf(studio.id)).filter((a) => a.action === 'operator.trial_extended');
    expect(audit.map((a) => (a.details as { days: number }).days)).toEqual([5, 10]);
    expect((audit[1]!.details as { reason: string }).reason).toBe('Came back from holidays');
  });

  it('extends the trial of a canceled studio that never paid, back to trial with a history row; not one that paid', async () => {
    const [never, paid] = await insertStudioRows('Canceled', [
      { billingStatus: 'canceled', trialEndsAt: new Date(Date.now() - 20 * DAY) },
      { billingStatus: 'canceled', trialEndsAt: new Date(Date.now() - 200 * DAY) },
    ]);
    await server.platform.controlDb
      .insert(control.subscriptionChanges)
      .values({ studioId: paid!, at: new Date(Date.now() - 100 * DAY), plan: 'pro', billingStatus: 'active', mrrCents: 9900, source: 'stripe' });
    ok(await op.mutate('operator.extendTrial', { studioId: never, days: 7 }));
    const [row] = await server.platform.controlDb.select().from(control.studios).where(eq(control.studios.id, never!));
    expect(studioStanding(row!, new Date())).toBe('trial');
    const history = await server.platform.controlDb.select().from(control.subscriptionChanges).where(eq(control.subscriptionChanges.studioId, never!));
    expect(history).toEqual([expect.objectContaining({ billingStatus: 'trial', mrrCents: 0, source: 'operator' })]);
    expectRefused(await op.mutate('operator.extendTrial', { studioId: paid, days: 7 }), 'CONFLICT', 409);
  });

  it('sets a plan without payment: active, one unpaid history row, audited; refuses a Stripe subscriber and then a trial extension', async () => {
    expectRefused(await op.mutate('operator.setPlan', { studioId: studio.id, plan: 'gold', reason: 'Partner deal' }), 'BAD_REQUEST', 400);
    expectRefused(await op.mutate('operator.setPlan', { studioId: studio.id, plan: 'pro' }), 'BAD_REQUEST', 400);
    ok(await op.mutate('operator.setPlan', { studioId: studio.id, plan: 'enterprise', reason: 'Partner deal' }));
    const row = await studioBySlug(server, studio.slug);
    expect(row).toMatchObject({ plan: 'enterprise', billingStatus: 'active' });
    const [change] = await server.platform.controlDb
      .select()
      .from(control.subscriptionChanges)
      .where(eq(control.subscriptionChanges.studioId, studio.id))
      .orderBy(desc(control.subscriptionChanges.at))
      .limit(1);
    expect(change).toMatchObject({ plan: 'enterprise', billingStatus: 'active', mrrCents: 0, source: 'operator' });
    const [audit] = (await auditOf(studio.id)).filter((a) => a.action === 'operator.plan_set');
    expect(audit!.details).toMatchObject({ reason: 'Partner deal', plan: 'enterprise', previousPlan: 'starter', previousBillingStatus: 'trial' });
    // Paying now (operator plan): no trial to extend.
    expectRefused(await op.mutate('operator.extendTrial', { studioId: studio.id, days: 5 }), 'CONFLICT', 409);

    await server.platform.controlDb
      .update(control.studios)
      .set({ stripeSubscriptionId: `sub_${randomUUID()}` })
      .where(eq(control.studios.id, studio.id));
    expectRefused(await op.mutate('operator.setPlan', { studioId: studio.id, plan: 'starter', reason: 'Downgrade' }), 'CONFLICT', 409);
    expect((await studioBySlug(server, studio.slug)).plan).toBe('enterprise');
    expectRefused(await op.mutate('operator.suspend', { studioId: randomUUID(), reason: 'nobody here' }), 'NOT_FOUND', 404);
  });
});

describe('the studios list', () => {
  it('searches by name, address and owner e-mail, and shows the studio with its usage and directory entry', async () => {
    const studio = await createStudio(server, { studioName: 'Zebra Crossing Records' });
    const byName = ok(await op.query<StudiosPage>('operator.studios', { search: 'zebra crossing' }));
    expect(byName.items.map((s) => s.id)).toEqual([studio.id]);
    expect(byName.items[0]).toMatchObject({
      ownerEmail: studio.ownerEmail,
      seats: 1,
      standing: 'trial',
      plan: 'starter',
      schemaVersion: expect.any(Number),
      clusterId: expect.any(String),
    });
    expect(byName.items[0]!.lastActivityAt).not.toBeNull();
    expect(ok(await op.query<StudiosPage>('operator.studios', { search: studio.slug })).items.map((s) => s.id)).toEqual([studio.id]);
    expect(ok(await op.query<StudiosPage>('operator.studios', { search: studio.ownerEmail.toUpperCase() })).items.map((s) => s.id)).toEqual([studio.id]);
    expect(ok(await op.query<StudiosPage>('operator.studios', { search: '%' })).items.map((s) => s.id)).not.toContain(studio.id);

    const detail = ok(await op.query<{ usage: Record<string, number | null> }>('operator.studio', { studioId: studio.id }));
    expect(detail.usage).toMatchObject({ seats: 1, aiCreditsUsed: 0, sessionsThisMonth: 0, storageBytes: 0 });
    expectRefused(await op.query('operator.studio', { studioId: randomUUID() }), 'NOT_FOUND', 404);
  });

  it('filters by every standing exactly as studioStanding derives it, and by plan', async () => {
    const now = Date.now();
    const later = new Date(now + 5 * DAY);
    const earlier = new Date(now - 5 * DAY);
    const expected: Record<Standing, number> = { trial: 2, active: 1, past_due: 1, read_only: 4, suspended: 2 };
    await insertStudioRows('Standings', [
      { billingStatus: 'trial', trialEndsAt: later },
      { billingStatus: 'trial', trialEndsAt: null },
      { billingStatus: 'active', plan: 'pro' },
      { billingStatus: 'past_due', graceEndsAt: later, plan: 'pro' },
      { billingStatus: 'past_due', graceEndsAt: earlier },
      { billingStatus: 'past_due', graceEndsAt: null },
      { billingStatus: 'trial', trialEndsAt: earlier },
      { billingStatus: 'canceled' },
      { billingStatus: 'active', suspendedAt: earlier, suspendedReason: 'x' },
      { billingStatus: 'trial', trialEndsAt: earlier, suspendedAt: earlier, suspendedReason: 'y' },
    ]);
    for (const standing of STANDINGS) {
      const page = ok(await op.query<StudiosPage>('operator.studios', { search: 'Standings', standing }));
      expect(page.total, standing).toBe(expected[standing]);
      expect(page.items.every((s) => s.standing === standing)).toBe(true);
    }
    const pro = ok(await op.query<StudiosPage>('operator.studios', { search: 'Standings', plan: 'pro' }));
    expect(pro.items.map((s) => s.plan)).toEqual(['pro', 'pro']);
    expectRefused(await op.query('operator.studios', { standing: 'frozen' }), 'BAD_REQUEST', 400);
  });

  it('pages by 50, newest first, without overlap', async () => {
    const base = Date.now() - 1000 * DAY;
    await insertStudioRows(
      'Paged',
      Array.from({ length: 55 }, (_, i) => ({ createdAt: new Date(base + i * 60_000) })),
    );
    const first = ok(await op.query<StudiosPage>('operator.studios', { search: 'paged', page: 1 }));
    const second = ok(await op.query<StudiosPage>('operator.studios', { search: 'paged', page: 2 }));
    expect(first.total).toBe(55);
    expect(first.items).toHaveLength(50);
    expect(second.items).toHaveLength(5);
    expect(first.items[0]!.name).toBe('Paged 54');
    expect(new Set([...first.items, ...second.items].map((s) => s.id)).size).toBe(55);
  });
});

describe('the platform audit log', () => {
  it('filters by action, studio, actor and dates, and pages without loss', async () => {
    const [studioId] = await insertStudioRows('Audited', [{}]);
    const operatorId = await userIdByEmail(server, OPERATOR);
    const t = Date.now() - 10 * DAY;
    await server.platform.controlDb.insert(control.platformAuditLog).values(
      Array.from({ length: 60 }, (_, i) => ({
        actorUserId: operatorId,
        action: 'test.paged',
        studioId: studioId!,
        details: { i },
        at: new Date(t + Math.floor(i / 2) * 1000),
      })),
    );
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: AuditPage = ok(await op.query<AuditPage>('operator.auditLog', { action: 'test.paged', ...(cursor ? { cursor } : {}) }));
      seen.push(...page.items.map((a) => (a.details as { i: number }).i));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);

    const byStudio = ok(await op.query<AuditPage>('operator.auditLog', { studioId }));
    expect(byStudio.items.every((a) => a.studioId === studioId && a.actorEmail === OPERATOR)).toBe(true);
    const byActor = ok(await op.query<AuditPage>('operator.auditLog', { actorEmail: 'nobody@example.test' }));
    expect(byActor.items).toEqual([]);
    const ranged = ok(
      await op.query<AuditPage>('operator.auditLog', {
        action: 'test.paged',
        from: new Date(t + 10_000).toISOString(),
        to: new Date(t + 20_000).toISOString(),
      }),
    );
    expect(ranged.items.map((a) => (a.details as { i: number }).i).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, k) => 20 + k));
    expectRefused(await op.query('operator.auditLog', { from: 'yesterday' }), 'BAD_REQUEST', 400);
    expect(ok(await op.query<string[]>('operator.auditActions'))).toContain('test.paged');
  });
});

describe('metrics', () => {
  it('reads MRR, ARR, paying studios, conversion and churn from the subscription history', async () => {
    const now = new Date();
    const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    const ids = await insertStudioRows('Metric', [{}, {}, { trialEndsAt: new Date(monthStart - 20 * DAY) }]);
    const [a, b, c] = ids as [string, string, string];
    type Figures = {
      month: string;
      mrrCents: number;
      arrCents: number;
      activePaying: number;
      churned: number;
      payingAtStart: number;
      trialsEnded: number;
      trialsConverted: number;
    };
    const earlier = ok(await op.query<{ months: Figures[]; current: Figures }>('operator.metrics'));
    const before = earlier.current;
    const h = (studioId: string, at: number, mrrCents: number) => ({
      studioId,
      at: new Date(at),
      plan: 'pro' as const,
      billingStatus: 'active' as const,
      mrrCents,
      source: 'stripe',
    });
    await server.platform.controlDb.insert(control.subscriptionChanges).values([
      h(a, monthStart - 60 * DAY, 9900),
      h(b, monthStart - 60 * DAY, 2900),
      h(b, monthStart - 10 * DAY, 0), // churned last month
      h(c, monthStart - 25 * DAY, 24917), // paid during its trial, which ended last month
    ]);
    const metrics = ok(
      await op.query<{
        months: {
          month: string;
          mrrCents: number;
          arrCents: number;
          activePaying: number;
          churned: number;
          payingAtStart: number;
          trialsEnded: number;
          trialsConverted: number;
        }[];
        current: { mrrCents: number; activePaying: number };
      }>('operator.metrics'),
    );
    expect(metrics.months).toHaveLength(12);
    expect(metrics.current.mrrCents - before.mrrCents).toBe(9900 + 24917);
    expect(metrics.current.activePaying - before.activePaying).toBe(2);
    const last = metrics.months[10]!;
    expect(last.arrCents).toBe(12 * last.mrrCents);
    // Against the figures before these rows: a and b paid at last month's start and b stopped; c's trial (already
    // counted as ended last month) now converts.
    const prior = earlier.months[10]!;
    expect({
      payingAtStart: last.payingAtStart - prior.payingAtStart,
      churned: last.churned - prior.churned,
      trialsEnded: last.trialsEnded - prior.trialsEnded,
      trialsConverted: last.trialsConverted - prior.trialsConverted,
    }).toEqual({ payingAtStart: 2, churned: 1, trialsEnded: 0, trialsConverted: 1 });
    const rows = await server.platform.controlDb
      .select()
      .from(control.studios)
      .where(and(like(control.studios.name, 'Metric %')));
    expect(rows).toHaveLength(3);
  });
});
