import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { control, latestVersion, loadChain, type Migration } from '@rsm/db';
import { migrateFleet, formatFleetReport } from '../../apps/server/src/platform/tenancy/fleet-migrate.ts';
import { databaseUrl } from '../../apps/server/src/platform/postgres/connection-manager.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, signUpStudio } from '../support/api.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => {
  // Put the shared template back at the committed chain for the other test files.
  const template = new pg.Client(databaseUrl(server.adminUrl, 'rsm_tenant_template'));
  await template.connect();
  await template.query('DROP TABLE IF EXISTS fleet_probe_resume');
  await template.query('DELETE FROM rsm_schema_migrations WHERE version > $1', [latestVersion('tenant')]);
  await template.end();
  await server?.close();
});

/** The committed chain plus one new migration, as after a deploy that adds a table. */
function chainWithNewMigration(tag: string): Migration[] {
  const sql = `CREATE TABLE ${tag} (id integer PRIMARY KEY)`;
  const base = loadChain('tenant');
  return [...base, { version: base.length + 1, tag, hash: createHash('sha256').update(sql).digest('hex'), statements: [sql] }];
}

async function locationOf(slug: string) {
  const [row] = await server.platform.controlDb
    .select({ studioId: control.studios.id, databaseName: control.tenantDatabases.databaseName })
    .from(control.studios)
    .innerJoin(control.tenantDatabases, eq(control.tenantDatabases.studioId, control.studios.id))
    .where(eq(control.studios.slug, slug));
  return row!;
}

async function tableExists(databaseName: string, table: string): Promise<boolean> {
  await server.platform.clusters.get('main')!.connections.closeDatabase(databaseName);
  const client = new pg.Client(databaseUrl(server.adminUrl, databaseName));
  await client.connect();
  const res = await client.query('SELECT to_regclass($1) IS NOT NULL AS ok', [table]);
  await client.end();
  return res.rows[0].ok as boolean;
}

describe('tenants:migrate', () => {
  it('refuses to serve a studio whose recorded schema is behind, then serves it once the fleet is migrated', async () => {
    const client = new ApiClient(server.app);
    const behind = await signUpStudio(client);
    const { studioId } = await locationOf(behind.slug);
    await server.platform.controlDb
      .update(control.tenantDatabases)
      .set({ schemaVersion: latestVersion('tenant') - 1 })
      .where(eq(control.tenantDatabases.studioId, studioId));

    const refused = await client.query('rooms.list', undefined, behind.slug);
    expect(refused.status).toBe(503);
    expect(refused.error?.data.appCode).toBe('TENANT_OUTDATED');
    expect(refused.error?.message).toMatch(/tenants:migrate/);

    const report = await migrateFleet(server.platform, { concurrency: 4 });
    expect(report.failed).toEqual([]);
    expect(report.migrated + report.current + report.notMigrated.length).toBe(report.total);
    const [entry] = await server.platform.controlDb.select().from(control.tenantDatabases).where(eq(control.tenantDatabases.studioId, studioId));
    expect(entry!.schemaVersion).toBe(latestVersion('tenant'));
    expect((await client.query('rooms.list', undefined, behind.slug)).status).toBe(200);
  });

  it('applies a new migration to every studio and the template, and resumes after being killed part-way', async () => {
    const studios = await Promise.all(Array.from({ length: 4 }, () => signUpStudio(new ApiClient(server.app))));
    const chain = chainWithNewMigration('fleet_probe_resume');
    const crash = new Error('killed');
    await expect(
      migrateFleet(server.platform, {
        chain,
        concurrency: 1,
        onProgress: (done) => {
          if (done === 2) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    const midway = await server.platform.controlDb.select().from(control.tenantDatabases).where(eq(control.tenantDatabases.state, 'active'));
    const migratedMidway = midway.filter((r) => r.schemaVersion === chain.length).length;
    expect(migratedMidway).toBeGreaterThan(0);
    expect(migratedMidway).toBeLessThan(midway.length);

    const report = await migrateFleet(server.platform, { chain, concurrency: 2 });
    expect(report.failed).toEqual([]);
    expect(report.current).toBeGreaterThanOrEqual(migratedMidway); // finished tenants are not migrated twice
    const after = await server.platform.controlDb.select().from(control.tenantDatabases).where(eq(control.tenantDatabases.state, 'active'));
    expect(after.every((r) => r.schemaVersion === chain.length)).toBe(true);
    for (const studio of studios) expect(await tableExists((await locationOf(studio.slug)).databaseName, 'fleet_probe_resume')).toBe(true);
    expect(report.templates.every((t) => t.applied.includes('fleet_probe_resume') || t.applied.length === 0)).toBe(true);
  }, 120_000); // four sign-ups and two fleet runs: a hang guard, generous for a busy machine

  it('reports a tenant it cannot migrate, by name, instead of skipping it', async () => {
    const broken = await signUpStudio(new ApiClient(server.app));
    const row = await locationOf(broken.slug);
    await server.platform.clusters.get('main')!.connections.closeDatabase(row.databaseName);
    const admin = new pg.Client(server.adminUrl);
    await admin.connect();
    await admin.query(`DROP DATABASE ${row.databaseName} WITH (FORCE)`);
    await admin.end();
    const report = await migrateFleet(server.platform, { chain: chainWithNewMigration('fleet_probe_resume') });
    expect(report.failed.map((f) => f.databaseName)).toContain(row.databaseName);
    expect(formatFleetReport(report)).toContain(`FAILED ${row.databaseName}`);
    const [entry] = await server.platform.controlDb.select().from(control.tenantDatabases).where(eq(control.tenantDatabases.studioId, row.studioId));
    expect(entry!.lastError).toBeTruthy();
  }, 120_000); // a sign-up and a fleet run over every studio this file made: a hang guard (30 s was hit in CI)
});
