/**
 * What a studio database holds, read from PostgreSQL's catalog (never a hand-kept list): its tables in
 * foreign-key dependency order (parents first), their columns, primary keys and sequences.
 */
import type pg from 'pg';

/** The migration bookkeeping: its content is the schema version, recorded in the manifest instead. */
export const MIGRATIONS_TABLE = 'rsm_schema_migrations';

export interface CatalogTable {
  name: string;
  /** Columns a restore writes (generated columns are computed again). */
  insertColumns: string[];
  primaryKey: string[];
  hasIdentity: boolean;
}

export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function readCatalog(client: pg.ClientBase): Promise<CatalogTable[]> {
  const tables = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> $1
      ORDER BY c.relname`,
    [MIGRATIONS_TABLE],
  );
  const columns = await client.query<{ table: string; column: string; generated: string; identity: string }>(
    `SELECT c.relname AS table, a.attname AS column, a.attgenerated AS generated, a.attidentity AS identity
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
  );
  const keys = await client.query<{ table: string; column: string }>(
    `SELECT c.relname AS table, a.attname AS column
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.attnum
      WHERE n.nspname = 'public' AND k.contype = 'p'
      ORDER BY c.relname, u.ord`,
  );
  const references = await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT c.relname AS child, p.relname AS parent
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND k.contype = 'f'`,
  );
  const byName = new Map<string, CatalogTable>(tables.rows.map((t) => [t.name, { name: t.name, insertColumns: [], primaryKey: [], hasIdentity: false }]));
  for (const c of columns.rows) {
    const table = byName.get(c.table);
    if (!table) continue;
    if (c.generated === '') table.insertColumns.push(c.column);
    if (c.identity !== '') table.hasIdentity = true;
  }
  for (const k of keys.rows) byName.get(k.table)?.primaryKey.push(k.column);
  const parents = new Map<string, Set<string>>([...byName.keys()].map((name) => [name, new Set<string>()]));
  for (const r of references.rows) if (r.child !== r.parent && byName.has(r.parent)) parents.get(r.child)?.add(r.parent);
  return dependencyOrder([...byName.keys()], parents).map((name) => byName.get(name)!);
}

/** Parents before children, alphabetical among equals; tables in a cycle (none today) come last, alphabetically. */
export function dependencyOrder(names: string[], parents: Map<string, Set<string>>): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  const pending = [...names].sort();
  let progress = true;
  while (pending.length > 0 && progress) {
    progress = false;
    for (let i = 0; i < pending.length; i++) {
      const name = pending[i]!;
      if ([...(parents.get(name) ?? [])].every((p) => placed.has(p))) {
        order.push(name);
        placed.add(name);
        pending.splice(i, 1);
        progress = true;
        break;
      }
    }
  }
  return [...order, ...pending];
}

/** The rows of a table as to_jsonb text, in a stable order (primary key, else the row text itself). */
export function rowsQuery(table: CatalogTable): string {
  const order = table.primaryKey.length > 0 ? table.primaryKey.map((c) => `t.${ident(c)}`).join(', ') : '1';
  return `SELECT to_jsonb(t)::text AS j FROM ${ident(table.name)} t ORDER BY ${order}`;
}

export async function readSequences(client: pg.ClientBase): Promise<{ name: string; value: string; isCalled: boolean }[]> {
  const names = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
  );
  const out: { name: string; value: string; isCalled: boolean }[] = [];
  for (const { name } of names.rows) {
    const res = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${ident(name)}`);
    out.push({ name, value: res.rows[0]!.last_value, isCalled: res.rows[0]!.is_called });
  }
  return out;
}
