/**
 * Tenant databases are cloned from a migrated template database on each
 * cluster: cloning is much faster than running the migration chain per
 * studio, and every new studio starts at the same schema version.
 */
import pg from 'pg';
import { migrateDatabase, type MigrateResult, type Migration } from '@rsm/db';
import { databaseUrl } from '../postgres/connection-manager.ts';
import { TEMPLATE_DATABASE, type TenantCluster } from '../postgres/clusters.ts';
import { pgErrorCode, SQLSTATE } from '../postgres/pg-errors.ts';

export function quoteIdent(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  return `"${name}"`;
}

export async function databaseExists(admin: pg.Pool, name: string): Promise<boolean> {
  const res = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return res.rowCount === 1;
}

/** `admin` is any connection (pool or client) to the cluster's maintenance database. */
export async function createDatabase(admin: Pick<pg.Pool, 'query'>, name: string, template?: string): Promise<void> {
  // The default WAL_LOG strategy measured faster here than FILE_COPY, which forces two checkpoints per clone.
  const from = template ? ` TEMPLATE ${quoteIdent(template)}` : '';
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(name)}${from}`);
      return;
    } catch (error) {
      const code = pgErrorCode(error);
      if (code === SQLSTATE.duplicateDatabase) return; // already exists (another instance raced us)
      // 55006: someone is briefly connected to the template (e.g. a server checking its version): retry.
      if (code === SQLSTATE.objectInUse && attempt < 20) {
        await new Promise((r) => setTimeout(r, 50 + attempt * 25));
        continue;
      }
      throw error;
    }
  }
}

export async function dropDatabase(admin: pg.Pool, name: string): Promise<void> {
  await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

/** Make sure the cluster has an up-to-date template. The migrating connection is closed before anyone clones it. */
export async function ensureTemplate(cluster: TenantCluster, chain?: Migration[]): Promise<MigrateResult> {
  if (!(await databaseExists(cluster.admin, TEMPLATE_DATABASE))) await createDatabase(cluster.admin, TEMPLATE_DATABASE);
  const client = new pg.Client({ connectionString: databaseUrl(cluster.adminUrl, TEMPLATE_DATABASE), application_name: 'rsm-migrate' });
  await client.connect();
  try {
    return await migrateDatabase(client, 'tenant', chain);
  } finally {
    await client.end();
  }
}
