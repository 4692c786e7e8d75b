/**
 * POST /api/stripe/webhook — Stripe's events, outside tRPC: the signature is computed over the exact bytes
 * Stripe sent, so the body is kept raw (a Buffer) in this route's own scope. Answers: 400 bad signature (nothing
 * applied), 200 applied / duplicate / ignored / unknown account, 503 + Retry-After when it cannot apply now
 * (Stripe retries), never a 500 for an event it understands.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Platform } from '../../../platform/platform.ts';
import { toAppError } from '../../../trpc/error-mapping.ts';
import { isUnavailableError } from '../../../platform/postgres/unavailable.ts';
import { stripeGateway } from './stripe-adapter.ts';
import { handleStripeEvent } from './stripe-webhook.handler.ts';
import { controlEventStore, type StripeEventStore } from './stripe-event-store.ts';

export const STRIPE_WEBHOOK_PATH = '/api/stripe/webhook';
/** Stripe's event payloads are a few KB; 256 KB leaves room for large objects and refuses floods early. */
const BODY_LIMIT = 256 * 1024;
/** Per client address and instance, counted before the signature is checked: Stripe itself stays far below. */
const PER_MINUTE = 600;

/** A fixed one-minute window per address, starting at its first request; forgotten windows are dropped as it grows. */
function limiter(perMinute: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return (ip: string, now = Date.now()) => {
    if (windows.size > 10_000) for (const [key, w] of windows) if (now - w.start >= 60_000) windows.delete(key);
    let w = windows.get(ip);
    if (!w || now - w.start >= 60_000) windows.set(ip, (w = { start: now, count: 0 }));
    w.count++;
    return w.count <= perMinute;
  };
}

export function registerStripeWebhookRoute(app: FastifyInstance, platform: Platform, store: StripeEventStore = controlEventStore(platform.controlDb)): void {
  const allow = limiter(PER_MINUTE);
  void app.register(async (scope) => {
    // In this scope only: every other route keeps Fastify's JSON parsing.
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));
    scope.post(STRIPE_WEBHOOK_PATH, { bodyLimit: BODY_LIMIT }, async (req, reply) => {
      if (!allow(req.ip)) return reply.code(429).header('retry-after', '60').send({ error: 'Too many requests' });
      const stripe = stripeGateway(platform.config);
      if (!stripe) return reply.code(404).send({ error: 'Online payment is not set up on this server' });
      if (!Buffer.isBuffer(req.body)) return reply.code(400).send({ error: 'Expected a JSON body' });
      let event;
      try {
        event = await stripe.verifyEvent(req.body, req.headers['stripe-signature'] as string | undefined);
      } catch (error) {
        // A key but no signing secret: no event can be trusted here, the endpoint is not set up.
        if (toAppError(error)?.code === 'NOT_CONFIGURED') return reply.code(404).send({ error: 'Stripe webhooks are not set up on this server' });
        return refuse(reply, error, req.log);
      }
      try {
        const outcome = await handleStripeEvent(platform, store, event);
        req.log.info({ stripeEvent: event.id, type: event.type, outcome }, 'stripe webhook');
        return reply.send({ received: true, outcome });
      } catch (error) {
        return refuse(reply, error, req.log.child({ stripeEvent: event.id, type: event.type }));
      }
    });
  });
}

function refuse(reply: FastifyReply, error: unknown, log: FastifyReply['log']) {
  const appError = toAppError(error);
  if (appError?.code === 'BAD_REQUEST') {
    log.warn({ reason: appError.message }, 'stripe webhook refused');
    return reply.code(400).send({ error: appError.message });
  }
  if (appError?.code === 'NOT_FOUND') {
    // Stripe does not know the object on that account: retrying cannot help.
    log.warn({ reason: appError.message }, 'stripe webhook: object not found on Stripe, acknowledged');
    return reply.send({ received: true, outcome: 'ignored' });
  }
  if (appError || isUnavailableError(error)) {
    log.warn({ code: appError?.code, reason: appError?.message }, 'stripe webhook not applied now: Stripe will retry');
    return reply
      .code(503)
      .header('retry-after', '30')
      .send({ error: appError?.message ?? 'The server is busy' });
  }
  throw error;
}
