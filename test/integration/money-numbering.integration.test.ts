/**
 * Gap-free document numbers under concurrency: many transactions of two series at once get consecutive
 * numbers, none twice; a transaction that rolls back after taking a number leaves no gap (ADR 0016).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { assignDocumentNumber, type DocumentNumber, type DocumentSeries } from '../../apps/server/src/modules/money/numbering/document-number.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { openBookingDb, settleAll, type BookingDb } from '../support/booking-db.ts';

let server: TestServer;
let studio: BookingDb;
beforeAll(async () => {
  server = await createTestServer();
  studio = await openBookingDb(server, 'Numbering Studio', { connections: 20 });
});
afterAll(async () => {
  await studio?.close();
  await server?.close();
});

class Abandoned extends Error {}
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** One issuing transaction: take a number, linger a moment as real issuing would, then commit or roll back. */
function issue(series: DocumentSeries, year: number, rollBack = false): Promise<DocumentNumber> {
  return studio.db.transaction(async (tx) => {
    const number = await assignDocumentNumber(tx, series, year);
    await tx.execute(sql`SELECT pg_sleep(${Math.random() / 100})`);
    if (rollBack) throw new Abandoned(number.number);
    return number;
  });
}

it('gives 100 concurrent transactions over two series consecutive numbers, no gap, no duplicate', async () => {
  const work = range(100).map((i) => issue(i % 2 ? 'invoice' : 'credit_note', 2026));
  const { values, errors } = await settleAll(work);
  expect(errors).toEqual([]);
  for (const [series, prefix] of [
    ['invoice', 'F'],
    ['credit_note', 'AV'],
  ] as const) {
    const taken = values
      .filter((v) => v.series === series)
      .map((v) => v.sequence)
      .sort((a, b) => a - b);
    expect(taken).toEqual(range(50));
    const printed = values.filter((v) => v.series === series).map((v) => v.number);
    expect(new Set(printed).size).toBe(50);
    expect(printed).toContain(`${prefix}-2026-0001`);
    expect(printed).toContain(`${prefix}-2026-0050`);
  }
});

it('gives a rolled-back number to the next issuer, even among concurrent ones', async () => {
  const first = await issue('invoice', 2027);
  expect(first.number).toBe('F-2027-0001');
  await expect(issue('invoice', 2027, true)).rejects.toThrow(new Abandoned('F-2027-0002'));
  expect((await issue('invoice', 2027)).number).toBe('F-2027-0002');

  // A third of 30 concurrent issuers abandon after taking a number: the committed ones still leave no hole.
  const { values, errors } = await settleAll(range(30).map((i) => issue('invoice', 2027, i % 3 === 0)));
  expect(errors).toHaveLength(10);
  expect(errors.every((e) => e instanceof Abandoned)).toBe(true);
  expect(values.map((v) => v.sequence).sort((a, b) => a - b)).toEqual(range(20).map((n) => n + 2));
  const [counter] = await studio.db.select().from(tenant.documentCounters).where(eq(tenant.documentCounters.year, 2027));
  expect(counter).toMatchObject({ series: 'invoice', lastNumber: 22 });
});

it('the first number of a year, taken by many at once, is still 1 then 2…', async () => {
  const { values, errors } = await settleAll(range(10).map(() => issue('quote', 2031)));
  expect(errors).toEqual([]);
  expect(values.map((v) => v.number).sort()).toEqual(range(10).map((n) => `D-2031-${String(n).padStart(4, '0')}`));
});

it('keeps one sequence per series and year, printed with the prefix of the day', async () => {
  await studio.db.update(tenant.billingSettings).set({ invoicePrefix: 'FA' }).where(eq(tenant.billingSettings.id, 1));
  const numbers = await studio.db.transaction(async (tx) => [
    await assignDocumentNumber(tx, 'invoice', 2028),
    await assignDocumentNumber(tx, 'invoice', 2028),
    await assignDocumentNumber(tx, 'invoice', 2029),
  ]);
  expect(numbers.map((n) => n.number)).toEqual(['FA-2028-0001', 'FA-2028-0002', 'FA-2029-0001']);
});

it('refuses a year outside the counter’s range before touching anything', async () => {
  await expect(studio.db.transaction((tx) => assignDocumentNumber(tx, 'invoice', 1999))).rejects.toThrow(RangeError);
});
