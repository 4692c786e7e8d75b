/**
 * Structured logs (pino). Request logs carry the request id and, once
 * resolved, the studio id. Secrets never reach a log line: cookies,
 * authorization headers and anything that looks like a password or token are
 * redacted, request bodies are never logged, errors lose their query values
 * and paths their credential segments (log-scrub.ts).
 */
import pino, { type Logger } from 'pino';
import { serializeError, serializeRequest } from './log-scrub.ts';

export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.tokenHash',
  'password',
  'token',
  // Two-factor material (`code` itself is left alone: error codes are what makes a log line useful).
  '*.backupCode',
  '*.backupCodes',
  '*.secret',
  '*.totpSecret',
  '*.challenge',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError, error: serializeError, req: serializeRequest },
      base: { service: 'rsm' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export type { Logger };
