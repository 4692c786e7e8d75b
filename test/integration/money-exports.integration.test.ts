/**
 * The accountant's exports (GET /s/:slug/api/money/exports/:file): documents, payments and VAT summary as CSV
 * (BOM, separator, decimal comma, quoting, formula guard), the period's PDFs as a ZIP, money:manage only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { tenant } from '@rsm/db';
import { createCreditNote, issueDocument, recordPayment } from '../../apps/server/src/modules/money/invoicing/index.ts';
import { fileStorage } from '../../apps/server/src/platform/storage/storage.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { addMember, createStudio, withStudioDb } from '../support/studios.ts';
import { issuedDocument, moneyStudio, type MoneyStudio } from '../support/money-delivery.ts';
import { documentRow, insertClient } from '../support/money.ts';

let server: TestServer;
let m: MoneyStudio;
let day: string;
const numbers: string[] = [];

beforeAll(async () => {
  server = await createTestServer();
  m = await moneyStudio(server, await createStudio(server));
  const hostile = await withStudioDb(server, m.studio.id, (db) => insertClient(db, '=HYPERLINK("http://evil.test")'));
  const plain = await issuedDocument(server, m, 'invoice');
  const credited = await issuedDocument(server, m, 'invoice', hostile);
  await issuedDocument(server, m, 'quote'); // not accounting: never exported
  day = (await withStudioDb(server, m.studio.id, (db) => documentRow(db, plain.id))).issueDate!;
  const note = await withStudioDb(server, m.studio.id, async (db) => {
    const actor = { userId: m.studio.ownerId, name: 'Owner', email: m.studio.ownerEmail, role: 'owner' as const };
    await recordPayment(db, actor, { documentId: plain.id, method: 'transfer', amountCents: 4050, receivedOn: day, reference: '+33 wire' });
    const id = await createCreditNote(db, m.ctx, actor, { invoiceId: credited.id, reason: 'Cancelled' });
    return issueDocument(db, m.ctx, { storage: fileStorage(server.config) }, actor, id);
  });
  numbers.push(plain.number, credited.number, note.number);
}, 60_000);
afterAll(async () => server?.close());

const get = (file: string, query: string, cookie = m.studio.owner.cookie) =>
  server.app.inject({ method: 'GET', url: `/s/${m.studio.slug}/api/money/exports/${file}?${query}`, headers: cookie ? { cookie } : {} });
const period = () => `from=${day}&to=${day}`;

describe('CSV exports', () => {
  it('documents: BOM, comma-separated, invoices and credit notes only, amounts with a point, formulas neutralised', async () => {
    const res = await get('documents.csv', period());
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(`documents-${day}-${day}.csv`);
    const body = res.body;
    expect(body.startsWith('\uFEFF')).toBe(true);
    const lines = body.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'Number,Kind,Issue date,Due date,Client,Client VAT number,Currency,Net,VAT,Gross,Deposits deducted,Paid,Refunded,Credited,Status,Corrects',
    );
    expect(lines.filter((l) => l !== '')).toHaveLength(4);
    const plain = lines.find((l) => l.startsWith(`${numbers[0]},`))!;
    expect(plain).toContain(',Les Ondes,FR98765432109,EUR,80.00,16.00,96.00,0.00,40.50,0.00,0.00,partially_paid,');
    const hostile = lines.find((l) => l.startsWith(`${numbers[1]},`))!;
    expect(hostile).toContain(`,"'=HYPERLINK(""http://evil.test"")",`);
    expect(hostile).toContain(',cancelled,');
    expect(lines.find((l) => l.startsWith(`${numbers[2]},`))).toMatch(new RegExp(`,credit_note,.*,96\\.00,.*,${numbers[1]}$`));
  });

  it('semicolons with a decimal comma; a decimal comma with comma separators is quoted', async () => {
    const semi = (await get('documents.csv', `${period()}&separator=semicolon&decimalComma=true`)).body;
    expect(semi).toContain(';Les Ondes;FR98765432109;EUR;80,00;16,00;96,00;0,00;40,50;0,00;0,00;partially_paid;');
    const comma = (await get('documents.csv', `${period()}&decimalComma=true`)).body;
    expect(comma).toContain(',EUR,"80,00","16,00","96,00",');
  });

  it('payments: the payments received in the period, references guarded', async () => {
    const body = (await get('payments.csv', `${period()}&separator=semicolon`)).body;
    expect(body.slice(1).split('\r\n')).toEqual([
      'Received on;Invoice;Client;Method;Currency;Amount;Refunded;Reference',
      `${day};${numbers[0]};Les Ondes;transfer;EUR;40.50;0.00;'+33 wire`,
      '',
    ]);
  });

  it('VAT summary: by rate, credit notes negative', async () => {
    const body = (await get('vat-summary.csv', period())).body;
    expect(body.slice(1).split('\r\n')).toEqual(['Currency,VAT category,VAT rate (%),Taxable base,VAT,Documents', 'EUR,S,20,80.00,16.00,3', '']);
  });

  it('an empty period gives the header only', async () => {
    expect((await get('payments.csv', 'from=2001-01-01&to=2001-12-31')).body).toBe(
      '\uFEFFReceived on,Invoice,Client,Method,Currency,Amount,Refunded,Reference\r\n',
    );
  });
});

describe('the ZIP of PDFs', () => {
  it('holds every issued invoice and credit note of the period, named by number', async () => {
    const res = await get('documents.zip', period());
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(files).sort()).toEqual(numbers.map((n) => `${n}.pdf`).sort());
    for (const pdf of Object.values(files)) expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
  });
});

describe('access', () => {
  it('needs a session and money:manage, a valid period and a known file; every export is logged', async () => {
    expect((await get('documents.csv', period(), null)).statusCode).toBe(401);
    const engineer = await addMember(server, m.studio, 'engineer');
    expect((await get('documents.csv', period(), engineer.client.cookie)).statusCode).toBe(403);
    expect((await get('documents.csv', `from=${day}&to=2000-01-01`)).statusCode).toBe(400);
    expect((await get('documents.csv', 'from=2020-01-01&to=2026-01-01')).statusCode).toBe(400);
    expect((await get('secrets.csv', period())).statusCode).toBe(404);
    const logged = await withStudioDb(server, m.studio.id, (db) =>
      db
        .select()
        .from(tenant.auditLog)
        .where(and(eq(tenant.auditLog.action, 'money.exported'))),
    );
    expect(logged.length).toBeGreaterThanOrEqual(6);
    expect(logged[0]!.details).toMatchObject({ from: expect.any(String), to: expect.any(String), file: expect.any(String) });
  });
});
