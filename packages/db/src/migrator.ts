/**
 * Applies a drizzle-kit migration chain (the committed SQL files and their
 * journal) to one database. One chain per database kind: control or tenant.
 *
 * Each pending migration runs in its own transaction together with the row
 * that records it, under an advisory lock, so a crash leaves the database at
 * a whole version and a second migrator waits instead of racing.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export type ChainKind = 'control' | 'tenant';

export interface Migration {
  version: number;
  tag: string;
  hash: string;
  statements: string[];
}

// Defined only by the production build (scripts/build-server.ts), which bundles this module into apps/server/dist
// beside a copy of the chains; from the sources they sit one folder up, in packages/db/migrations.
declare const __RSM_BUNDLED__: boolean | undefined;
const MIGRATIONS_ROOT = join(dirname(fileURLToPath(import.meta.url)), typeof __RSM_BUNDLED__ === 'undefined' ? '..' : '.', 'migrations');
const LOCK_KEY = 7_261_001; // arbitrary constant shared by every migrator of this product
const cache = new Map<ChainKind, Migration[]>();

export function loadChain(kind: ChainKind): Migration[] {
  const cached = cache.get(kind);
  if (cached) return cached;
  const folder = join(MIGRATIONS_ROOT, kind);
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
  const chain = journal.entries
    .sort((a, b) => a.idx - b.idx)
    .map((entry, i) => {
      if (entry.idx !== i) throw new Error(`${kind} migration journal has a gap at ${i}`);
      const sql = readFileSync(join(folder, `${entry.tag}.sql`), 'utf8');
      return {
        version: i + 1,
        tag: entry.tag,
        hash: createHash('sha256').update(sql).digest('hex'),
        statements: sql
          .split('--> statement-breakpoint')
          .map((s) => s.trim())
          .filter(Boolean),
      };
    });
  cache.set(kind, chain);
  return chain;
}

/** The version a database of this kind must be at to be served. */
export function latestVersion(kind: ChainKind): number {
  return loadChain(kind).length;
}

const ENSURE_TABLE = `CREATE TABLE IF NOT EXISTS rsm_schema_migrations (
  version integer PRIMARY KEY,
  tag text NOT NULL,
  hash text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

export async function currentVersion(client: pg.ClientBase): Promise<number> {
  const exists = await client.query<{ ok: boolean }>(`SELECT to_regclass('rsm_schema_migrations') IS NOT NULL AS ok`);
  if (!exists.rows[0]?.ok) return 0;
  const res = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM rsm_schema_migrations');
  return res.rows[0]?.v ?? 0;
}

export interface MigrateResult {
  from: number;
  to: number;
  applied: string[];
}

/** Bring one database to the latest version of its chain. Safe to run concurrently and to re-run. */
export async function migrateDatabase(client: pg.ClientBase, kind: ChainKind, chain = loadChain(kind)): Promise<MigrateResult> {
  await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    await client.query(ENSURE_TABLE);
    const applied = await client.query<{ version: number; hash: string; tag: string }>('SELECT version, hash, tag FROM rsm_schema_migrations ORDER BY version');
    for (const row of applied.rows) {
      const expected = chain[row.version - 1];
      if (!expected) throw new Error(`database is at ${kind} version ${row.version} (${row.tag}), newer than this build knows`);
      if (expected.hash !== row.hash) throw new Error(`${kind} migration ${row.tag} was changed after it was applied`);
    }
    const from = applied.rows.length;
    const done: string[] = [];
    for (const migration of chain.slice(from)) {
      await client.query('BEGIN');
      try {
        for (const statement of migration.statements) await client.query(statement);
        await client.query('INSERT INTO rsm_schema_migrations (version, tag, hash) VALUES ($1, $2, $3)', [migration.version, migration.tag, migration.hash]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`${kind} migration ${migration.tag} failed: ${(error as Error).message}`, { cause: error });
      }
      done.push(migration.tag);
    }
    return { from, to: chain.length, applied: done };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
}
