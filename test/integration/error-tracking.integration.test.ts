/**
 * Error tracking against a local stand-in for Sentry's ingest endpoint (tests only): a procedure that fails
 * with a 500 is reported with the request id and studio id and nothing personal; without SENTRY_DSN nothing
 * is sent (the SDK is not even started).
 */
import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, withStudioDb, type Studio } from '../support/studios.ts';
import {
  closeErrorTracking,
  errorTrackingEnabled,
  flushErrorTracking,
  initErrorTracking,
} from '../../apps/server/src/platform/observability/error-tracking.ts';

let ingest: Server;
let dsn: string;
const received: string[] = [];
let server: TestServer;
let studio: Studio;

beforeAll(async () => {
  ingest = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push((req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => ingest.listen(0, '127.0.0.1', resolve));
  const address = ingest.address() as { port: number };
  dsn = `http://publickey@127.0.0.1:${address.port}/42`;
  server = await createTestServer();
  studio = await createStudio(server, { studioName: 'Sentry Tags' });
  // A studio whose database lost a table: rooms.list fails with an unexpected error (500).
  await withStudioDb(server, studio.id, (db) => db.execute(sql`ALTER TABLE rooms RENAME TO rooms_gone`));
});
afterAll(async () => {
  await closeErrorTracking();
  await server?.close();
  await new Promise((resolve) => ingest.close(resolve));
});

async function failingCall(requestId: string) {
  const response = await server.app.inject({
    method: 'GET',
    url: `/s/${studio.slug}/trpc/rooms.list?email=${encodeURIComponent(studio.ownerEmail)}`,
    headers: { cookie: studio.owner.cookie!, 'x-request-id': requestId, 'user-agent': 'Ada Lovelace browser' },
    remoteAddress: '203.0.113.77',
  });
  expect(response.statusCode).toBe(500);
}

/** The events of the envelopes received so far (an envelope: header line, then item header / payload pairs). */
function events(): Record<string, unknown>[] {
  return received.flatMap((envelope) => {
    const lines = envelope.split('\n').filter(Boolean);
    const out: Record<string, unknown>[] = [];
    for (let i = 1; i + 1 < lines.length; i += 2) {
      if ((JSON.parse(lines[i]!) as { type: string }).type === 'event') out.push(JSON.parse(lines[i + 1]!) as Record<string, unknown>);
    }
    return out;
  });
}

it('sends nothing without SENTRY_DSN: the SDK is not started', async () => {
  expect(await initErrorTracking({ NODE_ENV: 'test', SENTRY_DSN: undefined, SENTRY_ENVIRONMENT: undefined, SENTRY_RELEASE: undefined })).toBe(false);
  expect(errorTrackingEnabled()).toBe(false);
  await failingCall('no-dsn-request-0001');
  await flushErrorTracking();
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(received).toEqual([]);
});

it('reports a 500 with request id, studio id, environment and release, and no personal data', async () => {
  expect(await initErrorTracking({ NODE_ENV: 'test', SENTRY_DSN: dsn, SENTRY_ENVIRONMENT: 'staging', SENTRY_RELEASE: 'rsm@1.2.3' })).toBe(true);
  await failingCall('sentry-request-0001');
  await flushErrorTracking(5_000);
  const [event] = events();
  expect(event, received.join('\n---\n')).toBeDefined();
  expect(event).toMatchObject({
    environment: 'staging',
    release: 'rsm@1.2.3',
    tags: { requestId: 'sentry-request-0001', studioId: studio.id, procedure: 'rooms.list', source: 'trpc' },
  });
  expect(JSON.stringify(event)).toContain('rooms');
  for (const key of ['request', 'user', 'breadcrumbs', 'extra', 'server_name']) expect(event).not.toHaveProperty(key);
  const raw = received.join('\n');
  for (const personal of [
    studio.ownerEmail,
    encodeURIComponent(studio.ownerEmail),
    studio.owner.cookie!.split('=')[1]!,
    '203.0.113.77',
    'Ada Lovelace',
    'rsm_session',
  ]) {
    expect(raw).not.toContain(personal);
  }
});
