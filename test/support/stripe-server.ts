/** A test server pointed at a stand-in Stripe whose webhook events are delivered to the server's own endpoint. */
import { createTestServer, type TestServer } from './platform.ts';
import { startStripeStandin, type StripeStandin } from './stripe-standin.ts';

export async function startServerWithStripe(env: Record<string, string> = {}): Promise<{ standin: StripeStandin; server: TestServer }> {
  const standin = await startStripeStandin();
  const server = await createTestServer({ ...standin.env, ...env });
  standin.deliverTo(
    async (payload, signature) =>
      (
        await server.app.inject({
          method: 'POST',
          url: '/api/stripe/webhook',
          headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature },
          payload,
        })
      ).statusCode,
  );
  return { standin, server };
}
