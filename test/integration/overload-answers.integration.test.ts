/**
 * Issue #14: a database that cannot serve right now is answered 503 + Retry-After, never 500 —
 * in a studio procedure, in the session look-up that runs before every procedure, and on routes
 * outside tRPC.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, type Studio } from '../support/studios.ts';

let server: TestServer;
let studio: Studio;
beforeAll(async () => {
  server = await createTestServer();
  studio = await createStudio(server);
});
afterAll(async () => server?.close());

const tooManyClients = () => Object.assign(new Error('sorry, too many clients already'), { code: '53300' });

describe('answers when PostgreSQL cannot serve', () => {
  it('a studio procedure whose tenant connection is refused gets 503 + Retry-After', async () => {
    const spy = vi.spyOn(server.platform.directory, 'open').mockRejectedValueOnce(tooManyClients());
    const res = await studio.owner.query('rooms.list', undefined, studio.slug);
    spy.mockRestore();
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.error?.data?.appCode).toBe('OVERLOADED');
  });

  it('a failing session look-up (control database) gets 503, not 500', async () => {
    const spy = vi.spyOn(server.platform.controlDb, 'select').mockImplementationOnce(() => {
      throw tooManyClients();
    });
    const res = await studio.owner.query('auth.me');
    spy.mockRestore();
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
  });

  it('a route outside tRPC (calendar feed) gets 503 too, and the server is healthy right after', async () => {
    const spy = vi.spyOn(server.platform.controlDb, 'select').mockImplementationOnce(() => {
      throw tooManyClients();
    });
    const busy = await server.app.inject({ method: 'GET', url: `/ical/${'a'.repeat(32)}.ics` });
    spy.mockRestore();
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('1');
    const after = await studio.owner.query('rooms.list', undefined, studio.slug);
    expect(after.status).toBe(200);
    const feed = await server.app.inject({ method: 'GET', url: `/ical/${'a'.repeat(32)}.ics` });
    expect(feed.statusCode).toBe(404); // an unknown feed, answered normally again
  });
});
