/** Refusals of the booking page (public and staff side) in words: our reasons first, then the shared codes. */
import type { TFunction } from 'i18next';
import { apiErrorMessage, readApiError } from '@/lib/trpc/errors.ts';

const REASONS = [
  'slotTaken',
  'studioLimit',
  'notPending',
  'approveFirst',
  'noDeposit',
  'depositAlreadyReceived',
  'notActive',
  'logoType',
  'logoTooLarge',
  'logoInvalid',
] as const;
type Reason = (typeof REASONS)[number];

export function bookingPageReason(error: unknown): Reason | null {
  const reason = readApiError(error).params.reason;
  return typeof reason === 'string' && (REASONS as readonly string[]).includes(reason) ? (reason as Reason) : null;
}

export function bookingPageErrorMessage(t: TFunction, error: unknown): string {
  const reason = bookingPageReason(error);
  if (reason) return t(`bookingPage.errors.${reason}`);
  if (readApiError(error).appCode === 'TOKEN_INVALID') return t('bookingPage.errors.tokenInvalid');
  return apiErrorMessage(t, error);
}
