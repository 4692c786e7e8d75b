// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import type { TFunction } from 'i18next';
import { bookingErrorMessage, isBookingRefusal } from './booking-errors.ts';

function apiError(message: string, data: unknown): TRPCClientError<never> {
  return new TRPCClientError(message, { result: { error: { code: -32600, message, data } } } as never);
}

const t = ((key: string, options?: Record<string, unknown>) =>
  options && Object.keys(options).length ? `${key} ${JSON.stringify(options)}` : key) as unknown as TFunction;

describe('bookingErrorMessage', () => {
  it("keeps the server's sentence for a conflict (already in the studio's language)", () => {
    const error = apiError("Live Room is taken Wed 15 May 10:00–12:00 by 'Mix'", { appCode: 'CONFLICT', params: {} });
    expect(bookingErrorMessage(t, error)).toBe("Live Room is taken Wed 15 May 10:00–12:00 by 'Mix'");
    expect(isBookingRefusal(error)).toBe(true);
  });

  it("tells the plan's limit in the reader's language from the server's figures", () => {
    const error = apiError('The Starter plan includes 50 sessions a month…', { appCode: 'LIMIT_REACHED', params: { used: 50, limit: 50, plan: 'starter' } });
    expect(bookingErrorMessage(t, error)).toBe('calendar.errors.limitReached {"limit":50,"used":50}');
    expect(isBookingRefusal(error)).toBe(true);
  });

  it("falls back to the server's sentence when the limit comes without figures", () => {
    expect(bookingErrorMessage(t, apiError('Limit reached', { appCode: 'LIMIT_REACHED', params: {} }))).toBe('Limit reached');
  });

  it('explains room rules, and leaves other errors to the form', () => {
    const minimum = apiError('too short', { appCode: 'BAD_REQUEST', params: { minimum: 120 } });
    expect(bookingErrorMessage(t, minimum)).toBe('calendar.errors.minimum {"minutes":120}');
    expect(isBookingRefusal(minimum)).toBe(true);
    const invalid = apiError('invalid', { appCode: 'BAD_REQUEST', params: {}, fieldErrors: { title: ['errors.required'] } });
    expect(isBookingRefusal(invalid)).toBe(false);
  });
});
