/**
 * The stand-in Stripe's memory (tests only): accounts, Checkout Sessions, payment intents, charges and refunds,
 * shaped like the API objects the adapter reads, each kept under the account it belongs to — as on Stripe, a
 * direct charge's objects exist only on the connected account.
 */
import { randomBytes } from 'node:crypto';

export type Json = Record<string, unknown>;
export type Owned = Json & { id: string; __account: string | null };

export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);

export class StandinState {
  readonly accounts = new Map<string, Json & { id: string }>();
  readonly objects = new Map<string, Owned>();
  /** Idempotency-Key → the first answer, as Stripe replays it for a retried request. */
  readonly idempotent = new Map<string, Json>();

  createAccount(params: Json): Json {
    const id = `acct_${randomBytes(8).toString('hex')}`;
    const account = {
      id,
      object: 'account',
      type: params.type ?? 'standard',
      email: params.email ?? null,
      business_profile: params.business_profile ?? {},
      metadata: params.metadata ?? {},
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      requirements: { currently_due: ['business_profile.url', 'external_account', 'tos_acceptance.date'], disabled_reason: 'requirements.past_due' },
      created: now(),
    };
    this.accounts.set(id, account);
    return account;
  }

  /** Onboarding finished: what Stripe reports once the studio has given everything. */
  enableAccount(id: string): Json {
    const account = this.accounts.get(id);
    if (!account) throw new Error(`stand-in: no account ${id}`);
    Object.assign(account, {
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      requirements: { currently_due: [], disabled_reason: null },
    });
    return account;
  }

  createCheckoutSession(account: string, params: Json, baseUrl: string): Json {
    const items = (params.line_items as Json[] | undefined) ?? [];
    const amount = items.reduce((sum, item) => {
      const price = item.price_data as Json;
      return sum + Number(price.unit_amount) * Number(item.quantity ?? 1);
    }, 0);
    const currency = String((items[0]?.price_data as Json | undefined)?.currency ?? '');
    const id = newId('cs_test');
    const session: Owned = {
      id,
      object: 'checkout.session',
      __account: account,
      mode: params.mode,
      status: 'open',
      payment_status: 'unpaid',
      amount_total: amount,
      currency,
      line_items_requested: items,
      payment_intent: null,
      payment_intent_data: params.payment_intent_data ?? {},
      metadata: params.metadata ?? {},
      client_reference_id: params.client_reference_id ?? null,
      customer_email: params.customer_email ?? null,
      success_url: params.success_url,
      cancel_url: params.cancel_url,
      url: `${baseUrl}/checkout/${id}`,
      created: now(),
    };
    this.objects.set(id, session);
    return session;
  }

  /** `checkout.sessions.expire`: only an open session can be expired; it can no longer be paid. */
  expireCheckoutSession(account: string, id: string): Owned {
    const session = this.owned(account, id, 'checkout.session');
    if (!session) throw Object.assign(new Error(`No such checkout.session: '${id}'`), { status: 404 });
    if (session.status !== 'open')
      throw Object.assign(new Error(`Only Checkout Sessions with a status in ["open"] can be expired (this one is ${String(session.status)}).`), {
        status: 400,
      });
    Object.assign(session, { status: 'expired', url: null, expires_at: now() });
    return session;
  }

  /** The customer paid: a succeeded payment intent and its charge on the studio's account. */
  payCheckoutSession(id: string): { session: Owned; intent: Owned; charge: Owned } {
    const session = this.objects.get(id);
    if (!session || session.object !== 'checkout.session') throw new Error(`stand-in: no checkout session ${id}`);
    if (session.payment_status === 'paid') throw new Error(`stand-in: checkout session ${id} is already paid`);
    if (session.status === 'expired') throw new Error(`stand-in: checkout session ${id} is expired and cannot be paid`);
    const intentData = session.payment_intent_data as Json;
    const intentId = newId('pi');
    const chargeId = newId('ch');
    const amount = Number(session.amount_total);
    const fee = intentData.application_fee_amount === undefined ? null : Number(intentData.application_fee_amount);
    const intent: Owned = {
      id: intentId,
      object: 'payment_intent',
      __account: session.__account,
      status: 'succeeded',
      amount,
      amount_received: amount,
      currency: session.currency,
      application_fee_amount: fee,
      latest_charge: chargeId,
      metadata: intentData.metadata ?? {},
      created: now(),
    };
    const charge: Owned = {
      id: chargeId,
      object: 'charge',
      __account: session.__account,
      payment_intent: intentId,
      amount,
      amount_refunded: 0,
      refunded: false,
      currency: session.currency,
      metadata: {},
      created: now(),
    };
    Object.assign(session, { status: 'complete', payment_status: 'paid', payment_intent: intentId });
    this.objects.set(intentId, intent);
    this.objects.set(chargeId, charge);
    return { session, intent, charge };
  }

  createRefund(account: string, params: Json): { refund: Owned; charge: Owned } {
    const intent = this.owned(account, String(params.payment_intent), 'payment_intent');
    if (!intent) throw Object.assign(new Error(`No such payment_intent: '${String(params.payment_intent)}'`), { status: 404 });
    const charge = this.owned(account, String(intent.latest_charge), 'charge')!;
    const left = Number(charge.amount) - Number(charge.amount_refunded);
    const amount = params.amount === undefined ? left : Number(params.amount);
    if (!(amount > 0) || amount > left)
      throw Object.assign(new Error(`Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`), { status: 400 });
    const refund: Owned = {
      id: newId('re'),
      object: 'refund',
      __account: account,
      amount,
      currency: charge.currency,
      status: 'succeeded',
      payment_intent: intent.id,
      charge: charge.id,
      refund_application_fee: params.refund_application_fee ?? null,
      created: now(),
    };
    Object.assign(charge, {
      amount_refunded: Number(charge.amount_refunded) + amount,
      refunded: Number(charge.amount_refunded) + amount === Number(charge.amount),
    });
    this.objects.set(refund.id, refund);
    return { refund, charge };
  }

  /** An object of that type on that account, or undefined: another account's objects are invisible. */
  owned(account: string | null, id: string, type: string): Owned | undefined {
    const object = this.objects.get(id);
    return object && object.object === type && object.__account === account ? object : undefined;
  }
}

/** The API view of an object: without the stand-in's bookkeeping. */
export function publicView(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !key.startsWith('__') && key !== 'payment_intent_data' && key !== 'line_items_requested'));
}

/**
 * A form-encoded body as the SDK sends it (`metadata[a]=1&line_items[0][price_data][currency]=eur`) as nested
 * objects, numeric keys becoming arrays.
 */
export function parseStripeForm(body: string): Json {
  const root: Json = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const parts = rawKey.split(/\[|\]\[|\]/).filter((p) => p !== '');
    let node: Json = root;
    parts.forEach((part, index) => {
      if (index === parts.length - 1) node[part] = value;
      else node = (node[part] ??= /^\d+$/.test(parts[index + 1] ?? '') ? [] : {}) as Json;
    });
  }
  return root;
}
