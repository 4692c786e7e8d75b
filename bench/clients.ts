/**
 * `npm run bench:clients [-- --rows 5000 --clients 50000 --searches 500]`
 *
 * Prints figures (not a pass/fail test) for the CRM on a real PostgreSQL (embedded, in a temporary
 * folder), through the same services the procedures call:
 *   1. import of a generated N-row CSV (dry run, then commit in one transaction) — target < 5 s;
 *   2. search over M clients (bulk-seeded): varied partial words, accents, case, several words, e-mail
 *      and phone fragments, through the paginated list (with its total) and the picker — target p95 < 20 ms.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { tenant } from '@rsm/db';
import { listClientsInput, pickClientsInput } from '@rsm/shared/clients-schemas';
import { provisionStudio } from '../apps/server/src/modules/studios/provisioning.service.ts';
import { importClients } from '../apps/server/src/modules/clients/import.service.ts';
import { listClients, pickClients } from '../apps/server/src/modules/clients/clients-search.service.ts';
import type { TenantDb } from '../apps/server/src/platform/tenancy/directory.ts';
import type { Actor } from '../apps/server/src/modules/studios/studio-context.ts';
import { saveResults, arg, ms, summarize } from './lib.ts';
import { startBenchPlatform } from './platform.ts';

const ROWS = arg('rows', 5000);
const CLIENTS = arg('clients', 50_000);
const SEARCHES = arg('searches', 500);

const FIRST = [
  'Amélie',
  'Zoë',
  'Beyoncé',
  'Chloé',
  'Jérôme',
  'François',
  'Hélène',
  'Noël',
  'Léa',
  'Inès',
  'Marc',
  'Paul',
  'Sarah',
  'Tom',
  'Lucas',
  'Emma',
  'Hugo',
  'Jade',
  'Louis',
  'Anaïs',
];
const LAST = [
  'Dupont',
  'Lefèvre',
  'Müller',
  'García',
  'Nguyen',
  'Smith',
  'Brontë',
  'Lumière',
  'Østergaard',
  'Kravitz',
  'Martin',
  'Bernard',
  'Moreau',
  'Laurent',
  'Girard',
  'Rousseau',
  'Fontaine',
  'Chevalier',
  'Blanc',
  'Perrin',
];
const CITIES = ['Paris', 'Lyon', 'Montréal', 'Genève', 'Bruxelles', 'Nantes', 'Québec', 'Berlin', 'London', 'Zürich'];
const pick = <T>(list: T[], i: number) => list[i % list.length]!;
const person = (i: number) => ({
  name: `${pick(FIRST, i)} ${pick(LAST, Math.floor(i / FIRST.length))} ${i}`,
  email: `client${i}@example.test`,
  phone: `+33 6 ${String(10_000_000 + ((i * 7919) % 89_999_999)).replace(/(\d\d)(?=\d)/g, '$1 ')}`,
  city: pick(CITIES, i),
});

const bench = await startBenchPlatform('clients');
const { platform } = bench;
const results: Record<string, unknown> = { rows: ROWS, clients: CLIENTS, searches: SEARCHES, date: new Date().toISOString() };

try {
  const provisioned = await provisionStudio(platform, {
    owner: { name: 'Bench', email: 'bench@clients.test', passwordHash: null, locale: 'en' },
    studio: { name: 'Bench Clients', slug: 'bench-clients', timeZone: 'Europe/Paris' },
  });
  const pool = bench.pool(provisioned.databaseName, 4);
  // `--explain`: print PostgreSQL's plan (EXPLAIN ANALYZE) of the list queries for a few terms (EXPLAIN_TERMS=noel,jer to choose them).
  const explain = process.argv.includes('--explain');
  let lastQueries: { query: string; params: unknown[] }[] = [];
  const db: TenantDb = drizzle(pool, { schema: tenant, logger: explain ? { logQuery: (query, params) => void lastQueries.push({ query, params }) } : false });
  const actor: Actor = { userId: provisioned.userId, name: 'Bench', email: 'bench@clients.test', role: 'owner' };

  // 1. Import: a French-Excel-like file (semicolons, quotes, accents), a company per 20 people.
  const lines = ['Nom;E-mail;Téléphone;Ville;Société;Rôles;Étiquettes'];
  for (let i = 0; i < ROWS; i++) {
    const p = person(i);
    lines.push(
      [`"${p.name}"`, p.email, p.phone, p.city, `Label ${Math.floor(i / 20)}`, i % 3 ? 'artiste' : 'manager', i % 2 ? 'pop' : '"rock,live"'].join(';'),
    );
  }
  const csv = lines.join('\r\n');
  const dry0 = performance.now();
  const dry = await importClients(db, actor, csv, true);
  const dryMs = performance.now() - dry0;
  const t0 = performance.now();
  const done = await importClients(db, actor, csv, false);
  const importMs = performance.now() - t0;
  console.log(
    `1. Import of ${ROWS} CSV rows (${(csv.length / 1024).toFixed(0)} KiB): dry run ${ms(dryMs)}, commit ${ms(importMs)} → ${done.created} clients + ${done.companiesCreated} companies, ${done.errors.length} errors (target < 5 s)`,
  );
  if (dry.created !== ROWS || done.created !== ROWS) throw new Error(`expected ${ROWS} creations, got dry ${dry.created} / commit ${done.created}`);
  results.import = { rows: ROWS, bytes: csv.length, dryRunMs: dryMs, commitMs: importMs, created: done.created, companies: done.companiesCreated };

  // 2. Seed up to CLIENTS with a bulk insert (the seed is not what is measured), then search.
  const s0 = performance.now();
  for (let start = ROWS; start < CLIENTS; start += 5000) {
    const batch = Array.from({ length: Math.min(5000, CLIENTS - start) }, (_, j) => ({ ...person(start + j), tags: [(start + j) % 2 ? 'pop' : 'rock'] }));
    await db.insert(tenant.clients).values(batch);
  }
  // What autovacuum does after this many inserts: the planner needs statistics to choose the trigram index.
  await pool.query('ANALYZE');
  console.log(`   (seeded to ${CLIENTS} clients in ${((performance.now() - s0) / 1000).toFixed(1)} s)`);

  if (explain) {
    for (const q of (process.env.EXPLAIN_TERMS ?? 'a,montreal,zurich paris').split(',')) {
      lastQueries = [];
      await listClients(db, listClientsInput.parse({ q }), new Date());
      for (const { query, params } of lastQueries) {
        const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${query}`, params);
        console.log(`--- ${q}: ${query.slice(0, 120)}…\n${plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}`);
      }
    }
  }
  const terms = [
    'beyo',
    'BEYONCE',
    'lumiere',
    'zoe krav',
    'chloé',
    'jer',
    'hel',
    'ostergaard',
    'muller',
    'garc',
    'client123',
    'client4999',
    '@example',
    '06 12',
    '1234',
    'montreal',
    'zurich paris',
    'fran lef',
    'noel',
    'anais',
    'xyz-no-match',
    'le',
    'a',
    'Dupont 17',
    'label 42',
  ];
  const listTimes: number[] = [];
  const byTerm = new Map<string, number[]>();
  const pickTimes: number[] = [];
  let matched = 0;
  for (let i = 0; i < SEARCHES + 25; i++) {
    const q = terms[i % terms.length]!;
    const sort = i % 5 === 0 ? 'relevance' : 'name';
    const a = performance.now();
    const page = await listClients(db, listClientsInput.parse({ q, sort, page: 1 + (i % 3) }), new Date());
    const b = performance.now();
    await pickClients(db, pickClientsInput.parse({ q }));
    const c = performance.now();
    if (i < 25) continue; // warm-up
    listTimes.push(b - a);
    byTerm.set(q, [...(byTerm.get(q) ?? []), b - a]);
    pickTimes.push(c - b);
    matched += page.total;
  }
  const list = summarize(listTimes);
  const picker = summarize(pickTimes);
  console.log(
    `2. Search over ${CLIENTS} clients, ${SEARCHES} searches of ${terms.length} varied terms (partial, accents, case, several words, e-mail, phone):`,
  );
  console.log(
    `   list page + total: p50 ${ms(list.p50)}, p95 ${ms(list.p95)}, p99 ${ms(list.p99)}, max ${ms(list.max)} (target p95 < 20 ms; ${Math.round(matched / SEARCHES)} matches on average)`,
  );
  console.log(`   picker (top 10):   p50 ${ms(picker.p50)}, p95 ${ms(picker.p95)}, p99 ${ms(picker.p99)}, max ${ms(picker.max)}`);
  const slowest = [...byTerm]
    .map(([term, times]) => [term, summarize(times).p50] as const)
    .sort((x, y) => y[1] - x[1])
    .slice(0, 5);
  console.log(`   slowest terms (list p50): ${slowest.map(([term, p50]) => `"${term}" ${ms(p50)}`).join(', ')}`);
  results.search = { list, picker, slowest };
  await pool.end();
} finally {
  await bench.close();
}

saveResults('clients', results);
process.exit(0);
