import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { control, latestVersion } from '@rsm/db';
import { migrateFleet, formatFleetReport } from '../../apps/server/src/platform/tenancy/fleet-migrate.ts';
import { databaseUrl } from '../../apps/server/src/platform/postgres/connection-manager.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, signUpStudio } from '../support/api.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => server?.close());

/** Put a studio one migration behind: its database and its directory entry, as after a deploy of a new migration. */
async function rollBackOneVersion(slug: string) {
  const [row] = await server.platform.controlDb
    .select({ studioId: control.studios.id, databaseName: control.tenantDatabases.databaseName })
    .from(control.studios)
    .innerJoin(control.tenantDatabases, eq(control.tenantDatabases.studioId, control.studios.id))
    .where(eq(control.studios.slug, slug));
  const target = latestVersion('tenant') - 1;
  await server.platform.clusters.get('main')!.connections.closeDatabase(row!.databaseName);
  const client = new pg.Client(databaseUrl(server.adminUrl, row!.databaseName));
  await client.connect();
  // the last tenant migration is idempotent (ON CONFLICT DO NOTHING), so re-applying it is harmless
  await client.query('DELETE FROM rsm_schema_migrations WHERE version > $1', [target]);
  await client.end();
  await server.platform.controlDb.update(control.tenantDatabases).set({ schemaVersion: target }).where(eq(control.tenantDatabases.studioId, row!.studioId));
  return row!;
}

describe('tenants:migrate', () => {
  it('refuses to serve a studio whose schema is behind, migrates every tenant, then serves it again', async () => {
    const client = new ApiClient(server.app);
    const behind = await signUpStudio(client);
    const current = await signUpStudio(new ApiClient(server.app));
    await rollBackOneVersion(behind.slug);

    const refused = await client.query('rooms.list', undefined, behind.slug);
    expect(refused.status).toBe(503);
    expect(refused.error?.data.appCode).toBe('TENANT_OUTDATED');
    expect(refused.error?.message).toMatch(/tenants:migrate/);

    const report = await migrateFleet(server.platform, { concurrency: 4 });
    expect(report.failed).toEqual([]);
    expect(report.migrated).toBeGreaterThanOrEqual(1);
    expect(report.migrated + report.current + report.notMigrated.length).toBe(report.total);
    const rows = await server.platform.controlDb.select().from(control.tenantDatabases);
    expect(rows.every((r) => r.state !== 'active' || r.schemaVersion === latestVersion('tenant'))).toBe(true);

    expect((await client.query('rooms.list', undefined, behind.slug)).status).toBe(200);
    expect((await new ApiClient(server.app).query('auth.me')).status).toBe(200);
    expect(current.slug).not.toBe(behind.slug);
  });

  it('resumes after being killed part-way: finished tenants are current, the rest are migrated', async () => {
    const studios = await Promise.all(Array.from({ length: 4 }, () => signUpStudio(new ApiClient(server.app))));
    for (const s of studios) await rollBackOneVersion(s.slug);
    const crash = new Error('killed');
    await expect(
      migrateFleet(server.platform, {
        concurrency: 1,
        onProgress: (done) => {
          if (done === 2) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    const midway = await server.platform.controlDb.select().from(control.tenantDatabases);
    expect(midway.filter((r) => r.schemaVersion < latestVersion('tenant')).length).toBeGreaterThan(0);
    const report = await migrateFleet(server.platform, { concurrency: 2 });
    expect(report.failed).toEqual([]);
    const after = await server.platform.controlDb.select().from(control.tenantDatabases);
    expect(after.filter((r) => r.state === 'active').every((r) => r.schemaVersion === latestVersion('tenant'))).toBe(true);
  });

  it('reports a tenant it cannot migrate, by name, instead of skipping it', async () => {
    const broken = await signUpStudio(new ApiClient(server.app));
    const row = await rollBackOneVersion(broken.slug);
    const admin = new pg.Client(server.adminUrl);
    await admin.connect();
    await admin.query(`DROP DATABASE ${row.databaseName} WITH (FORCE)`);
    await admin.end();
    const report = await migrateFleet(server.platform);
    expect(report.failed.map((f) => f.databaseName)).toContain(row.databaseName);
    expect(formatFleetReport(report)).toContain(`FAILED ${row.databaseName}`);
    const [entry] = await server.platform.controlDb.select().from(control.tenantDatabases).where(eq(control.tenantDatabases.studioId, row.studioId));
    expect(entry!.lastError).toBeTruthy();
    expect(entry!.schemaVersion).toBe(latestVersion('tenant') - 1);
    // clean up so later tests in this file see a healthy fleet
    await server.platform.controlDb.delete(control.studios).where(eq(control.studios.id, row.studioId));
  });
});
