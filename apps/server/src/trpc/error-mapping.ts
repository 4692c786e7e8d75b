/**
 * The one place where errors become tRPC / HTTP answers. Domain errors keep
 * their code for the client (`data.appCode`); anything unexpected becomes a
 * generic 500 whose details stay in the server log.
 */
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { ZodError } from 'zod';
import type { ErrorCode } from '@rsm/shared/errors';
import { AppError } from '../platform/errors.ts';
import { isUnavailableError } from '../platform/postgres/unavailable.ts';

const STATUS: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  LIMIT_REACHED: 'FORBIDDEN',
  STUDIO_READ_ONLY: 'FORBIDDEN',
  STUDIO_SUSPENDED: 'FORBIDDEN',
  TENANT_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  TENANT_OUTDATED: 'SERVICE_UNAVAILABLE',
  OVERLOADED: 'SERVICE_UNAVAILABLE',
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  TOKEN_INVALID: 'BAD_REQUEST',
  EMAIL_TAKEN: 'CONFLICT',
  SLUG_TAKEN: 'CONFLICT',
  LAST_OWNER: 'CONFLICT',
  VAT_RATE_EXISTS: 'CONFLICT',
  VAT_RATE_IN_USE: 'CONFLICT',
  VAT_RATE_IS_DEFAULT: 'CONFLICT',
  VAT_RATE_ARCHIVED: 'CONFLICT',
  NOT_CONFIGURED: 'PRECONDITION_FAILED',
  PAYMENT_PROVIDER: 'BAD_GATEWAY',
  TWO_FACTOR_REQUIRED: 'FORBIDDEN',
  TWO_FACTOR_CODE_INVALID: 'BAD_REQUEST',
  DOCUMENT_NOT_DRAFT: 'CONFLICT',
  DOCUMENT_INVALID: 'BAD_REQUEST',
  OVERPAYMENT: 'CONFLICT',
  CREDIT_EXCEEDS_INVOICE: 'CONFLICT',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

/** Turn whatever a procedure threw into an AppError (domain meaning) or null (a bug). */
export function toAppError(error: unknown): AppError | null {
  const cause = error instanceof TRPCError && error.cause ? error.cause : error;
  if (cause instanceof AppError) return cause;
  if (isUnavailableError(cause)) {
    return new AppError('OVERLOADED', 'The server is busy. Please retry in a moment.', { retryAfterSeconds: 1 });
  }
  return null;
}

export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError && (error.code !== 'INTERNAL_SERVER_ERROR' || !error.cause)) return error;
  const appError = toAppError(error);
  if (appError) return new TRPCError({ code: STATUS[appError.code], message: appError.message, cause: appError });
  const cause = error instanceof TRPCError ? error.cause : error;
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side.', cause: cause instanceof Error ? cause : undefined });
}

export function fieldErrorsOf(error: TRPCError): Record<string, string[]> | null {
  if (!(error.cause instanceof ZodError)) return null;
  const fields: Record<string, string[]> = {};
  for (const issue of error.cause.issues) {
    const key = issue.path.join('.') || '_';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export function appCodeOf(error: TRPCError): ErrorCode {
  if (error.cause instanceof AppError) return error.cause.code;
  if (error.cause instanceof ZodError) return 'BAD_REQUEST';
  const byStatus: Partial<Record<TRPC_ERROR_CODE_KEY, ErrorCode>> = {
    BAD_REQUEST: 'BAD_REQUEST',
    PARSE_ERROR: 'BAD_REQUEST',
    UNAUTHORIZED: 'UNAUTHORIZED',
    FORBIDDEN: 'FORBIDDEN',
    NOT_FOUND: 'NOT_FOUND',
    CONFLICT: 'CONFLICT',
    TOO_MANY_REQUESTS: 'RATE_LIMITED',
  };
  return byStatus[error.code] ?? 'INTERNAL';
}

export function retryAfterOf(errors: readonly TRPCError[]): number | null {
  let seconds: number | null = null;
  for (const error of errors) {
    const value = error.cause instanceof AppError ? error.cause.params.retryAfterSeconds : undefined;
    if (typeof value === 'number') seconds = Math.max(seconds ?? 0, value);
  }
  return seconds;
}
