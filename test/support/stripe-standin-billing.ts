/**
 * The stand-in Stripe's Billing half (tests only): our plans' prices (with their lookup keys), customers,
 * subscription-mode Checkout, subscriptions and their schedules, invoices, Customer Portal sessions and the
 * invoice preview — on the platform account. What Stripe would announce is queued as events (`emitted`), for the
 * test to deliver, replay or shuffle; `renew` and `payOpenInvoice` play the passing of a billing period.
 */
import { PLAN_TABLE, PLANS } from '@rsm/shared/plans';
import { newId, type Json, type Owned, type StandinState } from './stripe-standin-state.ts';

const now = () => Math.floor(Date.now() / 1000);
const MONTH = 30 * 86_400;
const YEAR = 365 * 86_400;

export interface EmittedEvent {
  type: string;
  object: Json;
}

export class BillingStandin {
  readonly prices = new Map<string, Owned>();
  readonly emitted: EmittedEvent[] = [];

  constructor(private readonly state: StandinState) {
    for (const plan of PLANS)
      for (const interval of ['monthly', 'yearly'] as const) {
        const id = newId('price');
        const p = PLAN_TABLE[plan];
        this.prices.set(id, {
          id,
          object: 'price',
          __account: null,
          active: true,
          currency: 'eur',
          lookup_key: p.stripeLookupKeys[interval],
          unit_amount: interval === 'monthly' ? p.monthlyCents : p.yearlyCents,
          recurring: { interval: interval === 'monthly' ? 'month' : 'year', interval_count: 1 },
          type: 'recurring',
        });
      }
  }

  private emit(type: string, object: Json) {
    this.emitted.push({ type, object: structuredClone(object) });
  }

  private put(object: Owned): Owned {
    this.state.objects.set(object.id, object);
    return object;
  }

  private platform(id: string, type: string): Owned {
    const found = this.state.owned(null, id, type);
    if (!found) throw Object.assign(new Error(`No such ${type}: '${id}'`), { status: 404 });
    return found;
  }

  private price(id: string): Owned {
    const price = this.prices.get(id);
    if (!price) throw Object.assign(new Error(`No such price: '${id}'`), { status: 400 });
    return price;
  }

  listPrices(params: Json): Json {
    const keys = (params.lookup_keys as string[] | undefined) ?? [];
    return { object: 'list', has_more: false, url: '/v1/prices', data: [...this.prices.values()].filter((p) => keys.includes(String(p.lookup_key))) };
  }

  createCustomer(params: Json): Owned {
    return this.put({
      id: newId('cus'),
      object: 'customer',
      __account: null,
      name: params.name ?? null,
      email: params.email ?? null,
      metadata: params.metadata ?? {},
    });
  }

  createCheckout(params: Json, baseUrl: string): Owned {
    this.platform(String(params.customer), 'customer');
    const item = (params.line_items as Json[])[0]!;
    const price = this.price(String(item.price));
    const id = newId('cs_test');
    return this.put({
      id,
      object: 'checkout.session',
      __account: null,
      mode: 'subscription',
      status: 'open',
      payment_status: 'unpaid',
      customer: params.customer,
      subscription: null,
      amount_total: price.unit_amount,
      currency: 'eur',
      __price: price.id,
      __subscription_metadata: (params.subscription_data as Json | undefined)?.metadata ?? {},
      metadata: params.metadata ?? {},
      client_reference_id: params.client_reference_id ?? null,
      success_url: params.success_url,
      cancel_url: params.cancel_url,
      url: `${baseUrl}/checkout/${id}`,
      created: now(),
    });
  }

  private periodOf(priceId: string) {
    return (this.price(priceId).recurring as Json).interval === 'year' ? YEAR : MONTH;
  }

  private invoice(sub: Owned, amount: number, paid: boolean): Owned {
    const invoice = this.put({
      id: newId('in'),
      object: 'invoice',
      __account: null,
      customer: sub.customer,
      status: paid ? 'paid' : 'open',
      amount_due: amount,
      amount_paid: paid ? amount : 0,
      attempt_count: 1,
      currency: 'eur',
      parent: { type: 'subscription_details', subscription_details: { subscription: sub.id, metadata: {} }, quote_details: null },
      period_end: now(),
      created: now(),
    });
    sub.latest_invoice = invoice.id;
    return invoice;
  }

  /** The customer paid the subscription Checkout: an active subscription, its first invoice paid. */
  payCheckout(session: Owned): void {
    if (session.status !== 'open') throw new Error(`stand-in: checkout session ${session.id} is ${String(session.status)}`);
    const priceId = String(session.__price);
    const subId = newId('sub');
    const itemPrice = this.price(priceId);
    const sub = this.put({
      id: subId,
      object: 'subscription',
      __account: null,
      customer: session.customer,
      status: 'active',
      cancel_at_period_end: false,
      schedule: null,
      metadata: session.__subscription_metadata ?? {},
      items: {
        object: 'list',
        data: [
          {
            id: newId('si'),
            object: 'subscription_item',
            price: itemPrice,
            quantity: 1,
            current_period_start: now(),
            current_period_end: now() + this.periodOf(priceId),
          },
        ],
      },
      latest_invoice: null,
      created: now(),
    });
    const invoice = this.invoice(sub, Number(itemPrice.unit_amount), true);
    Object.assign(session, { status: 'complete', payment_status: 'paid', subscription: subId });
    this.emit('checkout.session.completed', session);
    this.emit('customer.subscription.created', sub);
    this.emit('invoice.paid', invoice);
  }

  subscription(id: string): Owned {
    return this.platform(id, 'subscription');
  }

  private item(sub: Owned): Json {
    return ((sub.items as Json).data as Json[])[0]!;
  }

  updateSubscription(id: string, params: Json): Owned {
    const sub = this.subscription(id);
    if (sub.status === 'canceled') throw Object.assign(new Error('A canceled subscription can only update its metadata'), { status: 400 });
    if (params.cancel_at_period_end !== undefined) {
      if (sub.schedule) throw Object.assign(new Error('The subscription is managed by a subscription schedule'), { status: 400 });
      sub.cancel_at_period_end = params.cancel_at_period_end === 'true';
    }
    const items = params.items as Json[] | undefined;
    if (items?.[0]?.price) {
      if (sub.schedule) throw Object.assign(new Error('The subscription is managed by a subscription schedule'), { status: 400 });
      const item = this.item(sub);
      const oldAmount = Number((item.price as Json).unit_amount);
      const price = this.price(String(items[0].price));
      item.price = price;
      if (params.proration_behavior === 'always_invoice')
        this.emit('invoice.paid', this.invoice(sub, Math.max(0, Number(price.unit_amount) - oldAmount), true));
    }
    this.emit('customer.subscription.updated', sub);
    return sub;
  }

  createSchedule(params: Json): Owned {
    const sub = this.subscription(String(params.from_subscription));
    if (sub.schedule) throw Object.assign(new Error('The subscription already has a schedule'), { status: 400 });
    const item = this.item(sub);
    const schedule = this.put({
      id: newId('sub_sched'),
      object: 'subscription_schedule',
      __account: null,
      status: 'active',
      subscription: sub.id,
      end_behavior: 'release',
      phases: [{ start_date: item.current_period_start, end_date: item.current_period_end, items: [{ price: item.price, quantity: 1 }] }],
    });
    sub.schedule = schedule.id;
    this.emit('customer.subscription.updated', sub);
    return schedule;
  }

  schedule(id: string): Owned {
    return this.platform(id, 'subscription_schedule');
  }

  updateSchedule(id: string, params: Json): Owned {
    const schedule = this.schedule(id);
    schedule.phases = (params.phases as Json[]).map((phase) => ({
      start_date: phase.start_date === undefined ? null : Number(phase.start_date),
      end_date: phase.end_date === undefined ? null : Number(phase.end_date),
      items: (phase.items as Json[]).map((i) => ({ price: this.price(String(i.price)), quantity: Number(i.quantity ?? 1) })),
    }));
    this.emit('customer.subscription.updated', this.subscription(String(schedule.subscription)));
    return schedule;
  }

  releaseSchedule(id: string): Owned {
    const schedule = this.schedule(id);
    schedule.status = 'released';
    const sub = this.subscription(String(schedule.subscription));
    sub.schedule = null;
    this.emit('customer.subscription.updated', sub);
    return schedule;
  }

  cancelSubscription(id: string): Owned {
    const sub = this.subscription(id);
    Object.assign(sub, { status: 'canceled', schedule: null, canceled_at: now() });
    this.emit('customer.subscription.deleted', sub);
    return sub;
  }

  /** The subscription's period ends: a scheduled plan takes over, a cancellation ends it, else it renews (paid or failed). */
  renew(id: string, outcome: { fail?: boolean } = {}): void {
    const sub = this.subscription(id);
    if (sub.cancel_at_period_end) {
      this.cancelSubscription(id);
      return;
    }
    const item = this.item(sub);
    if (sub.schedule) {
      const schedule = this.schedule(String(sub.schedule));
      const next = (schedule.phases as Json[]).at(-1)!;
      item.price = ((next.items as Json[])[0] as Json).price;
      schedule.status = 'released';
      sub.schedule = null;
    }
    const priceId = String((item.price as Json).id);
    item.current_period_start = item.current_period_end;
    item.current_period_end = Number(item.current_period_end) + this.periodOf(priceId);
    const invoice = this.invoice(sub, Number((item.price as Json).unit_amount), !outcome.fail);
    if (outcome.fail) {
      sub.status = 'past_due';
      this.emit('invoice.payment_failed', invoice);
    } else this.emit('invoice.paid', invoice);
    this.emit('customer.subscription.updated', sub);
  }

  /** One of Stripe's automatic retries of the open invoice fails again. */
  failRetry(id: string): void {
    const sub = this.subscription(id);
    const invoice = this.platform(String(sub.latest_invoice), 'invoice');
    invoice.attempt_count = Number(invoice.attempt_count) + 1;
    this.emit('invoice.payment_failed', invoice);
    this.emit('customer.subscription.updated', sub);
  }

  /** The card was updated and the open invoice paid: the subscription is active again. */
  payOpenInvoice(id: string): void {
    const sub = this.subscription(id);
    const invoice = this.platform(String(sub.latest_invoice), 'invoice');
    Object.assign(invoice, { status: 'paid', amount_paid: invoice.amount_due });
    sub.status = 'active';
    this.emit('invoice.paid', invoice);
    this.emit('customer.subscription.updated', sub);
  }

  portalSession(params: Json, baseUrl: string): Json {
    this.platform(String(params.customer), 'customer');
    const id = newId('bps');
    const query = new URLSearchParams({ return_url: String(params.return_url) });
    return { id, object: 'billing_portal.session', customer: params.customer, return_url: params.return_url, url: `${baseUrl}/portal/${id}?${query}` };
  }

  preview(params: Json): Json {
    const sub = this.subscription(String(params.subscription));
    const item = this.item(sub);
    const schedule = sub.schedule ? this.schedule(String(sub.schedule)) : null;
    const nextPrice = (schedule ? ((schedule.phases as Json[]).at(-1)!.items as Json[])[0]!.price : item.price) as Json;
    return {
      object: 'invoice',
      customer: sub.customer,
      amount_due: Number(nextPrice.unit_amount),
      currency: 'eur',
      period_end: item.current_period_end,
      next_payment_attempt: item.current_period_end,
      parent: { type: 'subscription_details', subscription_details: { subscription: sub.id } },
    };
  }
}
