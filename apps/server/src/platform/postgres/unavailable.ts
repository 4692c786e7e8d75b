/**
 * Errors that mean "PostgreSQL cannot serve this right now" rather than "this request is wrong" or
 * "our code is wrong": a full connection budget, a cluster refusing connections (too many clients,
 * starting up, shutting down), a connection lost or timed out. They are answered 503 + Retry-After so
 * clients back off and retry; a 500 is reserved for bugs (issue #14: overload used to surface as 500s).
 */
import { OverloadedError } from './connection-manager.ts';
import { pgErrorCode } from './pg-errors.ts';

/** SQLSTATE classes and codes of a server that cannot take the work now. */
const UNAVAILABLE_SQLSTATE = [
  /^08/, // connection exception
  /^53/, // insufficient resources: too many connections, out of memory, disk full
  /^57P0[1-4]$/, // admin / crash shutdown, cannot connect now, database dropped
  /^57014$/, // query cancelled by statement_timeout: the server was too slow for the deadline
];

const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTCONN']);

const UNAVAILABLE_MESSAGE = [
  /timeout exceeded when trying to connect/i, // pg.Pool acquire deadline
  /Connection terminated/i, // pg.Client: the server closed the socket or the connect timed out
  /Client has encountered a connection error and is not queryable/i,
  /sorry, too many clients already/i,
];

export function isUnavailableError(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 3) return false;
  if (error instanceof OverloadedError) return true;
  const code = pgErrorCode(error);
  if (code && UNAVAILABLE_SQLSTATE.some((re) => re.test(code))) return true;
  const errno = (error as { code?: unknown }).code;
  if (typeof errno === 'string' && UNAVAILABLE_ERRNO.has(errno)) return true;
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.some((re) => re.test(message))) return true;
  return isUnavailableError((error as { cause?: unknown }).cause, depth + 1);
}
