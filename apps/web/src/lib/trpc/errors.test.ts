// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import type { TFunction } from 'i18next';
import { apiErrorMessage, applyApiError, readApiError } from './errors.ts';

function apiError(data: unknown): TRPCClientError<never> {
  return new TRPCClientError('refused', { result: { error: { code: -32600, message: 'refused', data } } } as never);
}

// A stand-in translator that shows which key and values were asked for.
const t = ((key: string, options?: Record<string, unknown>) =>
  options && Object.keys(options).length ? `${key} ${JSON.stringify(options)}` : key) as unknown as TFunction;

describe('readApiError', () => {
  it('reads appCode, params and fieldErrors from the server shape', () => {
    const error = apiError({ appCode: 'RATE_LIMITED', params: { retryAfterMinutes: 2 }, fieldErrors: null });
    expect(readApiError(error)).toEqual({ appCode: 'RATE_LIMITED', params: { retryAfterMinutes: 2 }, fieldErrors: {} });
  });

  it('treats unknown shapes and non-API errors as having no code', () => {
    expect(readApiError(apiError({ appCode: 'NOT_A_CODE' })).appCode).toBeNull();
    expect(readApiError(new Error('boom')).appCode).toBeNull();
  });
});

describe('apiErrorMessage', () => {
  it('translates errors.codes.<CODE> with the params', () => {
    expect(apiErrorMessage(t, apiError({ appCode: 'RATE_LIMITED', params: { retryAfterMinutes: 2 } }))).toBe(
      'errors.codes.RATE_LIMITED {"retryAfterMinutes":2}',
    );
  });
  it('explains a request that never got an answer', () => {
    expect(apiErrorMessage(t, new TRPCClientError('Failed to fetch'))).toBe('errors.network');
  });
});

describe('applyApiError', () => {
  function target() {
    const set: Record<string, string | undefined> = {};
    return { set, setError: (name: string, error: { message?: string }) => void (set[name] = error.message) };
  }

  it('puts field errors on their fields (renamed when needed) and leaves no form message', () => {
    const { set, setError } = target();
    const error = apiError({ appCode: 'BAD_REQUEST', params: {}, fieldErrors: { hourlyRateCents: ['errors.amount_too_large'], name: ['errors.required'] } });
    const message = applyApiError(t, error, { setError, fields: ['name', 'hourlyRate'], rename: { hourlyRateCents: 'hourlyRate' } });
    expect(message).toBeNull();
    expect(set).toEqual({ hourlyRate: 'errors.amount_too_large', name: 'errors.required' });
  });

  it('shows a code about one field under that field', () => {
    const { set, setError } = target();
    expect(
      applyApiError(t, apiError({ appCode: 'SLUG_TAKEN', params: { slug: 'x' } }), { setError, fields: ['slug'], codeFields: { SLUG_TAKEN: 'slug' } }),
    ).toBeNull();
    expect(set).toEqual({ slug: 'errors.codes.SLUG_TAKEN' });
  });

  it('falls back to the form message for errors it cannot place', () => {
    const { setError } = target();
    const error = apiError({ appCode: 'BAD_REQUEST', params: {}, fieldErrors: { token: ['Too small'] } });
    expect(applyApiError(t, error, { setError, fields: ['password'] })).toBe('errors.codes.BAD_REQUEST');
  });
});
