/**
 * How a confirmed online payment reaches the money domain. The webhook knows Stripe; the money service (issue 11)
 * knows invoices and deposits: it registers a `PaymentRecorder` at start-up and the webhook calls it once per
 * payment. Until one is registered, payment events are refused with a retryable answer (Stripe retries for
 * days), so no payment is acknowledged without being recorded.
 */
import type { Platform } from '../../../platform/platform.ts';
import type { PaymentKind } from './payment-types.ts';

export interface StudioRef {
  id: string;
  stripeAccountId: string;
}

export interface PaymentSucceeded {
  kind: PaymentKind;
  targetId: string;
  amountCents: number;
  currency: string;
  paymentIntentId: string;
  checkoutSessionId: string | null;
  applicationFeeCents: number | null;
  /** The Stripe event that reported it, for the recorder's own audit. */
  eventId: string;
}

export interface PaymentRefunded {
  kind: PaymentKind | null;
  targetId: string | null;
  paymentIntentId: string;
  chargeId: string;
  /** Everything refunded on the charge so far (Stripe's `amount_refunded`), not just the latest refund. */
  amountRefundedCents: number;
  currency: string;
  eventId: string;
}

/**
 * Implemented by the money service. Each method must be idempotent by `paymentIntentId` (and refunded total):
 * the webhook calls it once per payment, but a crash between the recorder's commit and the webhook's could
 * make Stripe deliver again.
 */
export interface PaymentRecorder {
  onPaymentSucceeded(studio: StudioRef, payment: PaymentSucceeded): Promise<void>;
  onPaymentRefunded(studio: StudioRef, refund: PaymentRefunded): Promise<void>;
}

const recorders = new WeakMap<Platform, PaymentRecorder>();

export function registerPaymentRecorder(platform: Platform, recorder: PaymentRecorder): void {
  recorders.set(platform, recorder);
}

export function paymentRecorder(platform: Platform): PaymentRecorder | null {
  return recorders.get(platform) ?? null;
}

/** Tests only: a server as it was before the money domain registered its recorder. */
export function unregisterPaymentRecorder(platform: Platform): void {
  recorders.delete(platform);
}
