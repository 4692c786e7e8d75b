/**
 * A read-only studio (issue 12.2 and 12.6): its trial ended unpaid, its grace period ran out, or its subscription
 * ended. Every mutation of the router — read from the router itself, so a new one is covered the day it is added —
 * is refused with STUDIO_READ_ONLY and changes nothing, except those that declare themselves safe (reads and
 * exports, a client logging in to read, a client settling an issued invoice). Every read still answers; the studio
 * export downloads; uploads are refused; the public booking page says booking is paused. Choosing a plan lifts it
 * at once. A suspended studio answers nothing, reads included, with STUDIO_SUSPENDED.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import { appRouter } from '../../apps/server/src/trpc/app-router.ts';
import type { ProcedureMeta } from '../../apps/server/src/trpc/init.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient } from '../support/api.ts';
import { createStudio, createTargets, expectRefused, snapshot, type Studio } from '../support/studios.ts';
import { callProcedure, STUDIO_PROCEDURES, type Targets } from '../support/studio-procedures.ts';
import { startStripeStandin, type StripeStandin } from '../support/stripe-standin.ts';
import { waitFor } from '../support/wait-for.ts';
import { setPolicy } from '../support/public-booking.ts';

let server: TestServer;
let stripe: StripeStandin;
let studio: Studio;
let targets: Targets;

type RouterEntry = { _def: { type: string; meta?: ProcedureMeta } };
const ROUTER = Object.entries(appRouter._def.procedures as unknown as Record<string, RouterEntry>);
/** Procedures that do not act on the studio in the address (the caller's account, the operator, invitations). */
const NOT_A_STUDIO = ['auth.', 'account.', 'operator.', 'invitations.'];
const studioWide = ROUTER.filter(([path]) => !NOT_A_STUDIO.some((prefix) => path.startsWith(prefix)));
const mutations = studioWide.filter(([, p]) => p._def.type === 'mutation');
const refused = mutations.filter(([, p]) => !p._def.meta?.readOnlyAllowed).map(([path]) => path);
const allowed = mutations.filter(([, p]) => p._def.meta?.readOnlyAllowed).map(([path]) => path);

const setBilling = (values: Partial<typeof control.studios.$inferInsert>) =>
  server.platform.controlDb.update(control.studios).set(values).where(eq(control.studios.id, studio.id));

beforeAll(async () => {
  stripe = await startStripeStandin();
  server = await createTestServer(stripe.env);
  studio = await createStudio(server, { studioName: 'Read Only Sound' });
  await setBilling({ plan: 'enterprise', billingStatus: 'active' });
  targets = await createTargets(server, studio);
  await setPolicy(studio); // the public booking page is on
  // The trial ended unpaid.
  await setBilling({ billingStatus: 'trial', trialEndsAt: new Date(Date.now() - 60_000) });
  await waitFor(async () => (await studio.owner.mutate('rooms.create', { name: 'Probe', hourlyRateCents: 0, capacity: 1 }, studio.slug)).status === 403);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await stripe?.close();
});

describe('a read-only studio', () => {
  it('the router has mutations of every tier, and the safe ones are few and named', () => {
    expect(refused.length).toBeGreaterThan(100);
    expect(allowed.sort()).toEqual(
      [
        'audit.exportCsv',
        'clientPortal.sendLoginLink',
        'clients.exportCsv',
        'clients.exportVcard',
        'clients.gdprExport',
        'portal.confirmLink',
        'portal.loginWithPassword',
        'portal.logout',
        'portal.requestLink',
        'portalMoney.pay',
        'portalShares.recordPlay',
        'share.open',
        'share.recordPlay',
        ...allowed.filter((p) => p.startsWith('plans.')),
      ].sort(),
    );
  });

  it('refuses every other mutation of the router with STUDIO_READ_ONLY, and nothing changes', async () => {
    const before = await snapshot(server, studio.id);
    const anonymous = new ApiClient(server.app);
    for (const path of refused) {
      // The refusal comes before the input is read: no input is needed to prove it.
      const asStaff = await studio.owner.mutate(path, undefined, studio.slug);
      expectRefused(asStaff, 'STUDIO_READ_ONLY', 403);
      const asVisitor = await anonymous.mutate(path, undefined, studio.slug);
      // Staff procedures ask a visitor to log in first; the public and portal ones refuse as read-only.
      expect(['STUDIO_READ_ONLY', 'UNAUTHORIZED'], `${path}: ${JSON.stringify(asVisitor.error)}`).toContain(asVisitor.error?.data.appCode);
    }
    expect(await snapshot(server, studio.id)).toEqual(before);
  }, 120_000);

  it('lets the safe mutations through to their own checks', async () => {
    for (const path of allowed) {
      const result = await studio.owner.mutate(path, undefined, studio.slug);
      expect(result.error?.data.appCode, path).not.toBe('STUDIO_READ_ONLY');
    }
  });

  it('answers every read of the studio', async () => {
    for (const procedure of STUDIO_PROCEDURES.filter((p) => p.kind === 'query')) {
      const result = await callProcedure(studio.owner, procedure, targets, studio.slug);
      expect(result.error, `${procedure.path}: ${JSON.stringify(result.error)}`).toBeUndefined();
    }
  }, 120_000);

  it('still exports the whole studio, and refuses uploads', async () => {
    const exported = await server.app.inject({ method: 'GET', url: `/s/${studio.slug}/api/studio/export`, headers: { cookie: studio.owner.cookie! } });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('application/zip');
    const upload = await server.app.inject({
      method: 'POST',
      url: `/s/${studio.slug}/uploads/`,
      headers: { cookie: studio.owner.cookie!, 'tus-resumable': '1.0.0', 'upload-length': '10', 'upload-metadata': '' },
    });
    expect(upload.statusCode).toBe(403);
    expect(JSON.parse(upload.body)).toMatchObject({ code: 'STUDIO_READ_ONLY' });
  });

  it('shows the public booking page with booking paused, and refuses a request politely', async () => {
    const visitor = new ApiClient(server.app);
    const page = await visitor.query<{ paused: boolean }>('publicBooking.page', undefined, studio.slug);
    expect(page.data?.paused).toBe(true);
    const request = await visitor.mutate('publicBooking.request', { roomId: targets.roomId }, studio.slug);
    expectRefused(request, 'STUDIO_READ_ONLY', 403);
    expect(request.error?.message).toMatch(/booking is paused/i);
  });

  it('says what it is to the web app, and choosing a plan lifts it at once', async () => {
    const got = await studio.owner.query<{ standing: string }>('studio.get', undefined, studio.slug);
    expect(got.data?.standing).toBe('read_only');
    await setBilling({ billingStatus: 'active', plan: 'pro' });
    const created = await waitFor(async () => {
      const r = await studio.owner.mutate<{ id: string }>('rooms.create', { name: 'Back in business', hourlyRateCents: 0, capacity: 1 }, studio.slug);
      return r.status === 200 ? r : null;
    });
    expect(created.data?.id).toBeTruthy();
    expect((await studio.owner.query<{ standing: string }>('studio.get', undefined, studio.slug)).data?.standing).toBe('active');
  });
});

describe('a suspended studio', () => {
  it('answers nothing, reads included, to its staff and its visitors; resumed, it works again, data untouched', async () => {
    await setBilling({ suspendedAt: new Date(), suspendedReason: 'Chargeback under review' });
    await waitFor(async () => (await studio.owner.query('studio.get', undefined, studio.slug)).status === 403);
    const before = await snapshot(server, studio.id);
    const visitor = new ApiClient(server.app);
    for (const [path, p] of studioWide) {
      const call = p._def.type === 'query' ? studio.owner.query(path, undefined, studio.slug) : studio.owner.mutate(path, undefined, studio.slug);
      expectRefused(await call, 'STUDIO_SUSPENDED', 403);
    }
    const page = await visitor.query('publicBooking.page', undefined, studio.slug);
    expectRefused(page, 'STUDIO_SUSPENDED', 403);
    expect(page.error?.message).toMatch(/temporarily unavailable/i);
    // The plain HTTP routes of its files and documents serve nothing either (a portal PDF asks no log-in first).
    const pdf = await server.app.inject({ method: 'GET', url: `/api/portal-documents/${studio.slug}/${randomUUID()}` });
    expect(pdf.statusCode).toBe(404);
    expect(await snapshot(server, studio.id)).toEqual(before);
    await setBilling({ suspendedAt: null, suspendedReason: null });
    await waitFor(async () => (await server.app.inject({ method: 'GET', url: `/api/portal-documents/${studio.slug}/${randomUUID()}` })).statusCode === 401);
    await waitFor(async () => (await studio.owner.query('studio.get', undefined, studio.slug)).status === 200);
  }, 120_000);
});
