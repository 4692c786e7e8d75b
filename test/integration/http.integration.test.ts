/**
 * The HTTP surface: CORS allow-list for studio sub-domains (https only
 * outside development), refusal of state-changing requests from foreign
 * origins, security headers, health, readiness and metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestVersion } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, uniqueEmail } from '../support/api.ts';
import { createStudio, freshIp, type Studio } from '../support/studios.ts';

const BASE_DOMAIN = 'studios.example.com';
let production: TestServer;
let development: TestServer;
beforeAll(async () => {
  [production, development] = await Promise.all([
    createTestServer({ BASE_DOMAIN, NODE_ENV: 'production' }),
    createTestServer({ BASE_DOMAIN, NODE_ENV: 'development' }),
  ]);
});
afterAll(async () => {
  await production?.close();
  await development?.close();
});

function preflight(server: TestServer, origin: string) {
  return server.app.inject({
    method: 'OPTIONS',
    url: '/trpc/rooms.create',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
}

describe('CORS in production', () => {
  it('allows a studio sub-domain over https, with credentials', async () => {
    const response = await preflight(production, 'https://lumiere.studios.example.com');
    expect(response.statusCode).toBeLessThan(300);
    expect(response.headers['access-control-allow-origin']).toBe('https://lumiere.studios.example.com');
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    expect(String(response.headers['access-control-allow-methods'])).toContain('POST');
  });

  it('answers a simple cross-origin GET from a studio sub-domain with the allow headers', async () => {
    const response = await production.app.inject({ method: 'GET', url: '/trpc/auth.me', headers: { origin: 'https://lumiere.studios.example.com' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('https://lumiere.studios.example.com');
    expect(response.headers['access-control-allow-credentials']).toBe('true');
  });

  it.each([
    'http://lumiere.studios.example.com',
    'https://evil.com',
    'https://studios.example.com.evil.com',
    'https://a.b.studios.example.com',
    'https://lumiere-studios.example.com',
    'https://evilstudios.example.com',
    'https://-bad.studios.example.com',
    'https://lumiere.studios.example.com.',
    'null',
  ])('gives %s no allow-origin', async (origin) => {
    for (const response of [await preflight(production, origin), await production.app.inject({ method: 'GET', url: '/trpc/auth.me', headers: { origin } })]) {
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });
});

describe('CORS in development', () => {
  it.each(['http://lumiere.studios.example.com', 'https://lumiere.studios.example.com'])('allows %s', async (origin) => {
    const response = await preflight(development, origin);
    expect(response.headers['access-control-allow-origin']).toBe(origin);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
  });

  it.each(['https://evil.com', 'http://a.b.studios.example.com'])('still refuses %s', async (origin) => {
    expect((await preflight(development, origin)).headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('state-changing requests from a foreign origin', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await createStudio(production);
  });

  const roomCount = async () => (await studio.owner.query<unknown[]>('rooms.list', { includeArchived: true }, studio.slug)).data!.length;

  function postRoom(origin: string | undefined) {
    return production.app.inject({
      method: 'POST',
      url: `/s/${studio.slug}/trpc/rooms.create`,
      headers: { cookie: studio.owner.cookie!, 'content-type': 'application/json', ...(origin ? { origin } : {}) },
      payload: JSON.stringify({ name: 'Cross-site room', hourlyRateCents: 100, capacity: 1 }),
    });
  }

  it.each(['https://evil.com', 'https://studios.example.com.evil.com', 'http://lumiere.studios.example.com'])(
    'refuses a POST with Origin %s (403) and creates nothing',
    async (origin) => {
      const before = await roomCount();
      const response = await postRoom(origin);
      expect(response.statusCode).toBe(403);
      expect(await roomCount()).toBe(before);
    },
  );

  it('refuses a mutation sent as GET (a SameSite=Lax cookie travels with top-level GET navigations)', async () => {
    const before = await roomCount();
    const input = encodeURIComponent(JSON.stringify({ name: 'Link room', hourlyRateCents: 100, capacity: 1 }));
    const response = await production.app.inject({
      method: 'GET',
      url: `/s/${studio.slug}/trpc/rooms.create?input=${input}`,
      headers: { cookie: studio.owner.cookie! },
    });
    expect(response.statusCode).toBe(405);
    expect(await roomCount()).toBe(before);
  });

  it('refuses a log-in POST from a foreign origin too', async () => {
    const response = await production.app.inject({
      method: 'POST',
      url: '/trpc/auth.logIn',
      headers: { origin: 'https://evil.com', 'content-type': 'application/json' },
      payload: JSON.stringify({ email: studio.ownerEmail, password: studio.ownerPassword }),
    });
    expect(response.statusCode).toBe(403);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it.each([
    ['a studio sub-domain', 'https://lumiere.studios.example.com'],
    ['the same origin', 'http://localhost:80'],
    ['no Origin header', undefined],
  ])('accepts a POST from %s', async (_what, origin) => {
    const before = await roomCount();
    const response = await postRoom(origin);
    expect(response.statusCode).toBe(200);
    expect(await roomCount()).toBe(before + 1);
  });
});

describe('security headers', () => {
  it.each(['/healthz', '/trpc/auth.me'])('are set on %s', async (url) => {
    const response = await production.app.inject({ method: 'GET', url });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toMatch(/^(DENY|SAMEORIGIN)$/);
    expect(response.headers['referrer-policy']).toBeDefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('sends HSTS only when the app is served over https', async () => {
    expect((await production.app.inject({ method: 'GET', url: '/healthz' })).headers['strict-transport-security']).toBeUndefined();
    const secure = await createTestServer({ APP_URL: 'https://app.example.com', NODE_ENV: 'production' });
    try {
      const response = await secure.app.inject({ method: 'GET', url: '/healthz' });
      expect(String(response.headers['strict-transport-security'])).toMatch(/max-age=\d{7,}/);
      expect(String(response.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    } finally {
      await secure.close();
    }
  });
});

describe('health, readiness and metrics', () => {
  it('/healthz answers 200', async () => {
    const response = await production.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 with the control schema version', async () => {
    const response = await production.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ready', control: { version: latestVersion('control') }, tenantSchema: latestVersion('tenant') });
  });

  it('/metrics exposes the tenant connection gauges, per cluster (development: no token needed)', async () => {
    // Touch a tenant database so the gauges have something to count.
    const owner = new ApiClient(development.app, { ip: freshIp() });
    const email = uniqueEmail('metrics');
    const signUp = await owner.mutate<{ studioSlug: string }>('auth.signUp', {
      name: 'Metrics',
      email,
      password: 'correct horse battery',
      studioName: 'Metrics Studio',
    });
    await owner.query('rooms.list', undefined, signUp.data!.studioSlug);
    const response = await development.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('# TYPE rsm_pg_tenant_connections_open gauge');
    expect(response.body).toMatch(/^rsm_pg_tenant_connections_open\{cluster="main"\} \d+$/m);
    expect(response.body).toMatch(/^rsm_pg_tenant_databases_open\{cluster="main"\} [1-9]\d*$/m);
    expect(response.body).toContain('rsm_http_request_duration_seconds');
  });

  it('/metrics asks for the token when one is configured', async () => {
    const guarded = await createTestServer({ METRICS_TOKEN: 'metrics-secret-token' });
    try {
      expect((await guarded.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
      expect((await guarded.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
      const ok = await guarded.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer metrics-secret-token' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('rsm_pg_tenant_connections_open');
    } finally {
      await guarded.close();
    }
  });
});

describe('batched API calls', () => {
  it('a page loading a dozen queries at once gets them all in one request (long batched path)', async () => {
    const studio = await createStudio(development);
    const names = Array.from({ length: 12 }, (_, i) => (i % 2 ? 'studio.get' : 'rooms.list'));
    expect(names.join(',').length).toBeGreaterThan(100);
    const input = Object.fromEntries(names.map((name, i) => [i, name === 'rooms.list' ? { json: undefined } : {}]));
    const response = await development.app.inject({
      method: 'GET',
      url: `/s/${studio.slug}/trpc/${names.join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
      headers: { cookie: studio.owner.cookie! },
    });
    expect(response.statusCode).toBe(200);
    const results = response.json() as { result?: unknown; error?: unknown }[];
    expect(results).toHaveLength(12);
    expect(results.every((r) => r.result && !r.error)).toBe(true);
  });
});
