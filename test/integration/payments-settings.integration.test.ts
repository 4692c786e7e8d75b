/**
 * Settings → Payments through the API: a server without a Stripe key says so and refuses to connect (nothing
 * is written); with Stripe (the stand-in), connecting creates one Standard account per studio and answers a
 * Stripe onboarding link back to the settings page, and refreshing after onboarding shows charges enabled.
 * Who may do what is in the role matrix; other studios' reach in the isolation suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { addMember, createStudio, expectRefused, snapshot } from '../support/studios.ts';
import { startStripeStandin, type StripeStandin } from '../support/stripe-standin.ts';

interface Status {
  configured: boolean;
  acceptsOnlinePayment: boolean;
  account: null | { accountId: string; chargesEnabled: boolean; detailsSubmitted: boolean; requirementsDue: string[] };
}

describe('a server without STRIPE_SECRET_KEY', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(async () => server?.close());

  it('reports online payment as not set up, and refuses to connect with a clear error', async () => {
    const studio = await createStudio(server, { studioName: 'No Stripe' });
    const status = await studio.owner.query<Status>('payments.status', undefined, studio.slug);
    expect(status.data).toEqual({ configured: false, acceptsOnlinePayment: false, account: null });
    const before = await snapshot(server, studio.id);
    for (const path of ['payments.connect', 'payments.refresh']) {
      const result = await studio.owner.mutate(path, undefined, studio.slug);
      expectRefused(result, 'NOT_CONFIGURED', 412);
      expect(result.error?.message).toMatch(/not set up on this server/);
    }
    expect(await snapshot(server, studio.id)).toEqual(before);
  });

  it('answers 404 on the webhook route', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/stripe/webhook',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=x' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('a server with Stripe', () => {
  let standin: StripeStandin;
  let server: TestServer;
  beforeAll(async () => {
    standin = await startStripeStandin();
    server = await createTestServer(standin.env);
  });
  afterAll(async () => {
    await server?.close();
    await standin?.close();
  });

  it('answers 404 on the webhook route when the key is set but no signing secret', async () => {
    const keyOnly = await createTestServer({ ...standin.env, STRIPE_WEBHOOK_SECRET: '' });
    try {
      const { payload, signature } = standin.sign({ id: 'evt_1', type: 'account.updated', account: 'acct_1', created: 0, data: { object: { id: 'acct_1' } } });
      const res = await keyOnly.app.inject({
        method: 'POST',
        url: '/api/stripe/webhook',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        payload,
      });
      expect(res.statusCode).toBe(404);
    } finally {
      await keyOnly.close();
    }
  });

  it('connects a studio once, sends the owner to Stripe onboarding and back, then shows charges enabled', async () => {
    const studio = await createStudio(server, { studioName: 'Stripe Sound' });
    const engineer = await addMember(server, studio, 'engineer');
    expect((await studio.owner.query<Status>('payments.status', undefined, studio.slug)).data).toEqual({
      configured: true,
      acceptsOnlinePayment: false,
      account: null,
    });
    expectRefused(await studio.owner.mutate('payments.refresh', undefined, studio.slug), 'NOT_FOUND', 404);

    const first = await studio.owner.mutate<{ url: string }>('payments.connect', undefined, studio.slug);
    const second = await studio.owner.mutate<{ url: string }>('payments.connect', undefined, studio.slug);
    expect(first.error, JSON.stringify(first.error)).toBeUndefined();
    const link = new URL(first.data!.url);
    expect(link.origin).toBe(standin.url);
    expect(link.searchParams.get('return_url')).toBe(`http://localhost:3000/s/${studio.slug}/settings/payments?stripe=return`);
    expect(link.searchParams.get('refresh_url')).toBe(`http://localhost:3000/s/${studio.slug}/settings/payments?stripe=refresh`);
    expect(new URL(second.data!.url).pathname).toBe(link.pathname);
    const rows = (await server.platform.controlDb.select().from(control.stripeConnectedAccounts)).filter((r) => r.studioId === studio.id);
    expect(rows).toHaveLength(1);

    const pending = await engineer.client.query<Status>('payments.status', undefined, studio.slug);
    expect(pending.data).toMatchObject({ configured: true, acceptsOnlinePayment: false, account: { chargesEnabled: false, detailsSubmitted: false } });
    expect(pending.data!.account!.requirementsDue.length).toBeGreaterThan(0);

    standin.state.enableAccount(rows[0]!.stripeAccountId);
    const refreshed = await studio.owner.mutate<Status>('payments.refresh', undefined, studio.slug);
    expect(refreshed.data).toMatchObject({
      configured: true,
      acceptsOnlinePayment: true,
      account: { chargesEnabled: true, detailsSubmitted: true, requirementsDue: [] },
    });
    expect((await engineer.client.query<Status>('payments.status', undefined, studio.slug)).data?.acceptsOnlinePayment).toBe(true);
  });
});
