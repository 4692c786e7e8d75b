/**
 * Queries that nearly every page runs (the studio's settings, its rooms), built once per connection instead of
 * once per call. Drizzle takes 0.1–0.25 ms of CPU to build the SQL of even a one-table select — more than
 * PostgreSQL takes to answer it, and on the server's single thread (issue #14) — while the text never changes.
 *
 * Build them with `.prepare('')`: the empty name keeps the statement unnamed on the server, so PostgreSQL parses
 * each execution as before and a migration that alters a table can never meet a stale server-side plan. The
 * cache hangs off the Drizzle instance (one per connection, see tenantDbFor; one per transaction), so it goes
 * with it.
 */
const queriesOf = new WeakMap<object, Map<string, unknown>>();

export function builtOnce<Q>(db: object, key: string, build: () => Q): Q {
  let queries = queriesOf.get(db);
  if (!queries) queriesOf.set(db, (queries = new Map()));
  let query = queries.get(key) as Q | undefined;
  if (query === undefined) {
    query = build();
    queries.set(key, query);
  }
  return query;
}
