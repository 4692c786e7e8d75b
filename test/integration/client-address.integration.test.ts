/**
 * Issue #9.4: the client address comes from hops the server trusts, never from a value the client
 * writes. Behind nginx on the same machine (TRUST_PROXY=127.0.0.1, nginx appending $remote_addr to
 * X-Forwarded-For), a client that sends its own `X-Forwarded-For: 127.0.0.1, …` still gets its real
 * address: per-IP rate limits hold, the audit log records the real address, and production /metrics
 * opens only to the METRICS_TOKEN bearer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import { loadConfig } from '../../apps/server/src/config/env.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { uniqueEmail } from '../support/api.ts';
import { createStudio, tokenFromOutbox } from '../support/studios.ts';

/** nginx on the same machine: every request reaches the server from 127.0.0.1. */
const PROXY = '127.0.0.1';
const TRUST_PROXY = PROXY;

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ TRUST_PROXY, NODE_ENV: 'production' });
});
afterAll(async () => server?.close());

/** A request as nginx forwards it: the client's own X-Forwarded-For with the real address appended. */
function throughProxy(
  url: string,
  realClient: string,
  clientWritten: string | null,
  init: { method?: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string> } = {},
) {
  return server.app.inject({
    method: init.method ?? 'GET',
    url,
    remoteAddress: PROXY,
    headers: {
      'x-forwarded-for': clientWritten ? `${clientWritten}, ${realClient}` : realClient,
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined ? { payload: JSON.stringify(init.body) } : {}),
  });
}

describe('TRUST_PROXY at start-up', () => {
  it('refuses TRUST_PROXY=true with a message saying why and what to write instead', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true is refused: .*X-Forwarded-For.*TRUST_PROXY=127\.0\.0\.1/s);
  });

  it('refuses a hop count when the server listens on a public interface', () => {
    expect(() => loadConfig({ TRUST_PROXY: '1', HOST: '0.0.0.0' })).toThrow(/hop count.*HOST=127\.0\.0\.1/s);
  });

  it('refuses a METRICS_TOKEN shorter than 16 characters', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });
});

describe('a client forging X-Forwarded-For behind the proxy', () => {
  it('is still limited per address on log-in (31st attempt in 15 minutes refused)', async () => {
    const realClient = '198.51.100.7';
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      // A new left-most entry each time, and a new account, so only the per-IP rule can stop it.
      const response = await throughProxy('/trpc/auth.logIn', realClient, `127.0.0.${(i % 250) + 1}, 10.9.${i}.1`, {
        method: 'POST',
        body: { email: uniqueEmail('forger'), password: 'guessing a password' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Another real client behind the same proxy is not affected.
    const other = await throughProxy('/trpc/auth.logIn', '198.51.100.8', null, {
      method: 'POST',
      body: { email: uniqueEmail('other'), password: 'guessing a password' },
    });
    expect(other.statusCode).toBe(401);
  });

  it('cannot open production /metrics by claiming to be 127.0.0.1', async () => {
    expect((await throughProxy('/metrics', '203.0.113.9', '127.0.0.1')).statusCode).toBe(404);
    expect(
      (await server.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '127.0.0.1' } })).statusCode,
    ).toBe(404);
  });

  it('is recorded with its real address in the audit log', async () => {
    const studio = await createStudio(server);
    const invitee = uniqueEmail('joiner');
    expect((await studio.owner.mutate('members.invite', { email: invitee, role: 'engineer' }, studio.slug)).error).toBeUndefined();
    const token = await tokenFromOutbox(server, invitee, '/invite');
    const accepted = await throughProxy('/trpc/invitations.accept', '192.0.2.44', '127.0.0.1, 8.8.8.8', {
      method: 'POST',
      body: { token, name: 'Joiner', password: 'joiner password 123' },
    });
    expect(accepted.statusCode).toBe(200);
    const [row] = await server.platform.controlDb
      .select({ ip: control.platformAuditLog.ip })
      .from(control.platformAuditLog)
      .where(and(eq(control.platformAuditLog.studioId, studio.id), eq(control.platformAuditLog.action, 'member.joined')));
    expect(row?.ip).toBe('192.0.2.44');
  });

  it('reaching the server directly, its X-Forwarded-For is ignored', async () => {
    const studio = await createStudio(server);
    const invitee = uniqueEmail('direct');
    await studio.owner.mutate('members.invite', { email: invitee, role: 'engineer' }, studio.slug);
    const token = await tokenFromOutbox(server, invitee, '/invite');
    const accepted = await server.app.inject({
      method: 'POST',
      url: '/trpc/invitations.accept',
      remoteAddress: '203.0.113.80',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '127.0.0.1' },
      payload: JSON.stringify({ token, name: 'Direct', password: 'direct password 123' }),
    });
    expect(accepted.statusCode).toBe(200);
    const [row] = await server.platform.controlDb
      .select({ ip: control.platformAuditLog.ip })
      .from(control.platformAuditLog)
      .where(and(eq(control.platformAuditLog.studioId, studio.id), eq(control.platformAuditLog.action, 'member.joined')));
    expect(row?.ip).toBe('203.0.113.80');
  });
});

describe('production /metrics', () => {
  it('answers 404 without a configured token, even from the machine itself', async () => {
    expect((await server.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(404);
  });

  it('with METRICS_TOKEN, answers only its bearer', async () => {
    const guarded = await createTestServer({ TRUST_PROXY, NODE_ENV: 'production', METRICS_TOKEN: 'a-metrics-token-of-32-characters' });
    try {
      expect((await guarded.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(401);
      expect(
        (await guarded.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer a-metrics-token-of-32-characterz' } })).statusCode,
      ).toBe(401);
      const ok = await guarded.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer a-metrics-token-of-32-characters' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('rsm_pg_tenant_connections_open');
    } finally {
      await guarded.close();
    }
  });
});
