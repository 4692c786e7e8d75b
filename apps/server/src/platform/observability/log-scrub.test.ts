import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DrizzleQueryError } from 'drizzle-orm';
import { createLogger } from './logger.ts';
import { loggablePath, scrubError } from './log-scrub.ts';

function captured(log: (logger: ReturnType<typeof createLogger>) => void): string {
  let out = '';
  const sink = new Writable({ write: (chunk, _enc, cb) => ((out += String(chunk)), cb()) });
  log(createLogger('info', sink));
  return out;
}

describe('scrubError', () => {
  const pgError = Object.assign(new Error('duplicate key value violates unique constraint "users_email_lower_uq"'), {
    code: '23505',
    constraint: 'users_email_lower_uq',
    detail: 'Key (lower(email))=(ada@example.com) already exists.',
    parameters: ['ada@example.com'],
  });
  const drizzleError = new DrizzleQueryError(
    'insert into "users" ("email", "password_hash") values ($1, $2)',
    ['ada@example.com', '$argon2id$secret'],
    pgError,
  );

  it('drops the values from a drizzle error, its message, stack and cause; keeps the SQL and the code', () => {
    const text = captured((logger) => logger.error({ err: drizzleError }, 'procedure failed'));
    expect(text).not.toContain('ada@example.com');
    expect(text).not.toContain('$argon2id');
    expect(text).toContain('insert into \\"users\\"');
    expect(text).toContain('users_email_lower_uq');
    expect(text).toContain('DrizzleQueryError');
  });

  it('applies under the `error` key too', () => {
    expect(captured((logger) => logger.error({ error: drizzleError }, 'job failed'))).not.toContain('ada@example.com');
  });

  it('leaves the original error untouched', () => {
    scrubError(drizzleError);
    expect(drizzleError.params).toEqual(['ada@example.com', '$argon2id$secret']);
    expect(drizzleError.message).toContain('params:');
  });
});

describe('loggablePath', () => {
  it.each([
    ['/ical/AbCdEf0123456789AbCdEf.ics', '/ical/[redacted]'],
    ['/s/lumiere/share/AbCdEf0123456789AbCdEf', '/s/lumiere/share/[redacted]'],
    ['/share/AbCdEf0123456789AbCdEf?x=1', '/share/[redacted]'],
    ['/s/lumiere/portal/login/abcdefabcdef', '/s/lumiere/portal/login/[redacted]'],
    ['/reset-password?token=abc', '/reset-password'],
    ['/s/lumiere/trpc/rooms.list,studio.get', '/s/lumiere/trpc/rooms.list,studio.get'],
    ['/s/lumiere/calendar', '/s/lumiere/calendar'],
  ])('%s → %s', (url, expected) => {
    expect(loggablePath(url)).toBe(expected);
  });
});
