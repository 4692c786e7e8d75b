/**
 * Invoices through the real services against a studio's database: drafts and their totals, issuing (number,
 * frozen snapshot, stored PDF with Factur-X), a refused or failed issue burns no number, the database refuses
 * edits of what is issued, deposit and final invoices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { computeTotals } from '@rsm/shared/money-totals';
import { deleteDraft, getDocument, issueDocument, updateDraft } from '../../apps/server/src/modules/money/invoicing/index.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { openBookingDb, type BookingDb } from '../support/booking-db.ts';
import {
  completeBillingDetails,
  documentRow,
  draft,
  failingStorage,
  freeLine,
  insertClient,
  issue,
  moneyContext,
  rateId,
  readStored,
  issueYear,
} from '../support/money.ts';

let server: TestServer;
let studio: BookingDb;
let clientId: string;
let standard: string;
let reduced: string;
const year = issueYear();

beforeAll(async () => {
  server = await createTestServer();
  studio = await openBookingDb(server, 'Invoicing Studio', { connections: 5 });
  await completeBillingDetails(studio.db);
  clientId = await insertClient(studio.db);
  standard = await rateId(studio.db, 2000);
  reduced = await rateId(studio.db, 550);
}, 60_000);
afterAll(async () => {
  await studio?.close();
  await server?.close();
});

const counter = async () => (await studio.db.select().from(tenant.documentCounters).where(eq(tenant.documentCounters.series, 'invoice')))[0]?.lastNumber ?? 0;

describe('drafts', () => {
  it('stores the totals computeTotals gives, lines at several rates and a document discount', async () => {
    const lines = [freeLine(standard, 4500, 2500), freeLine(reduced, 1999, 3000, 'Lunch')];
    const id = await draft(studio, clientId, lines);
    await updateDraft(studio.db, moneyContext(studio), studio.actor, {
      id,
      clientId,
      notes: 'Thanks',
      lines,
      discount: { kind: 'percent', basisPoints: 1000 },
      depositInvoiceIds: [],
    });
    const doc = await getDocument(studio.db, '2000-01-01', id);
    const expected = computeTotals(
      [
        { quantity: 2500, unitPriceCents: 4500, vatRateBasisPoints: 2000 },
        { quantity: 3000, unitPriceCents: 1999, vatRateBasisPoints: 550 },
      ],
      { kind: 'percent', basisPoints: 1000 },
    );
    expect(doc).toMatchObject({
      status: 'draft',
      number: null,
      netCents: expected.netCents,
      vatCents: expected.vatCents,
      grossCents: expected.grossCents,
      notes: 'Thanks',
    });
    expect(doc.lines.map((l) => l.netCents)).toEqual(expected.lines.map((l) => l.netCents));
    expect(doc.lines[1]).toMatchObject({ vatBasisPoints: 550, vatCategory: 'S' });
  });

  it('refuses a line discount larger than its line, naming the line', async () => {
    await expect(draft(studio, clientId, [{ ...freeLine(standard, 1000), discount: { kind: 'amount', cents: 1001 } }])).rejects.toMatchObject({
      code: 'DOCUMENT_INVALID',
      message: expect.stringContaining('line 1'),
    });
  });

  it('deletes a draft, and refuses to delete or edit an issued document', async () => {
    const gone = await draft(studio, clientId, [freeLine(standard, 1000)]);
    await deleteDraft(studio.db, studio.actor, gone);
    expect(await studio.db.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, gone))).toEqual([]);
    const id = await draft(studio, clientId, [freeLine(standard, 1000)]);
    await issue(studio, id);
    await expect(deleteDraft(studio.db, studio.actor, id)).rejects.toMatchObject({ code: 'DOCUMENT_NOT_DRAFT' });
    await expect(
      updateDraft(studio.db, moneyContext(studio), studio.actor, { id, clientId, notes: '', lines: [], depositInvoiceIds: [] }),
    ).rejects.toMatchObject({ code: 'DOCUMENT_NOT_DRAFT' });
  });
});

describe('issuing', () => {
  it('numbers, dates, freezes and stores a Factur-X PDF', async () => {
    const id = await draft(studio, clientId, [freeLine(standard, 6000, 4000)]);
    const before = await counter();
    const number = await issue(studio, id);
    expect(number).toBe(`F-${year}-${String(before + 1).padStart(4, '0')}`);
    const row = await documentRow(studio.db, id);
    expect(row).toMatchObject({ status: 'issued', number, grossCents: 28800, sequence: before + 1 });
    const issued = new Date(`${row.issueDate}T00:00:00Z`);
    expect(new Date(`${row.dueDate}T00:00:00Z`).getTime() - issued.getTime()).toBe(30 * 86_400_000);
    expect(row.snapshot).toMatchObject({
      number,
      buyer: { name: 'Les Ondes' },
      seller: { legalName: 'Studio Bleu SARL' },
      totals: { grossCents: 28800, dueCents: 28800 },
    });
    const pdf = await readStored(row.pdfKey!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('factur-x.xml');
  });

  it('refuses an incomplete document before taking a number: nothing burnt', async () => {
    await studio.db.update(tenant.studioSettings).set({ vatNumber: '' }).where(eq(tenant.studioSettings.id, 1));
    const id = await draft(studio, clientId, [freeLine(standard, 1000)]);
    const before = await counter();
    await expect(issue(studio, id)).rejects.toMatchObject({ code: 'DOCUMENT_INVALID', message: expect.stringContaining('VAT number') });
    expect(await counter()).toBe(before);
    expect((await documentRow(studio.db, id)).status).toBe('draft');
    await completeBillingDetails(studio.db);
    expect(await issue(studio, id)).toBe(`F-${year}-${String(before + 1).padStart(4, '0')}`);
  });

  it('a storage failure after the number rolls the number back, and leaves the draft a draft', async () => {
    const broken = failingStorage(() => true);
    const id = await draft(studio, clientId, [freeLine(standard, 1000)]);
    const before = await counter();
    await expect(issueDocument(studio.db, moneyContext(studio), { storage: broken }, studio.actor, id)).rejects.toThrow('storage unavailable');
    expect(await counter()).toBe(before);
    expect(await documentRow(studio.db, id)).toMatchObject({ status: 'draft', number: null, pdfKey: null });
  });

  it('an empty draft is refused', async () => {
    const id = await draft(studio, clientId, []);
    await expect(issue(studio, id)).rejects.toMatchObject({ code: 'DOCUMENT_INVALID' });
  });
});

describe('the database refuses changes to an issued document', () => {
  let id: string;
  beforeAll(async () => {
    id = await draft(studio, clientId, [freeLine(standard, 5000)]);
    await issue(studio, id);
  });
  const refused = (statement: ReturnType<typeof sql>) =>
    expect(studio.db.execute(statement)).rejects.toMatchObject({ cause: { constraint: 'money_documents_issued_frozen' } });

  it('amounts, number, snapshot', async () => {
    await refused(sql`UPDATE money_documents SET gross_cents = gross_cents + 1, vat_cents = vat_cents + 1 WHERE id = ${id}`);
    await refused(sql`UPDATE money_documents SET number = 'F-1999-9999' WHERE id = ${id}`);
    await refused(sql`UPDATE money_documents SET snapshot = '{}' WHERE id = ${id}`);
    await refused(sql`UPDATE money_documents SET status = 'draft' WHERE id = ${id}`);
  });

  it('its lines, and the document itself', async () => {
    await refused(sql`UPDATE money_document_lines SET unit_price_cents = 1, amount_cents = 1, net_cents = 1 WHERE document_id = ${id}`);
    await refused(sql`DELETE FROM money_document_lines WHERE document_id = ${id}`);
    await refused(sql`INSERT INTO money_document_lines (document_id, position, source, description, quantity, unit, unit_price_cents, vat_rate_id, vat_basis_points, vat_category, amount_cents, line_discount_cents, document_discount_cents, net_cents)
      VALUES (${id}, 9, 'free', 'x', 1000, 'item', 1, ${standard}, 2000, 'S', 1, 0, 0, 1)`);
    await refused(sql`DELETE FROM money_documents WHERE id = ${id}`);
  });

  it('a second document with the same number', async () => {
    const row = await documentRow(studio.db, id);
    const other = await draft(studio, clientId, [freeLine(standard, 5000)]);
    await expect(
      studio.db.execute(
        sql`UPDATE money_documents SET status = 'issued', series = 'invoice', year = ${row.year}, sequence = ${row.sequence}, number = ${row.number}, issue_date = ${row.issueDate} WHERE id = ${other}`,
      ),
    ).rejects.toMatchObject({ cause: { constraint: 'money_documents_number_unique' } });
  });
});
