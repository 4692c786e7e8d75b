/**
 * The last gate before an error report leaves for Sentry: it keeps what debugging needs (exception type,
 * message, stack, our allow-listed tags, environment, release) and drops everything that can hold personal
 * data — the request (URL with its query string, headers, cookies, body, client address), the user,
 * breadcrumbs and free-form extras. E-mail addresses and query values left in messages are masked.
 * `sendDefaultPii: false` already keeps most of this out; this makes it hold whatever an integration adds.
 */
import type { ErrorEvent } from '@sentry/node';

/** The only tags a report may carry: ids that say where it happened, none that say who. */
export const ALLOWED_TAGS = new Set(['requestId', 'studioId', 'procedure', 'route', 'method', 'job', 'outboxKind', 'source']);

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PARAMS_IN_MESSAGE = /\nparams: [\s\S]*$/;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;

export function scrubText(text: string): string {
  return text.replace(PARAMS_IN_MESSAGE, '').replace(EMAIL, '[email]').replace(IPV4, '[ip]');
}

export function scrubEvent(event: ErrorEvent): ErrorEvent {
  delete event.request;
  delete event.user;
  delete event.breadcrumbs;
  delete event.extra;
  delete event.server_name;
  if (event.contexts)
    event.contexts = {
      ...(event.contexts.trace ? { trace: event.contexts.trace } : {}),
      ...(event.contexts.runtime ? { runtime: event.contexts.runtime } : {}),
    };
  if (event.tags) event.tags = Object.fromEntries(Object.entries(event.tags).filter(([key]) => ALLOWED_TAGS.has(key)));
  if (typeof event.message === 'string') event.message = scrubText(event.message);
  for (const exception of event.exception?.values ?? []) {
    if (exception.value) exception.value = scrubText(exception.value);
    // Local variables (if an integration ever adds them) hold request data: frames keep code locations only.
    for (const frame of exception.stacktrace?.frames ?? []) delete frame.vars;
  }
  return event;
}
