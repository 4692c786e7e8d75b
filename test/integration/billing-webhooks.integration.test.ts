/**
 * Stripe Billing webhooks against the stand-in (issue 12.3): each sequence — a new subscription, an upgrade, a
 * downgrade at the period end, a failed payment → grace → read-only → paid → active, a cancellation at the period end
 * → deleted → read-only — is played on two studios: one gets every event once, in order, as it happens; the other
 * gets the same kind of events replayed twice and shuffled (two at a time). Both must end in the same state, with
 * one history row per change and one grace e-mail per failed attempt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { TestServer } from '../support/platform.ts';
import { createStudio, expectRefused, type Studio } from '../support/studios.ts';
import type { StripeEvent, StripeStandin } from '../support/stripe-standin.ts';
import { startServerWithStripe } from '../support/stripe-server.ts';
import { billingRow, billingState, checkout, deliverAll, deliverReplayedShuffled } from '../support/billing.ts';

let standin: StripeStandin;
let server: TestServer;

beforeAll(async () => {
  ({ standin, server } = await startServerWithStripe());
});
afterAll(async () => {
  await server?.close();
  await standin?.close();
});

interface Step {
  /** Acts on Stripe (directly or through the API); the events it caused are taken after it. */
  act(studio: Studio, sub: string): Promise<void>;
  /** Checked on the in-order studio after the step's events. */
  check?(studio: Studio): Promise<void>;
}

/** Plays the scenario on an in-order studio and on a replayed-and-shuffled one; both must end the same. */
async function playBothWays(name: string, first: { plan: string; interval?: string }, steps: Step[]) {
  const inOrder = await createStudio(server, { studioName: `${name} in order` });
  const shuffledStudio = await createStudio(server, { studioName: `${name} shuffled` });
  standin.takeBillingEvents();
  const subA = await checkout(standin, inOrder, first.plan, first.interval);
  await deliverAll(standin, standin.takeBillingEvents());
  const subB = await checkout(standin, shuffledStudio, first.plan, first.interval);
  // The first purchase is applied (replayed, shuffled) before the API acts on it; the rest waits for the end.
  await deliverReplayedShuffled(standin, standin.takeBillingEvents());
  const later: StripeEvent[] = [];
  for (const step of steps) {
    await step.act(inOrder, subA);
    await deliverAll(standin, standin.takeBillingEvents());
    await step.check?.(inOrder);
    await step.act(shuffledStudio, subB);
    later.push(...standin.takeBillingEvents());
  }
  await deliverReplayedShuffled(standin, later);
  const [a, b] = [await billingState(server, inOrder.id), await billingState(server, shuffledStudio.id)];
  expect(b).toEqual(a);
  return { inOrder, shuffledStudio, state: a };
}

const changes = (studioId: string) =>
  server.platform.controlDb.select().from(control.subscriptionChanges).where(eq(control.subscriptionChanges.studioId, studioId));

describe('Stripe Billing webhooks: every sequence replayed and shuffled ends the same', () => {
  it('a new subscription makes the studio active on its plan, recorded once', async () => {
    const { inOrder, shuffledStudio, state } = await playBothWays('New', { plan: 'pro', interval: 'yearly' }, []);
    expect(state).toMatchObject({ plan: 'pro', billingStatus: 'active', billingInterval: 'yearly', subscribed: true, inGrace: false });
    for (const studio of [inOrder, shuffledStudio]) {
      expect((await changes(studio.id)).filter((c) => c.source === 'stripe')).toHaveLength(1);
      const got = await studio.owner.query<{ standing: string }>('studio.get', undefined, studio.slug);
      expect(got.data?.standing).toBe('active');
    }
  });

  it('an upgrade applies at once', async () => {
    const { state } = await playBothWays('Upgrade', { plan: 'starter' }, [
      {
        async act(studio) {
          const changed = await studio.owner.mutate<{ outcome: string }>('plans.changePlan', { plan: 'pro', interval: 'monthly' }, studio.slug);
          expect(changed.data?.outcome, JSON.stringify(changed.error)).toBe('upgraded');
        },
        async check(studio) {
          expect((await billingRow(server, studio.id)).plan).toBe('pro');
        },
      },
    ]);
    expect(state).toMatchObject({ plan: 'pro', billingStatus: 'active', scheduledPlan: null, lastChange: { plan: 'pro', status: 'active' } });
  });

  it('a downgrade waits for the period end, then applies', async () => {
    const { state } = await playBothWays('Downgrade', { plan: 'enterprise' }, [
      {
        async act(studio) {
          const changed = await studio.owner.mutate<{ outcome: string }>('plans.changePlan', { plan: 'starter', interval: 'monthly' }, studio.slug);
          expect(changed.data?.outcome, JSON.stringify(changed.error)).toBe('scheduled');
        },
        async check(studio) {
          expect(await billingState(server, studio.id)).toMatchObject({ plan: 'enterprise', scheduledPlan: 'starter' });
          const overview = await studio.owner.query<{ nextInvoice: { amountCents: number } | null }>('plans.billing', undefined, studio.slug);
          // The next invoice is the smaller plan's.
          expect(overview.data?.nextInvoice?.amountCents).toBe(2900);
        },
      },
      {
        act: async (_studio, sub) => standin.billing.renew(sub),
      },
    ]);
    expect(state).toMatchObject({ plan: 'starter', billingStatus: 'active', scheduledPlan: null, lastChange: { plan: 'starter' } });
  });

  it('a failed payment starts 7 days of grace (one e-mail per failed attempt), then read-only; paying makes it active again', async () => {
    const realNow = server.platform.clock.now;
    let failedAt = 0;
    try {
      const { inOrder, state } = await playBothWays('Grace', { plan: 'pro' }, [
        {
          act: async (_studio, sub) => {
            failedAt = Date.now();
            standin.billing.renew(sub, { fail: true });
          },
          async check(studio) {
            const row = await billingRow(server, studio.id);
            expect(row.billingStatus).toBe('past_due');
            const graceMs = row.graceEndsAt!.getTime() - failedAt;
            expect(graceMs).toBeGreaterThan(7 * 86_400_000 - 60_000);
            expect(graceMs).toBeLessThan(7 * 86_400_000 + 60_000);
            expect((await studio.owner.query<{ standing: string }>('studio.get', undefined, studio.slug)).data?.standing).toBe('past_due');
            // The same failure told again does not push the grace period back.
            await new Promise((r) => setTimeout(r, 20));
            const sub = String((await billingRow(server, studio.id)).stripeSubscriptionId);
            standin.billing.updateSubscription(sub, {});
            await deliverAll(standin, standin.takeBillingEvents());
            expect((await billingRow(server, studio.id)).graceEndsAt).toEqual(row.graceEndsAt);
            // Stripe's retry fails too: a second e-mail (once, however often told), the same end of grace.
            standin.billing.failRetry(sub);
            const retried = standin.takeBillingEvents();
            await deliverAll(standin, [...retried, ...retried]);
            expect((await billingRow(server, studio.id)).graceEndsAt).toEqual(row.graceEndsAt);
            // Past the grace period: read-only, but a plan can still be chosen and the card updated.
            server.platform.clock.now = () => new Date(Date.now() + 8 * 86_400_000);
            expect((await studio.owner.query<{ standing: string }>('studio.get', undefined, studio.slug)).data?.standing).toBe('read_only');
            expectRefused(
              await studio.owner.mutate('rooms.create', { name: 'Booth', hourlyRateCents: 100, capacity: 1 }, studio.slug),
              'STUDIO_READ_ONLY',
              403,
            );
            expect((await studio.owner.query('plans.portal', undefined, studio.slug)).error).toBeUndefined();
          },
        },
        {
          act: async (_studio, sub) => standin.billing.payOpenInvoice(sub),
          async check(studio) {
            expect((await studio.owner.query<{ standing: string }>('studio.get', undefined, studio.slug)).data?.standing).toBe('active');
            server.platform.clock.now = realNow;
          },
        },
      ]);
      expect(state).toMatchObject({ plan: 'pro', billingStatus: 'active', inGrace: false });
      const mails = await server.platform.controlDb
        .select()
        .from(control.mailOutbox)
        .where(and(eq(control.mailOutbox.studioId, inOrder.id), eq(control.mailOutbox.template, 'billing-payment-failed')));
      expect(mails).toHaveLength(2);
      expect(mails.every((m) => m.toAddress === inOrder.ownerEmail)).toBe(true);
      expect(mails[0]!.textBody).toContain('read-only');
    } finally {
      server.platform.clock.now = realNow;
    }
  });

  it('a cancellation at the period end can be resumed; once the subscription is deleted the studio is read-only', async () => {
    const { inOrder, state } = await playBothWays('Cancel', { plan: 'pro' }, [
      {
        async act(studio) {
          expect((await studio.owner.mutate('plans.cancel', undefined, studio.slug)).error).toBeUndefined();
          expect((await billingRow(server, studio.id)).cancelAtPeriodEnd).toBe(true);
          expect((await studio.owner.mutate('plans.resume', undefined, studio.slug)).error).toBeUndefined();
          expect((await billingRow(server, studio.id)).cancelAtPeriodEnd).toBe(false);
          expect((await studio.owner.mutate('plans.cancel', undefined, studio.slug)).error).toBeUndefined();
        },
      },
      { act: async (_studio, sub) => standin.billing.renew(sub) },
    ]);
    expect(state).toMatchObject({ plan: 'pro', billingStatus: 'canceled', cancelAtPeriodEnd: true, lastChange: { status: 'canceled' } });
    expect((await inOrder.owner.query<{ standing: string }>('studio.get', undefined, inOrder.slug)).data?.standing).toBe('read_only');
    // Read-only, it can subscribe again at once.
    const oldSubscription = (await billingRow(server, inOrder.id)).stripeSubscriptionId!;
    await checkout(standin, inOrder, 'starter');
    await deliverAll(standin, standin.takeBillingEvents());
    expect(await billingState(server, inOrder.id)).toMatchObject({ plan: 'starter', billingStatus: 'active' });
    // The ended subscription's late news does not undo the new one.
    standin.billing.cancelSubscription(oldSubscription);
    await deliverAll(standin, standin.takeBillingEvents());
    expect(await billingState(server, inOrder.id)).toMatchObject({ plan: 'starter', billingStatus: 'active' });
  });

  it('acknowledges without applying a subscription no studio holds, and ignores events that are not ours', async () => {
    const studio = await createStudio(server, { studioName: 'Bystander' });
    const subscription = await checkout(standin, studio, 'pro');
    const events = standin.takeBillingEvents();
    // The studio is gone from the subscription's metadata and no studio holds its customer (another environment's).
    const sub = standin.billing.subscription(subscription);
    sub.metadata = {};
    sub.customer = standin.billing.createCustomer({}).id;
    await deliverAll(standin, events);
    expect(await billingState(server, studio.id)).toMatchObject({ billingStatus: 'trial', subscribed: false });
    const applied = await server.platform.controlDb.select().from(control.stripeEvents).where(eq(control.stripeEvents.eventId, events[0]!.id));
    expect(applied[0]?.appliedAt).not.toBeNull();
    // A one-off payment's Checkout on the platform account is not a subscription: ignored.
    const oneOff = { ...events[0]!, id: `evt_oneoff_${studio.id}`, data: { object: { ...events[0]!.data.object, mode: 'payment' } } };
    expect(await standin.deliver(oneOff)).toBe(200);
    expect(await server.platform.controlDb.select().from(control.stripeEvents).where(eq(control.stripeEvents.eventId, oneOff.id))).toHaveLength(0);
  });
});
