import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { control } from '@rsm/db';

export type ControlDb = NodePgDatabase<typeof control>;
/** The handle inside `controlDb.transaction(async (tx) => …)`. */
export type ControlTx = Parameters<Parameters<ControlDb['transaction']>[0]>[0];

export interface ControlDatabase {
  pool: pg.Pool;
  db: ControlDb;
}

export function openControlDatabase(url: string, poolSize: number, acquireTimeoutMs: number): ControlDatabase {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: acquireTimeoutMs,
    application_name: 'rsm-control',
    statement_timeout: 30_000,
  });
  pool.on('error', () => {
    // idle client dropped by the server; the pool replaces it
  });
  return { pool, db: drizzle(pool, { schema: control }) };
}
