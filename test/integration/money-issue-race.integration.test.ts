/**
 * The numbering race through the real issue path (checks, number, PDF render, storage, writes): 100 drafts issued
 * at once over two series get consecutive numbers from 1, none twice, none skipped — and issues that fail after
 * taking their number (storage refusing some writes) give it back, so the committed ones still leave no gap.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { issueDocument } from '../../apps/server/src/modules/money/invoicing/index.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { openBookingDb, settleAll, type BookingDb } from '../support/booking-db.ts';
import { completeBillingDetails, draft, failingStorage, freeLine, insertClient, moneyContext, rateId, storage, issueYear } from '../support/money.ts';

let server: TestServer;
let studio: BookingDb;
let clientId: string;
let standard: string;
const year = issueYear();
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

beforeAll(async () => {
  server = await createTestServer();
  studio = await openBookingDb(server, 'Issue Race Studio', { connections: 20 });
  await completeBillingDetails(studio.db);
  clientId = await insertClient(studio.db);
  standard = await rateId(studio.db, 2000);
}, 60_000);
afterAll(async () => {
  await studio?.close();
  await server?.close();
});

async function numbersOf(kind: 'invoice' | 'quote') {
  const rows = await studio.db.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.kind, kind));
  return rows.filter((r) => r.status !== 'draft');
}

it('100 concurrent issues over two series: consecutive, no gap, no duplicate', { timeout: 300_000 }, async () => {
  const drafts = await Promise.all(range(100).map((i) => draft(studio, clientId, [freeLine(standard, 1000 + i)], { kind: i % 2 ? 'invoice' : 'quote' })));
  const { values, errors } = await settleAll(drafts.map((id) => issueDocument(studio.db, moneyContext(studio), { storage }, studio.actor, id)));
  expect(errors).toEqual([]);
  expect(values).toHaveLength(100);
  for (const [kind, prefix] of [
    ['invoice', 'F'],
    ['quote', 'D'],
  ] as const) {
    const issued = await numbersOf(kind);
    expect(issued.map((d) => d.sequence).sort((a, b) => a! - b!)).toEqual(range(50));
    expect(new Set(issued.map((d) => d.number)).size).toBe(50);
    expect(issued.every((d) => d.number === `${prefix}-${year}-${String(d.sequence).padStart(4, '0')}` && d.pdfKey)).toBe(true);
  }
});

it('issues that fail after taking a number give it back, even among concurrent ones', { timeout: 300_000 }, async () => {
  // Every third write of a PDF fails: those issues roll back after their number was taken.
  const flaky = failingStorage((write) => write % 3 === 0);
  const drafts = await Promise.all(range(30).map((i) => draft(studio, clientId, [freeLine(standard, 500 + i)])));
  const { values, errors } = await settleAll(drafts.map((id) => issueDocument(studio.db, moneyContext(studio), { storage: flaky }, studio.actor, id)));
  expect(errors).toHaveLength(10);
  expect(values).toHaveLength(20);
  const issued = await numbersOf('invoice');
  expect(issued.map((d) => d.sequence).sort((a, b) => a! - b!)).toEqual(range(70));
  const [counter] = await studio.db.select().from(tenant.documentCounters).where(eq(tenant.documentCounters.series, 'invoice'));
  expect(counter!.lastNumber).toBe(70);
});
