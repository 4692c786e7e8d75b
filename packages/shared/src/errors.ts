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
  /** The studio requires two-factor sign-in and the caller has not enrolled: the web app opens the enrolment screen. */
  'TWO_FACTOR_REQUIRED',
  /** A wrong, expired or already used two-factor code or backup code. */
  'TWO_FACTOR_CODE_INVALID',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
