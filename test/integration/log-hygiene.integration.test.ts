/**
 * Issue #9.7: secrets and personal data stay out of the logs.
 * - A control character in a text input is a 400 naming the field, not a 500 from PostgreSQL.
 * - A database error's log line carries no query parameters (pg `parameters`, drizzle `params`, the message
 *   drizzle builds from them) and no row values (pg `detail`): no password hash, no e-mail.
 * - Paths whose segments are credentials (calendar feeds, share links) are logged with `[redacted]`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, uniqueEmail } from '../support/api.ts';
import { createStudio, freshIp } from '../support/studios.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ LOG_LEVEL: 'trace' });
});
afterAll(async () => server?.close());

const logText = (from: number) => server.logs.slice(from).join('');
const logLines = (from: number) =>
  logText(from)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { msg: string; path?: string; status?: number });

describe('control characters in text inputs', () => {
  it('a NUL byte in the sign-up name is a 400 naming the field, and nothing is logged as an error', async () => {
    const from = server.logs.length;
    const email = uniqueEmail('nul');
    const result = await new ApiClient(server.app, { ip: freshIp() }).mutate('auth.signUp', {
      name: 'Ada\u0000Lovelace',
      email,
      password: 'correct horse battery',
      studioName: 'Null Studio',
    });
    expect(result.status).toBe(400);
    expect(result.error?.data.appCode).toBe('BAD_REQUEST');
    expect(result.error?.data.fieldErrors).toEqual({ name: ['errors.control_characters'] });
    expect(logText(from)).not.toContain(email);
    expect(logLines(from).filter((l) => l.msg !== 'request')).toEqual([]);
  });

  it.each([
    [
      'a lone CR in a session title',
      'sessions.create',
      (roomId: string) => ({ roomId, title: 'Mix\rX-INJECTED:1', startsAt: '2031-03-03T10:00:00Z', endsAt: '2031-03-03T12:00:00Z' }),
      'title',
    ],
    ['an escape in a room name', 'rooms.create', () => ({ name: 'Room\u001b[31m', hourlyRateCents: 100, capacity: 1 }), 'name'],
    ['a NUL in a client note field', 'clients.create', () => ({ name: 'Client', city: 'Par\u0000is' }), 'city'],
  ])('%s is refused with the field named', async (_what, procedure, input, field) => {
    const studio = await createStudio(server);
    const rooms = await studio.owner.query<{ id: string }[]>('rooms.list', undefined, studio.slug);
    const roomId = rooms.data?.[0]?.id ?? '00000000-0000-4000-8000-000000000000';
    const result = await studio.owner.mutate(procedure, input(roomId), studio.slug);
    expect(result.status).toBe(400);
    expect(result.error?.data.fieldErrors?.[field]).toContain('errors.control_characters');
  });

  it('a NUL anywhere in any input (a password) is a 400, not a database error', async () => {
    const result = await new ApiClient(server.app, { ip: freshIp() }).mutate('auth.logIn', { email: uniqueEmail('nul'), password: 'pass\u0000word' });
    expect(result.status).toBe(400);
  });
});

describe('database errors in the log', () => {
  it('carry no query parameters nor row values: no password hash, no e-mail', async () => {
    // A constraint only this test's control database has: the owner's insert fails inside sign-up.
    await server.platform.controlDb.execute(sql`ALTER TABLE users ADD CONSTRAINT forced_failure CHECK (name <> 'Forced Failure')`);
    try {
      const from = server.logs.length;
      const email = uniqueEmail('forced');
      const result = await new ApiClient(server.app, { ip: freshIp() }).mutate('auth.signUp', {
        name: 'Forced Failure',
        email,
        password: 'correct horse battery',
        studioName: 'Forced Studio',
      });
      expect(result.status).toBe(500);
      const logged = logText(from);
      expect(logged).toContain('forced_failure'); // the error itself is logged, usefully
      expect(logged).not.toContain(email);
      expect(logged).not.toContain('$argon2');
      expect(logged).not.toMatch(/"(params|parameters|detail)"/);
    } finally {
      await server.platform.controlDb.execute(sql`ALTER TABLE users DROP CONSTRAINT forced_failure`);
    }
  });
});

describe('credentials in logged paths', () => {
  it('a calendar feed is logged as /ical/[redacted]', async () => {
    const studio = await createStudio(server);
    const feed = await studio.owner.mutate<{ url: string }>('calendarFeeds.create', { scope: 'studio' }, studio.slug);
    const path = new URL(feed.data!.url).pathname;
    const token = path.slice('/ical/'.length, -'.ics'.length);
    const from = server.logs.length;
    expect((await server.app.inject({ method: 'GET', url: path })).statusCode).toBe(200);
    const [line] = logLines(from).filter((l) => l.msg === 'request');
    expect(line?.path).toBe('/ical/[redacted]');
    expect(logText(from)).not.toContain(token);
  });

  it.each([
    ['/s/lumiere/share/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-', '/s/lumiere/share/[redacted]'],
    ['/share/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-', '/share/[redacted]'],
    ['/ical/not-a-valid-token', '/ical/[redacted]'],
  ])('%s is logged as %s', async (url, expected) => {
    const from = server.logs.length;
    await server.app.inject({ method: 'GET', url });
    const [line] = logLines(from).filter((l) => l.msg === 'request');
    expect(line?.path).toBe(expected);
  });
});
