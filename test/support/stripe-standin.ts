/**
 * A stand-in Stripe API for tests (ENGINEERING.md, decision 8: only in tests). It answers the endpoints the
 * adapter uses — accounts, account links, Checkout Sessions (and their expiry), payment intents, charges, refunds — with the
 * form-encoded bodies the SDK sends, honouring `Stripe-Account` (direct charges) and `Idempotency-Key`. Helpers
 * complete a checkout or an onboarding and deliver the webhook events Stripe would send, signed with the SDK's
 * own `webhooks.generateTestHeaderString`. Hosted pages (`/checkout/:id`, `/connect/onboarding/:account`) let a
 * browser test click through.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { newId, parseStripeForm, publicView, StandinState, type Json } from './stripe-standin-state.ts';
import { BillingStandin } from './stripe-standin-billing.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  stripeAccount: string | null;
  idempotencyKey: string | null;
  body: Json;
}

export interface StripeEvent {
  id: string;
  type: string;
  account: string | null;
  created: number;
  data: { object: Json };
}

/** Where events go: a URL (a real server), or a function (a Fastify app driven with inject). */
export type Deliver = (payload: string, signature: string) => Promise<number>;

export interface StripeStandin {
  url: string;
  secretKey: string;
  webhookSecret: string;
  /** The variables that point a server at this stand-in. */
  env: Record<string, string>;
  state: StandinState;
  /** Stripe Billing on the platform account: prices, customers, subscriptions, schedules, invoices. */
  billing: BillingStandin;
  /** The Billing events Stripe would have sent since the last call, oldest first (not yet delivered). */
  takeBillingEvents(): StripeEvent[];
  requests: RecordedRequest[];
  deliverTo(deliver: Deliver | string): void;
  /** Marks the session paid; answers the events Stripe sends for it (not yet delivered). */
  completeCheckout(sessionId: string): StripeEvent[];
  /** Finishes the account's onboarding; answers its account.updated event. */
  finishOnboarding(accountId: string): StripeEvent;
  /** The charge.refunded event of the charge behind this payment intent, as it is now. */
  refundedEvent(accountId: string, paymentIntentId: string): StripeEvent;
  sign(event: StripeEvent, secret?: string): { payload: string; signature: string };
  deliver(event: StripeEvent): Promise<number>;
  close(): Promise<void>;
}

const signer = new Stripe('sk_test_standin_signer');

function event(type: string, account: string | null, object: Json): StripeEvent {
  return { id: newId('evt'), type, account, created: Math.floor(Date.now() / 1000), data: { object: publicView(object) } };
}

function apiError(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { type: 'invalid_request_error', code: status === 404 ? 'resource_missing' : 'parameter_invalid', message } }));
}

function json(res: ServerResponse, body: Json) {
  res.writeHead(200, { 'content-type': 'application/json', 'request-id': newId('req') });
  res.end(JSON.stringify(publicView(body)));
}

const html = (res: ServerResponse, body: string) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Stripe stand-in</title></head><body>${body}</body></html>`);
};
const redirect = (res: ServerResponse, location: string) => {
  res.writeHead(303, { location });
  res.end();
};
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startStripeStandin(options: { webhookSecret?: string; port?: number } = {}): Promise<StripeStandin> {
  const state = new StandinState();
  const billing = new BillingStandin(state);
  const requests: RecordedRequest[] = [];
  const webhookSecret = options.webhookSecret ?? `whsec_${newId('standin')}`;
  let deliverFn: Deliver | null = null;
  let baseUrl = '';

  const api = (method: string, path: string, account: string | null, body: Json, res: ServerResponse): void => {
    const [, , resource, id, sub] = path.split('/');
    if (!account) {
      const answered = billingApi(method, resource, id, sub, body, res);
      if (answered !== false) return answered;
    }
    if (method === 'POST' && resource === 'accounts' && !id) return json(res, state.createAccount(body));
    if (method === 'GET' && resource === 'accounts' && id) {
      const found = state.accounts.get(id);
      return found ? json(res, found) : apiError(res, 404, `No such account: '${id}'`);
    }
    if (method === 'POST' && resource === 'account_links') {
      if (!state.accounts.has(String(body.account))) return apiError(res, 400, `No such account: '${String(body.account)}'`);
      const query = new URLSearchParams({ return_url: String(body.return_url), refresh_url: String(body.refresh_url) });
      return json(res, {
        object: 'account_link',
        url: `${baseUrl}/connect/onboarding/${String(body.account)}?${query}`,
        created: Math.floor(Date.now() / 1000),
        expires_at: Math.floor(Date.now() / 1000) + 300,
      });
    }
    if (resource === 'checkout' && id === 'sessions') {
      if (!account) return apiError(res, 400, 'The stand-in expects Checkout Sessions as direct charges (Stripe-Account header)');
      if (method === 'POST' && !sub) return json(res, state.createCheckoutSession(account, body, baseUrl));
      if (method === 'POST' && sub && path.endsWith('/expire')) {
        try {
          return json(res, state.expireCheckoutSession(account, sub));
        } catch (error) {
          return apiError(res, (error as { status?: number }).status ?? 400, (error as Error).message);
        }
      }
      const session = sub ? state.owned(account, sub, 'checkout.session') : undefined;
      return session ? json(res, session) : apiError(res, 404, `No such checkout.session: '${sub ?? ''}'`);
    }
    if (method === 'GET' && (resource === 'payment_intents' || resource === 'charges') && id) {
      const found = state.owned(account, id, resource === 'charges' ? 'charge' : 'payment_intent');
      return found ? json(res, found) : apiError(res, 404, `No such ${resource}: '${id}'`);
    }
    if (method === 'POST' && resource === 'refunds') {
      if (!account) return apiError(res, 400, 'Refunds of direct charges need the Stripe-Account header');
      try {
        return json(res, state.createRefund(account, body).refund);
      } catch (error) {
        return apiError(res, (error as { status?: number }).status ?? 400, (error as Error).message);
      }
    }
    return apiError(res, 404, `Unrecognized request URL (${method}: ${path})`);
  };

  /** The platform account's Billing endpoints; false when the request is not one of them. */
  const billingApi = (
    method: string,
    resource: string | undefined,
    id: string | undefined,
    sub: string | undefined,
    body: Json,
    res: ServerResponse,
  ): void | false => {
    try {
      if (method === 'GET' && resource === 'prices' && !id) return json(res, billing.listPrices(body));
      if (method === 'POST' && resource === 'customers' && !id) return json(res, billing.createCustomer(body));
      if (method === 'POST' && resource === 'checkout' && id === 'sessions' && !sub && body.mode === 'subscription')
        return json(res, billing.createCheckout(body, baseUrl));
      if (method === 'GET' && resource === 'checkout' && id === 'sessions' && sub) {
        const session = state.owned(null, sub, 'checkout.session');
        return session ? json(res, session) : apiError(res, 404, `No such checkout.session: '${sub}'`);
      }
      if (resource === 'subscriptions' && id) {
        if (method === 'GET') return json(res, billing.subscription(id));
        if (method === 'DELETE') return json(res, billing.cancelSubscription(id));
        if (method === 'POST' && !sub) return json(res, billing.updateSubscription(id, body));
      }
      if (resource === 'subscription_schedules') {
        if (method === 'POST' && !id) return json(res, billing.createSchedule(body));
        if (method === 'GET' && id) return json(res, billing.schedule(id));
        if (method === 'POST' && id && sub === 'release') return json(res, billing.releaseSchedule(id));
        if (method === 'POST' && id && !sub) return json(res, billing.updateSchedule(id, body));
      }
      if (method === 'POST' && resource === 'billing_portal' && id === 'sessions') return json(res, billing.portalSession(body, baseUrl));
      if (method === 'POST' && resource === 'invoices' && id === 'create_preview') return json(res, billing.preview(body));
      if (method === 'GET' && resource === 'invoices' && id) {
        const invoice = state.owned(null, id, 'invoice');
        return invoice ? json(res, invoice) : apiError(res, 404, `No such invoice: '${id}'`);
      }
    } catch (error) {
      return apiError(res, (error as { status?: number }).status ?? 400, (error as Error).message);
    }
    return false;
  };

  const standin: StripeStandin = {
    url: '',
    secretKey: 'sk_test_standin',
    webhookSecret,
    env: {},
    state,
    billing,
    takeBillingEvents: () => billing.emitted.splice(0).map((e) => event(e.type, null, e.object)),
    requests,
    deliverTo(target) {
      deliverFn =
        typeof target === 'string'
          ? async (payload, signature) =>
              (await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload })).status
          : target;
    },
    completeCheckout(sessionId) {
      const { session, intent, charge } = state.payCheckoutSession(sessionId);
      return [
        event('checkout.session.completed', session.__account, session),
        event('payment_intent.succeeded', intent.__account, intent),
        event('charge.succeeded', charge.__account, charge),
      ];
    },
    finishOnboarding(accountId) {
      return event('account.updated', accountId, state.enableAccount(accountId));
    },
    refundedEvent(accountId, paymentIntentId) {
      const intent = state.owned(accountId, paymentIntentId, 'payment_intent');
      const charge = intent && state.owned(accountId, String(intent.latest_charge), 'charge');
      if (!charge) throw new Error(`stand-in: no charge for ${paymentIntentId} on ${accountId}`);
      return event('charge.refunded', accountId, charge);
    },
    sign(evt, secret = webhookSecret) {
      const payload = JSON.stringify({ ...evt, object: 'event', api_version: Stripe.API_VERSION, livemode: false });
      return { payload, signature: signer.webhooks.generateTestHeaderString({ payload, secret }) };
    },
    async deliver(evt) {
      if (!deliverFn) throw new Error('stand-in: call deliverTo() first');
      const { payload, signature } = standin.sign(evt);
      return deliverFn(payload, signature);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  /** The hosted pages a browser clicks through; each delivers the events, then goes back like Stripe does. */
  const hosted = async (method: string, url: URL, res: ServerResponse): Promise<boolean> => {
    const [, area, kind, id] = url.pathname.split('/');
    if (area === 'healthz') {
      html(res, 'ok');
      return true;
    }
    if (area === 'checkout' && kind) {
      const session = state.objects.get(kind);
      if (!session || session.object !== 'checkout.session') return false;
      if (session.status === 'expired') {
        html(res, '<h1>This payment page has expired</h1>');
        return true;
      }
      if (method === 'GET') {
        html(
          res,
          `<h1>Pay ${escape(String(session.currency).toUpperCase())} ${(Number(session.amount_total) / 100).toFixed(2)}</h1><form method="post" action="/checkout/${kind}/pay"><button type="submit">Pay</button></form><a href="${escape(String(session.cancel_url))}">Cancel</a>`,
        );
        return true;
      }
      if (session.mode === 'subscription') {
        billing.payCheckout(session);
        for (const evt of standin.takeBillingEvents()) await standin.deliver(evt);
      } else for (const evt of standin.completeCheckout(kind)) await standin.deliver(evt);
      redirect(res, String(session.success_url).replace('{CHECKOUT_SESSION_ID}', kind));
      return true;
    }
    if (area === 'portal' && kind) {
      html(res, `<h1>Customer Portal</h1><a href="${escape(url.searchParams.get('return_url') ?? '/')}">Return</a>`);
      return true;
    }
    if (area === 'connect' && kind === 'onboarding' && id && state.accounts.has(id)) {
      if (method === 'GET') {
        html(
          res,
          `<h1>Stripe onboarding</h1><form method="post" action="${escape(url.pathname + url.search)}"><button type="submit">Finish onboarding</button></form>`,
        );
        return true;
      }
      await standin.deliver(standin.finishOnboarding(id));
      redirect(res, url.searchParams.get('return_url') ?? '/');
      return true;
    }
    return false;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', baseUrl);
      const raw = await readBody(req);
      if (url.pathname.startsWith('/v1/')) {
        // A GET carries its parameters in the query, whatever its content type says.
        const body =
          req.headers['content-type']?.includes('application/x-www-form-urlencoded') && raw ? parseStripeForm(raw) : parseStripeForm(url.search.slice(1));
        const account = (req.headers['stripe-account'] as string | undefined) ?? null;
        const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) ?? null;
        requests.push({ method: req.method ?? 'GET', path: url.pathname, stripeAccount: account, idempotencyKey, body });
        if (!req.headers.authorization?.startsWith('Bearer sk_test_')) return apiError(res, 401, 'Invalid API Key provided');
        const replay = idempotencyKey && req.method === 'POST' ? state.idempotent.get(`${account}:${idempotencyKey}`) : undefined;
        if (replay) return json(res, replay);
        const original = res.end.bind(res);
        if (idempotencyKey && req.method === 'POST') {
          res.end = ((chunk: string) => {
            if (res.statusCode === 200) state.idempotent.set(`${account}:${idempotencyKey}`, JSON.parse(chunk) as Json);
            return original(chunk);
          }) as typeof res.end;
        }
        return api(req.method ?? 'GET', url.pathname, account, body, res);
      }
      if (!(await hosted(req.method ?? 'GET', url, res))) apiError(res, 404, 'Not found');
    })().catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  standin.url = baseUrl;
  standin.env = { STRIPE_SECRET_KEY: standin.secretKey, STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_API_BASE: baseUrl };
  return standin;
}
