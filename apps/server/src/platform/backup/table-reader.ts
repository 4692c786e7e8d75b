/** Reads a table's rows through a cursor (never the whole table in memory) and hashes them as the archive does. */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { rowsQuery, type CatalogTable } from './catalog.ts';

const BATCH_ROWS = 1_000;

/** Calls `onBatch` with each batch of row lines, in archive order. Must run inside a transaction. */
export async function readTableRows(client: pg.ClientBase, table: CatalogTable, onBatch: (lines: string[]) => Promise<void> | void): Promise<void> {
  await client.query(`DECLARE rsm_backup_rows NO SCROLL CURSOR FOR ${rowsQuery(table)}`);
  try {
    for (;;) {
      const res = await client.query<{ j: string }>(`FETCH ${BATCH_ROWS} FROM rsm_backup_rows`);
      if (res.rows.length === 0) break;
      await onBatch(res.rows.map((r) => r.j));
      if (res.rows.length < BATCH_ROWS) break;
    }
  } finally {
    await client.query('CLOSE rsm_backup_rows');
  }
}

export class TableHasher {
  private readonly hash = createHash('sha256');
  rows = 0;

  add(line: string): void {
    this.hash.update(line);
    this.hash.update('\n');
    this.rows++;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Row count and SHA-256 of a table as it is now in the database. */
export async function summarizeTable(client: pg.ClientBase, table: CatalogTable): Promise<{ rows: number; sha256: string }> {
  const hasher = new TableHasher();
  await readTableRows(client, table, (lines) => lines.forEach((l) => hasher.add(l)));
  return { rows: hasher.rows, sha256: hasher.digest() };
}
