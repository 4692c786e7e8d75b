import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { control, latestVersion } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, signUpStudio, uniqueEmail } from '../support/api.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => server?.close());

async function databaseExists(name: string) {
  const client = new pg.Client(server.adminUrl);
  await client.connect();
  const res = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  await client.end();
  return res.rowCount === 1;
}

describe('sign-up provisions a studio', () => {
  it('creates user, studio, owner membership, trial and an active tenant database at the latest version', async () => {
    const client = new ApiClient(server.app);
    const owner = await signUpStudio(client, { studioName: 'Studio Échos & Co' });
    expect(owner.slug).toBe('studio-echos-co');
    const [studio] = await server.platform.controlDb.select().from(control.studios).where(eq(control.studios.slug, owner.slug));
    expect(studio).toBeDefined();
    const trialDays = (studio!.trialEndsAt!.getTime() - studio!.createdAt.getTime()) / 86_400_000;
    expect(Math.round(trialDays)).toBe(14);
    const [location] = await server.platform.controlDb.select().from(control.tenantDatabases).where(eq(control.tenantDatabases.studioId, studio!.id));
    expect(location).toMatchObject({ state: 'active', schemaVersion: latestVersion('tenant'), clusterId: 'main' });
    expect(await databaseExists(location!.databaseName)).toBe(true);
    const [membership] = await server.platform.controlDb.select().from(control.memberships).where(eq(control.memberships.studioId, studio!.id));
    expect(membership!.role).toBe('owner');
    // logged in straight away
    const me = await client.query<{ user: { email: string }; studios: { slug: string; role: string }[] }>('auth.me');
    expect(me.data!.user.email).toBe(owner.email);
    expect(me.data!.studios).toEqual([expect.objectContaining({ slug: owner.slug, role: 'owner', onboarded: false })]);
  });

  it('gives a second studio with the same name its own address', async () => {
    const a = await signUpStudio(new ApiClient(server.app), { studioName: 'Twin Peaks Audio' });
    const b = await signUpStudio(new ApiClient(server.app), { studioName: 'Twin Peaks Audio' });
    expect(a.slug).toBe('twin-peaks-audio');
    expect(b.slug).toBe('twin-peaks-audio-2');
  });

  it('refuses a taken e-mail with a clear code and creates nothing', async () => {
    const first = await signUpStudio(new ApiClient(server.app));
    const before = await server.platform.controlDb.select({ n: sql<number>`count(*)::int` }).from(control.studios);
    const again = await new ApiClient(server.app).mutate('auth.signUp', {
      name: 'X',
      email: first.email.toUpperCase(),
      password: 'another password',
      studioName: 'Another',
    });
    expect(again.error?.data.appCode).toBe('EMAIL_TAKEN');
    const after = await server.platform.controlDb.select({ n: sql<number>`count(*)::int` }).from(control.studios);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('answers bad input with field errors', async () => {
    const result = await new ApiClient(server.app).mutate('auth.signUp', { name: '', email: 'not-an-email', password: 'short', studioName: 'A' });
    expect(result.status).toBe(400);
    expect(result.error?.data.fieldErrors).toMatchObject({ email: ['errors.email_invalid'], password: ['errors.password_too_short'] });
  });

  it('leaves no orphan user, studio or database when provisioning fails half-way, and a retry succeeds', async () => {
    const email = uniqueEmail('halfway');
    const cluster = server.platform.clusters.get('main')!;
    const acquire = vi.spyOn(cluster.connections, 'acquire').mockRejectedValueOnce(new Error('simulated crash after CREATE DATABASE'));
    const failed = await new ApiClient(server.app).mutate('auth.signUp', {
      name: 'Half Way',
      email,
      password: 'correct horse battery',
      studioName: 'Half Way Studio',
    });
    const attemptedDatabase = acquire.mock.calls[0]?.[0];
    acquire.mockRestore();
    expect(failed.status).toBe(500);
    expect(attemptedDatabase).toMatch(/^rsm_t_[0-9a-f]{32}$/);
    expect(await databaseExists(attemptedDatabase!)).toBe(false);
    expect(await server.platform.controlDb.select().from(control.users).where(eq(control.users.email, email))).toHaveLength(0);
    expect(await server.platform.controlDb.select().from(control.studios).where(eq(control.studios.slug, 'half-way-studio'))).toHaveLength(0);
    const retry = await new ApiClient(server.app).mutate<{ studioSlug: string }>('auth.signUp', {
      name: 'Half Way',
      email,
      password: 'correct horse battery',
      studioName: 'Half Way Studio',
    });
    expect(retry.data?.studioSlug).toBe('half-way-studio');
  });
});
