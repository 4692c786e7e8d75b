/**
 * What may not reach a log line even when the code logging it does not know: the values of a failed
 * query and paths whose segments are credentials.
 *
 * Database errors carry the query's values — drizzle's DrizzleQueryError has `params` and repeats them in its
 * message ("params: a,b,c") and stack; pg's errors may have `parameters`, and `detail` quotes row values
 * ("Key (email)=(…)", "Failing row contains (…)"). A failed sign-up logged the argon2 hash, e-mail and phone.
 * Kept: the SQL text (placeholders only), the error code, constraint, table and column — enough to debug.
 */
import pino from 'pino';

const VALUE_FIELDS = new Set(['params', 'parameters', 'detail']);
const PARAMS_IN_MESSAGE = /\nparams: [\s\S]*$/;
const MAX_CAUSES = 8;

function scrubMessage(message: string): string {
  return message.replace(PARAMS_IN_MESSAGE, '');
}

/** A copy of `error` and its causes without query values; same type name, message and stack otherwise. */
export function scrubError(error: Error, depth = 0): Error {
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error & Record<string, unknown>;
  for (const [key, value] of Object.entries(error)) {
    if (!VALUE_FIELDS.has(key) && key !== 'cause') copy[key] = value;
  }
  const message = scrubMessage(error.message);
  Object.defineProperty(copy, 'message', { value: message, enumerable: false, writable: true });
  const stack = error.stack ? error.stack.replace(error.message, message) : undefined;
  Object.defineProperty(copy, 'stack', { value: stack, enumerable: false, writable: true });
  if (error.cause instanceof Error && depth < MAX_CAUSES) {
    Object.defineProperty(copy, 'cause', { value: scrubError(error.cause, depth + 1), enumerable: false, writable: true });
  }
  return copy;
}

/** pino serializer for `err` / `error`: the standard one, over the scrubbed copy. */
export function serializeError(value: unknown): unknown {
  return pino.stdSerializers.err(value instanceof Error ? scrubError(value) : (value as Error));
}

/**
 * Path segments that are credentials: calendar feed tokens (`/ical/<token>.ics`) and share links
 * (`/share/<token>`, `/s/<studio>/share/<token>`). Portal, reset, invitation and booking-confirmation links
 * carry their token in the query string, which is never logged; the path forms are covered in case.
 */
const SECRET_SEGMENTS: RegExp[] = [
  /^(\/ical\/)[^/]+/,
  /^((?:\/s\/[^/]+)?\/share\/)[^/]+/,
  /^((?:\/s\/[^/]+)?\/(?:portal\/login|book\/confirm|reset-password|invite)\/)[^/]+/,
];

/** The path to log: no query string, credential segments replaced by `[redacted]`. */
export function loggablePath(url: string): string {
  let path = url.split('?')[0] ?? '/';
  for (const pattern of SECRET_SEGMENTS) path = path.replace(pattern, '$1[redacted]');
  return path;
}

/** pino serializer for `req` (Fastify logs it with some errors): method and redacted path only. */
export function serializeRequest(req: { method?: string; url?: string; id?: string }): Record<string, unknown> {
  return { method: req.method, path: loggablePath(req.url ?? '/'), id: req.id };
}
