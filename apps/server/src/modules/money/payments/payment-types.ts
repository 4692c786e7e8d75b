/** Plain shapes of what the product reads from and sends to Stripe (no SDK types outside stripe-adapter.ts). */

/** What an online payment pays for; names the money row the payment will be recorded against. */
export const PAYMENT_KINDS = ['invoice', 'quote_deposit', 'booking_deposit'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

export interface AccountStatus {
  accountId: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  /** Stripe's `requirements.currently_due`: what onboarding still asks for. */
  requirementsDue: string[];
  disabledReason: string | null;
}

export interface CheckoutLineItem {
  name: string;
  /** Integer minor units (ENGINEERING.md, decision 6). */
  unitAmountCents: number;
  quantity: number;
}

export interface CheckoutRequest {
  studioId: string;
  kind: PaymentKind;
  targetId: string;
  /** ISO 4217, e.g. EUR. */
  currency: string;
  lineItems: CheckoutLineItem[];
  successUrl: string;
  cancelUrl: string;
  customerEmail?: string;
  locale?: 'en' | 'fr';
  /** One Checkout Session per attempt to pay a given thing, even when the request is retried. */
  idempotencyKey: string;
}

export interface CheckoutSessionView {
  id: string;
  url: string | null;
  /** Stripe's words ('open', 'complete', 'expired'…): kept as strings, Stripe may add more. */
  status: string | null;
  /** 'paid', 'unpaid', 'no_payment_required'… */
  paymentStatus: string;
  amountTotalCents: number;
  currency: string;
  paymentIntentId: string | null;
  metadata: Record<string, string>;
}

export interface PaymentIntentView {
  id: string;
  status: string;
  amountCents: number;
  amountReceivedCents: number;
  currency: string;
  applicationFeeCents: number | null;
  latestChargeId: string | null;
  metadata: Record<string, string>;
}

export interface ChargeView {
  id: string;
  paymentIntentId: string | null;
  amountCents: number;
  amountRefundedCents: number;
  currency: string;
  refunded: boolean;
  metadata: Record<string, string>;
}

export interface RefundView {
  id: string;
  amountCents: number;
  currency: string;
  status: string;
  paymentIntentId: string | null;
}
