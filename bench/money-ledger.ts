/**
 * `node --import tsx bench/money-ledger.ts [-- --issues 1000 --concurrent 200 --issuers 20 --list 20000 --runs 200]`
 *
 * Prints figures (not a pass/fail test) for the money ledger of one studio, in process, on its own embedded
 * PostgreSQL, through the money services the API calls:
 *   1. issuing invoices one after another (a one-line draft, then issue: number, frozen snapshot, PDF/A-3 with
 *      Factur-X rendered and stored): p50 / p95 per issue;
 *   2. numbering under contention: `--issuers` concurrent issuers over `--concurrent` drafts: issues per second,
 *      and whether the numbers are consecutive, without a gap or a duplicate;
 *   3. the invoice list as the Money page asks for it (first page, a status filter, a search by number) over
 *      `--list` issued invoices (target p95 < 20 ms), and the summary (outstanding and overdue) beside it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { tenant } from '@rsm/db';
import { provisionStudio } from '../apps/server/src/modules/studios/provisioning.service.ts';
import { createDraft, issueDocument } from '../apps/server/src/modules/money/invoicing/index.ts';
import { listDocuments } from '../apps/server/src/modules/money/invoicing/documents-read.service.ts';
import { documentsSummary } from '../apps/server/src/modules/money/invoicing/documents-summary.service.ts';
import type { StudioMoneyContext } from '../apps/server/src/modules/money/invoicing/drafts.service.ts';
import { LocalFileStorage } from '../apps/server/src/platform/storage/local-storage.ts';
import type { TenantDb } from '../apps/server/src/platform/tenancy/directory.ts';
import type { Actor } from '../apps/server/src/modules/studios/studio-context.ts';
import { completeBillingDetails, freeLine, insertClient, rateId } from '../test/support/money.ts';
import { listDocumentsInput, documentFiltersInput } from '@rsm/shared/money-documents-schemas';
import { arg, ms, saveResults, summarize } from './lib.ts';
import { startBenchPlatform } from './platform.ts';

const ISSUES = arg('issues', 1000);
const CONCURRENT = arg('concurrent', 200);
const ISSUERS = arg('issuers', 20);
const LIST = arg('list', 20_000);
const RUNS = arg('runs', 200);

const bench = await startBenchPlatform('money-ledger');
const filesDir = mkdtempSync(join(tmpdir(), 'rsm-bench-money-files-'));
const storage = new LocalFileStorage(filesDir);
const results: Record<string, unknown> = { issues: ISSUES, concurrent: CONCURRENT, issuers: ISSUERS, list: LIST, runs: RUNS, date: new Date().toISOString() };

async function timed(runs: number, work: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(20, runs); i++) await work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  return summarize(times);
}

try {
  const provisioned = await provisionStudio(bench.platform, {
    owner: { name: 'Bench', email: 'bench@money.test', passwordHash: null, locale: 'en' },
    studio: { name: 'Bench Money', slug: 'bench-money', timeZone: 'Europe/Paris' },
  });
  const pool = bench.pool(provisioned.databaseName, ISSUERS + 2);
  const db: TenantDb = drizzle(pool, { schema: tenant });
  const ctx: StudioMoneyContext = { studioId: provisioned.studioId, timeZone: 'Europe/Paris', locale: 'en', currency: 'EUR' };
  const actor: Actor = { userId: provisioned.userId, name: 'Bench', email: 'bench@money.test', role: 'owner' };
  await completeBillingDetails(db);
  const clientId = await insertClient(db);
  const vat = await rateId(db);
  const newDraft = (i: number) =>
    createDraft(db, ctx, actor, {
      kind: 'invoice',
      clientId,
      notes: '',
      lines: [freeLine(vat, 10_000 + (i % 50) * 100, 1000, `Mixing day ${i + 1}`)],
      depositInvoiceIds: [],
    });

  // 1. One after another.
  const times: number[] = [];
  for (let i = 0; i < ISSUES; i++) {
    const id = await newDraft(i);
    const t0 = performance.now();
    await issueDocument(db, ctx, { storage }, actor, id);
    times.push(performance.now() - t0);
  }
  const sequential = summarize(times.slice(Math.min(20, times.length - 1))); // the first issues load the PDF code and fonts
  console.log(
    `1. Issuing ${ISSUES} invoices one after another (draft → number, snapshot, PDF/A-3 + Factur-X stored): p50 ${ms(sequential.p50)}, p95 ${ms(sequential.p95)}, p99 ${ms(sequential.p99)} per issue`,
  );
  results.sequential = sequential;

  // 2. Concurrent issuers.
  const drafts = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => newDraft(ISSUES + i)));
  const queue = [...drafts];
  const numbers: string[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: ISSUERS }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) numbers.push((await issueDocument(db, ctx, { storage }, actor, id)).number);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const sequence = numbers.map((n) => Number(n.split('-').pop())).sort((a, b) => a - b);
  const consecutive = sequence.every((n, i) => i === 0 || n === sequence[i - 1]! + 1) && new Set(sequence).size === sequence.length;
  console.log(
    `2. ${ISSUERS} concurrent issuers over ${CONCURRENT} drafts: ${(CONCURRENT / seconds).toFixed(0)} issues/s (${seconds.toFixed(1)} s); numbers ${sequence[0]}–${sequence[sequence.length - 1]}: ${consecutive ? 'consecutive, no gap, no duplicate' : 'NOT CONSECUTIVE'}`,
  );
  results.concurrent = { issuesPerSecond: CONCURRENT / seconds, consecutive };

  // 3. The list over LIST issued invoices: copies of an issued one with their own numbers and dates across a year.
  const [template] = await pool.query<{ id: string }>(`SELECT id FROM money_documents WHERE status = 'issued' LIMIT 1`).then((r) => r.rows);
  const columns = (
    await pool.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'money_documents' AND column_name NOT IN ('id', 'number', 'sequence', 'issue_date', 'due_date') ORDER BY ordinal_position`,
    )
  ).rows.map((r) => `"${r.column_name}"`);
  const existing = ISSUES + CONCURRENT;
  const toAdd = Math.max(0, LIST - existing);
  await pool.query(
    `INSERT INTO money_documents (${columns.join(', ')}, number, sequence, issue_date, due_date)
     SELECT ${columns.map((c) => `d.${c}`).join(', ')}, 'B-2026-' || lpad(g::text, 6, '0'), 1000000 + g, date '2026-01-01' + (g % 340), date '2026-01-31' + (g % 340)
     FROM money_documents d, generate_series(1, $2::int) g WHERE d.id = $1`,
    [template!.id, toAdd],
  );
  await pool.query('ANALYZE money_documents');
  const today = '2026-12-06';
  const list = (input: Record<string, unknown>) => listDocuments(db, today, listDocumentsInput.parse(input));
  const firstPage = await timed(RUNS, () => list({}));
  const issuedOnly = await timed(RUNS, () => list({ status: 'issued' }));
  const search = await timed(RUNS, () => list({ q: 'B-2026-012345' }));
  const summary = await timed(Math.min(RUNS, 50), () => documentsSummary(db, today, documentFiltersInput.parse({})));
  const total = existing + toAdd;
  console.log(`3. Invoice list over ${total} invoices (target p95 < 20 ms):`);
  console.log(
    `   first page (50 rows): p50 ${ms(firstPage.p50)}, p95 ${ms(firstPage.p95)}; status filter: p50 ${ms(issuedOnly.p50)}, p95 ${ms(issuedOnly.p95)}; search by number: p50 ${ms(search.p50)}, p95 ${ms(search.p95)}`,
  );
  console.log(`   summary (totals, outstanding, overdue of the whole list): p50 ${ms(summary.p50)}, p95 ${ms(summary.p95)}`);
  results.list = { invoices: total, firstPage, statusFilter: issuedOnly, search, summary };
  await pool.end();
  saveResults('money-ledger', results);
} catch (error) {
  console.error('money-ledger failed:', error);
  process.exitCode = 1;
} finally {
  await bench.close();
  rmSync(filesDir, { recursive: true, force: true });
}
