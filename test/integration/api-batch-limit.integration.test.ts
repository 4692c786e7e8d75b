/**
 * Issue #9.9: one HTTP request may batch at most MAX_BATCH_SIZE tRPC calls (the web client's own limit).
 * A larger batch is refused with 413 and a message before any procedure — or even the request context —
 * runs: an anonymous GET naming 300 calls used to cost seconds of server time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH_SIZE } from '@rsm/shared/api-limits';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio } from '../support/studios.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => server?.close());

function batchGet(prefix: string, procedure: string, count: number, cookie?: string) {
  const names = Array.from({ length: count }, () => procedure).join(',');
  const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: count }, (_, i) => [i, {}]))));
  return server.app.inject({ method: 'GET', url: `${prefix}/${names}?batch=1&input=${input}`, headers: cookie ? { cookie } : {} });
}

describe('tRPC batch size', () => {
  it('is 20, the web client batching at most that many', () => {
    expect(MAX_BATCH_SIZE).toBe(20);
  });

  it('refuses an anonymous GET of 300 calls at once with 413 and a message', async () => {
    const started = performance.now();
    const response = await batchGet('/trpc', 'auth.me', 300);
    const elapsedMs = performance.now() - started;
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: 'BATCH_TOO_LARGE', message: expect.stringContaining('at most 20') } });
    // A figure for the report, not an assertion: the machine's speed varies.
    console.log(`300-call batch refused in ${elapsedMs.toFixed(1)} ms`);
  });

  it('answers a batch of exactly 20 calls', async () => {
    const response = await batchGet('/trpc', 'auth.me', MAX_BATCH_SIZE);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toHaveLength(MAX_BATCH_SIZE);
  });

  it('runs none of the calls of a refused batch (21 room creations create nothing)', async () => {
    const studio = await createStudio(server);
    const count = async () => (await studio.owner.query<unknown[]>('rooms.list', { includeArchived: true }, studio.slug)).data!.length;
    const before = await count();
    const calls = MAX_BATCH_SIZE + 1;
    const response = await server.app.inject({
      method: 'POST',
      url: `/s/${studio.slug}/trpc/${Array.from({ length: calls }, () => 'rooms.create').join(',')}?batch=1`,
      headers: { cookie: studio.owner.cookie!, 'content-type': 'application/json' },
      payload: JSON.stringify(Object.fromEntries(Array.from({ length: calls }, (_, i) => [i, { name: `Room ${i}`, hourlyRateCents: 100, capacity: 1 }]))),
    });
    expect(response.statusCode).toBe(413);
    expect(await count()).toBe(before);
  });
});
