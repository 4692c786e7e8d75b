/**
 * Await several Drizzle queries one after another. A studio's handle is a single connection, on which
 * queries run in turn anyway; Promise.all on it only makes node-postgres warn about queued queries.
 * Drizzle builders are lazy (they run when awaited), so awaiting them in order is enough.
 */
export async function oneAfterAnother<T extends readonly unknown[]>(queries: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results: unknown[] = [];
  for (const query of queries) results.push(await query);
  return results as { -readonly [K in keyof T]: Awaited<T[K]> };
}
