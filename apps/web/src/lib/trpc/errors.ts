/**
 * Turns API errors into words: `error.data.appCode` becomes
 * `errors.codes.<CODE>` (with `params`), and `fieldErrors` (i18n keys per
 * input field) land on the matching react-hook-form fields.
 */
import { TRPCClientError } from '@trpc/client';
import type { TFunction } from 'i18next';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '@rsm/shared/errors';

const errorDataSchema = z.object({
  appCode: z.enum(ERROR_CODES).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  fieldErrors: z.record(z.string(), z.array(z.string())).nullish(),
});

export type ApiError = {
  /** null when the server could not be reached or answered something unexpected. */
  appCode: ErrorCode | null;
  params: Record<string, string | number>;
  fieldErrors: Record<string, string[]>;
};

export function readApiError(error: unknown): ApiError {
  if (!(error instanceof TRPCClientError)) return { appCode: null, params: {}, fieldErrors: {} };
  const parsed = errorDataSchema.safeParse(error.data);
  if (!parsed.success) return { appCode: null, params: {}, fieldErrors: {} };
  return { appCode: parsed.data.appCode ?? null, params: parsed.data.params ?? {}, fieldErrors: parsed.data.fieldErrors ?? {} };
}

export function hasAppCode(error: unknown, ...codes: ErrorCode[]): boolean {
  const { appCode } = readApiError(error);
  return appCode !== null && codes.includes(appCode);
}

/** A sentence for the user, in their language, for any error an API call can throw. */
export function apiErrorMessage(t: TFunction, error: unknown): string {
  const { appCode, params } = readApiError(error);
  if (appCode) return t(`errors.codes.${appCode}`, params);
  // A TRPCClientError without data means the request never got a tRPC answer.
  if (error instanceof TRPCClientError) return t('errors.network');
  return t('errors.unexpected');
}

/** zod and server messages are i18n keys; anything else (a library default) gets a generic sentence. */
export function translateMessageKey(t: TFunction, message: string): string {
  // Shared keys (errors.*) and a domain's own (e.g. bookingPage.errors.*).
  if (!message.startsWith('errors.') && !/^[a-zA-Z]+\.errors\./.test(message)) return t('errors.invalid_value');
  return t(message, { defaultValue: t('errors.invalid_value') });
}

type FieldErrorTarget<T extends FieldValues> = {
  setError: UseFormSetError<T>;
  /** The form's field names: server errors for other inputs fall back to the form message. */
  fields: readonly Path<T>[];
  /** Input names that differ from form names, e.g. `{ hourlyRateCents: 'hourlyRate' }`. */
  rename?: Partial<Record<string, Path<T>>>;
  /** Codes that are about one field, e.g. `{ SLUG_TAKEN: 'slug' }`: shown under that field. */
  codeFields?: Partial<Record<ErrorCode, Path<T>>>;
};

/**
 * Puts field errors on their fields and returns the message to show for the
 * whole form, or null when every problem is already shown next to a field.
 */
export function applyApiError<T extends FieldValues>(t: TFunction, error: unknown, target: FieldErrorTarget<T>): string | null {
  const { appCode, fieldErrors } = readApiError(error);
  const codeField = appCode ? target.codeFields?.[appCode] : undefined;
  if (codeField) {
    target.setError(codeField, { type: 'server', message: `errors.codes.${appCode}` });
    return null;
  }
  let unplaced = false;
  let placed = false;
  for (const [inputName, messages] of Object.entries(fieldErrors)) {
    const field = target.rename?.[inputName] ?? target.fields.find((name) => name === inputName);
    const message = messages[0];
    if (field && message) {
      target.setError(field, { type: 'server', message });
      placed = true;
    } else {
      unplaced = true;
    }
  }
  if (placed && !unplaced) return null;
  return apiErrorMessage(t, error);
}
