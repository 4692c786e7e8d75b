/**
 * The stand-in Stripe as a process for the browser tests (started by playwright.config.ts before the server):
 * the e2e server's Stripe SDK talks to it, and its hosted onboarding and checkout pages deliver signed webhook
 * events to the e2e server, as Stripe would.
 */
import { startStripeStandin } from '../../test/support/stripe-standin.ts';

const [port, webhookSecret, webhookUrl] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
if (!port || !webhookSecret || !webhookUrl) {
  console.error('usage: stripe-standin-server.ts <port> <webhook secret> <webhook url>');
  process.exit(1);
}
const standin = await startStripeStandin({ port, webhookSecret });
standin.deliverTo(webhookUrl);
console.log(`stand-in Stripe on ${standin.url}`);
const stop = () => void standin.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
