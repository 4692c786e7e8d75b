/**
 * Error codes a procedure can answer with. The server maps domain errors to
 * these once; the web shows `errors.<code>` from i18n, with `params`.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'LIMIT_REACHED',
  'TENANT_UNAVAILABLE',
  'TENANT_OUTDATED',
  'OVERLOADED',
  'INVALID_CREDENTIALS',
  'TOKEN_INVALID',
  'EMAIL_TAKEN',
  'SLUG_TAKEN',
  'LAST_OWNER',
  /** Money settings: a rate the same as an active one, a rate still used by active items, the default rate, an archived rate. */
  'VAT_RATE_EXISTS',
  'VAT_RATE_IN_USE',
  'VAT_RATE_IS_DEFAULT',
  'VAT_RATE_ARCHIVED',
  /** A feature needs server configuration that is missing (e.g. online payment without a Stripe key). */
  'NOT_CONFIGURED',
  /** The payment provider (Stripe) refused or could not be reached. */
  'PAYMENT_PROVIDER',
  /** The studio requires two-factor sign-in and the caller has not enrolled: the web app opens the enrolment screen. */
  'TWO_FACTOR_REQUIRED',
  /** A wrong, expired or already used two-factor code or backup code. */
  'TWO_FACTOR_CODE_INVALID',
  /** Money documents: an issued document edited, a draft that cannot be issued (with the problems), a payment above the balance, a credit above what the invoice asks. */
  'DOCUMENT_NOT_DRAFT',
  'DOCUMENT_INVALID',
  'OVERPAYMENT',
  'CREDIT_EXCEEDS_INVOICE',
  /** The studio is read-only (trial ended unpaid, grace period over, subscription ended): nothing can be created or changed. */
  'STUDIO_READ_ONLY',
  /** The studio is suspended by the operator: nothing of it is served until it is resumed. */
  'STUDIO_SUSPENDED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
