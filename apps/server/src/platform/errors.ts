/**
 * Domain errors: services throw these with a code; the tRPC layer maps them to
 * HTTP/tRPC codes in exactly one place (trpc/error-mapping.ts).
 */
import type { ErrorCode } from '@rsm/shared/errors';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`, { what });
export const forbidden = (why = 'You do not have permission to do this') => new AppError('FORBIDDEN', why);
