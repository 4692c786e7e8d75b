/** Helpers of the Stripe Billing suites: subscribing through the stand-in, delivering its events, reading a studio's billing. */
import { expect } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { TestServer } from './platform.ts';
import type { Studio } from './studios.ts';
import type { StripeEvent, StripeStandin } from './stripe-standin.ts';

export function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Opens a Checkout through the API and pays it on the stand-in; answers the subscription's id (events queued, not delivered). */
export async function checkout(standin: StripeStandin, studio: Studio, plan: string, interval = 'monthly'): Promise<string> {
  const started = await studio.owner.mutate<{ url: string }>('plans.checkout', { plan, interval }, studio.slug);
  expect(started.error, JSON.stringify(started.error)).toBeUndefined();
  const session = standin.state.objects.get(new URL(started.data!.url).pathname.split('/').at(-1)!)!;
  standin.billing.payCheckout(session);
  return String(session.subscription);
}

/** Delivers every event; each answered 200. */
export async function deliverAll(standin: StripeStandin, events: StripeEvent[]): Promise<void> {
  for (const e of events) expect(await standin.deliver(e), `${e.type} ${e.id}`).toBe(200);
}

/** Delivers the events twice each, shuffled, half of them two at a time. */
export async function deliverReplayedShuffled(standin: StripeStandin, events: StripeEvent[]): Promise<void> {
  const all = shuffled([...events, ...events]);
  for (let i = 0; i < all.length; i += 2) {
    const pair = all.slice(i, i + 2);
    const codes = await Promise.all(pair.map((e) => standin.deliver(e)));
    expect(codes.every((c) => c === 200)).toBe(true);
  }
}

export async function billingRow(server: TestServer, studioId: string) {
  const [row] = await server.platform.controlDb.select().from(control.studios).where(eq(control.studios.id, studioId));
  return row!;
}

/** What must end the same whatever the order of delivery: the plan and the billing state, without ids and dates. */
export async function billingState(server: TestServer, studioId: string) {
  const row = await billingRow(server, studioId);
  const changes = await server.platform.controlDb
    .select({ plan: control.subscriptionChanges.plan, status: control.subscriptionChanges.billingStatus, source: control.subscriptionChanges.source })
    .from(control.subscriptionChanges)
    .where(eq(control.subscriptionChanges.studioId, studioId))
    .orderBy(asc(control.subscriptionChanges.at));
  return {
    plan: row.plan,
    billingStatus: row.billingStatus,
    billingInterval: row.billingInterval,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
    scheduledPlan: row.scheduledPlan,
    inGrace: row.graceEndsAt !== null,
    subscribed: row.stripeSubscriptionId !== null,
    lastChange: changes.at(-1) ?? null,
  };
}
