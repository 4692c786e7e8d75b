/** Refused bookings put into words: the calendar's form, panel and grid all explain them the same way. */
import { apiErrorMessage, readApiError } from '../../../lib/trpc/errors.ts';

/**
 * The server's own sentence for a refused booking ("Mix Room is taken Mon 1 Mar 14:00–16:00 by …",
 * already in the studio's language); other errors in the reader's language. The plan's limit is
 * told from the server's figures (its sentence is English only), with the way out.
 */
export function bookingErrorMessage(t: Parameters<typeof apiErrorMessage>[0], error: unknown): string {
  const { appCode, params } = readApiError(error);
  if (isSessionChanged(error)) return t('calendar.errors.sessionChanged');
  if (appCode === 'CONFLICT' && error instanceof Error && error.message) return error.message;
  if (appCode === 'LIMIT_REACHED' && typeof params.limit === 'number')
    return t('calendar.errors.limitReached', { limit: params.limit, used: params.used ?? params.limit });
  if (appCode === 'LIMIT_REACHED' && error instanceof Error && error.message) return error.message;
  if (appCode === 'BAD_REQUEST' && typeof params.minimum === 'number') return t('calendar.errors.minimum', { minutes: params.minimum });
  if (appCode === 'BAD_REQUEST' && typeof params.increment === 'number') return t('calendar.errors.increment', { minutes: params.increment });
  if (appCode === 'BAD_REQUEST' && typeof params.status === 'string') return t('calendar.errors.notMovable', { status: t(`calendar.status.${params.status}`) });
  return apiErrorMessage(t, error);
}

/** Refusals the booking form explains in a sentence of their own rather than on a field. */
export function isBookingRefusal(error: unknown): boolean {
  const { appCode, params } = readApiError(error);
  return appCode === 'CONFLICT' || appCode === 'LIMIT_REACHED' || params.minimum !== undefined || params.increment !== undefined;
}

/** The session was changed by someone else since it was shown (optimistic concurrency): reload it. */
export function isSessionChanged(error: unknown): boolean {
  const { appCode, params } = readApiError(error);
  return appCode === 'CONFLICT' && params.reason === 'sessionChanged';
}
