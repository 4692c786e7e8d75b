/**
 * Sending quotes and invoices by e-mail (money.delivery.send) and the client's answer from the mailed link
 * (publicQuote.*, GET /api/quote-pdf): the PDF attached, a fresh link replacing the previous one, the answer
 * recorded with name and IP, and the token attacks (wrong, replaced, other studio's, brute force).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { ApiClient } from '../support/api.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, freshIp, withStudioDb } from '../support/studios.ts';
import { issuedDocument, mailsTo, moneyStudio, quoteTokenFromOutbox, type MoneyStudio } from '../support/money-delivery.ts';
import { documentRow, insertClient } from '../support/money.ts';
import { fileStorage } from '../../apps/server/src/platform/storage/storage.ts';

let server: TestServer;
let m: MoneyStudio;
let other: MoneyStudio;

beforeAll(async () => {
  server = await createTestServer();
  const [a, b] = await Promise.all([createStudio(server), createStudio(server)]);
  m = await moneyStudio(server, a);
  other = await moneyStudio(server, b);
}, 60_000);
afterAll(async () => server?.close());

const send = (id: string) => m.studio.owner.mutate<{ to: string; answerUrl: string | null }>('money.delivery.send', { id }, m.studio.slug);
const visitor = () => new ApiClient(server.app, { ip: freshIp() });

describe('sending a quote', () => {
  it('mails the client the issued PDF and a fresh answer link, in the studio’s name, and logs it', async () => {
    const quote = await issuedDocument(server, m, 'quote');
    const sent = await send(quote.id);
    expect(sent.data).toMatchObject({ to: m.clientEmail, answerUrl: expect.stringContaining(`/s/${m.studio.slug}/quote/`) });
    const [mail] = await mailsTo(server, m.clientEmail);
    expect(mail).toMatchObject({ template: 'quote-sent', subject: expect.stringContaining(quote.number) });
    expect(mail!.textBody).toContain(sent.data!.answerUrl!);
    // The outbox keeps a reference to the stored PDF (read when the mail leaves), never its bytes.
    const [attachment] = mail!.attachments as { filename: string; contentType: string; storageKey: string; sizeBytes: number; sha256: string }[];
    const pdfKey = (await withStudioDb(server, m.studio.id, (db) => documentRow(db, quote.id))).pdfKey!;
    const chunks: Buffer[] = [];
    for await (const chunk of await fileStorage(server.config).get(pdfKey)) chunks.push(chunk as Buffer);
    const pdf = Buffer.concat(chunks);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(attachment).toEqual({
      filename: `${quote.number}.pdf`,
      contentType: 'application/pdf',
      storageKey: pdfKey,
      sizeBytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    expect(mail!.error).toBeNull();
    const audit = await withStudioDb(server, m.studio.id, (db) =>
      db
        .select()
        .from(tenant.auditLog)
        .where(and(eq(tenant.auditLog.action, 'money_document.sent'), eq(tenant.auditLog.entityId, quote.id))),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ number: quote.number, to: m.clientEmail });
  });

  it('replaces the previous link when sent again: the old one is no longer valid', async () => {
    const quote = await issuedDocument(server, m, 'quote');
    await send(quote.id);
    const first = await quoteTokenFromOutbox(server, m.clientEmail);
    await send(quote.id);
    const second = await quoteTokenFromOutbox(server, m.clientEmail);
    expect(second).not.toBe(first);
    const old = await visitor().query('publicQuote.view', { token: first }, m.studio.slug);
    expect(old.error?.data.appCode).toBe('TOKEN_INVALID');
    expect((await visitor().query('publicQuote.view', { token: second }, m.studio.slug)).data).toMatchObject({ number: quote.number, status: 'sent' });
  });

  it('refuses clearly a client without an e-mail address, a draft, and a member without money:manage', async () => {
    const clientId = await withStudioDb(server, m.studio.id, (db) => insertClient(db, 'No Mail Records'));
    const quote = await issuedDocument(server, m, 'quote', clientId);
    const refused = await send(quote.id);
    expect(refused.error?.data).toMatchObject({ appCode: 'BAD_REQUEST', params: { reason: 'client_no_email' } });
    expect(refused.error?.message).toContain('No Mail Records');
  });

  it('refuses a quote already answered (its link would lead nowhere)', async () => {
    const quote = await issuedDocument(server, m, 'quote');
    await send(quote.id);
    const token = await quoteTokenFromOutbox(server, m.clientEmail);
    await visitor().mutate('publicQuote.respond', { token, decision: 'decline', fullName: 'Lou Reed' }, m.studio.slug);
    expect((await send(quote.id)).error?.data.appCode).toBe('CONFLICT');
  });
});

describe('sending an invoice', () => {
  it('mails the invoice with its PDF and its due date', async () => {
    const invoice = await issuedDocument(server, m, 'invoice');
    const sent = await send(invoice.id);
    expect(sent.data).toEqual({ to: m.clientEmail, answerUrl: null });
    const [mail] = await mailsTo(server, m.clientEmail);
    expect(mail).toMatchObject({
      template: 'invoice-sent',
      subject: `Invoice ${invoice.number} from ${(await m.studio.owner.query<{ name: string }>('studio.get', undefined, m.studio.slug)).data!.name}`,
    });
    expect((mail!.attachments as { filename: string }[])[0]!.filename).toBe(`${invoice.number}.pdf`);
    expect(mail!.textBody).toContain('€96.00');
  });
});

describe('in the studio’s language', () => {
  it('a French studio mails its quote in French, amounts and dates written the French way', async () => {
    await server.platform.controlDb.update(control.studios).set({ locale: 'fr' }).where(eq(control.studios.id, other.studio.id));
    server.platform.controlCache.wrote('studios');
    try {
      const quote = await issuedDocument(server, other, 'quote');
      expect((await other.studio.owner.mutate('money.delivery.send', { id: quote.id }, other.studio.slug)).error).toBeUndefined();
      const [mail] = await mailsTo(server, other.clientEmail);
      expect(mail!.subject).toMatch(new RegExp(`^Devis ${quote.number} de `));
      expect(mail!.textBody).toContain('96,00\u00A0€');
      expect(mail!.textBody).toContain('Consulter et répondre au devis');
    } finally {
      await server.platform.controlDb.update(control.studios).set({ locale: 'en' }).where(eq(control.studios.id, other.studio.id));
      server.platform.controlCache.wrote('studios');
    }
  });
});

describe('the client’s answer page', () => {
  it('shows the frozen quote and its PDF, and records the acceptance with the typed name and the IP', async () => {
    const quote = await issuedDocument(server, m, 'quote');
    await send(quote.id);
    const token = await quoteTokenFromOutbox(server, m.clientEmail);
    const client = new ApiClient(server.app, { ip: '203.0.113.9' });
    const view = await client.query<Record<string, unknown>>('publicQuote.view', { token }, m.studio.slug);
    expect(view.data).toMatchObject({
      number: quote.number,
      status: 'sent',
      buyerName: 'Les Ondes',
      lines: [{ description: 'Album mix', unitPriceCents: 8000, netCents: 8000, vatRate: '20' }],
      totals: { netCents: 8000, vatCents: 1600, grossCents: 9600 },
      deposit: null,
      payDepositOnline: false,
    });
    const pdf = await server.app.inject({ method: 'GET', url: `/api/quote-pdf/${m.studio.slug}/${token}`, remoteAddress: '203.0.113.9' });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const answered = await client.mutate('publicQuote.respond', { token, decision: 'accept', fullName: '  Lou Reed ' }, m.studio.slug);
    expect(answered.data).toEqual({ number: quote.number, status: 'accepted' });
    const row = await withStudioDb(server, m.studio.id, (db) => db.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, quote.id)));
    expect(row[0]).toMatchObject({ status: 'accepted', respondedName: 'Lou Reed', respondedIp: '203.0.113.9' });
    expect((await client.query('publicQuote.view', { token }, m.studio.slug)).data).toMatchObject({ status: 'accepted', respondedName: 'Lou Reed' });
    // A second answer is refused, and says why.
    const again = await client.mutate('publicQuote.respond', { token, decision: 'decline', fullName: 'Lou Reed' }, m.studio.slug);
    expect(again.error?.data).toMatchObject({ appCode: 'CONFLICT', params: { status: 'accepted' } });
  });

  it('shows the deposit asked at acceptance, and no payment button while online deposit checkout is not wired', async () => {
    const quote = await issuedDocument(server, m, 'quote', m.clientId, { deposit: { kind: 'percent', basisPoints: 3000 } });
    await send(quote.id);
    const token = await quoteTokenFromOutbox(server, m.clientEmail);
    const client = visitor();
    expect((await client.query('publicQuote.view', { token }, m.studio.slug)).data).toMatchObject({
      deposit: { basisPoints: 3000, cents: null },
      payDepositOnline: false,
    });
    await client.mutate('publicQuote.respond', { token, decision: 'accept', fullName: 'Lou Reed' }, m.studio.slug);
    expect((await client.query('publicQuote.view', { token }, m.studio.slug)).data).toMatchObject({ status: 'accepted', payDepositOnline: false });
  });

  it('answers a wrong token, another studio’s token and a malformed one alike, and never with a 500', async () => {
    const quote = await issuedDocument(server, other, 'quote');
    await other.studio.owner.mutate('money.delivery.send', { id: quote.id }, other.studio.slug);
    const foreign = await quoteTokenFromOutbox(server, other.clientEmail);
    for (const token of ['x'.repeat(43), foreign]) {
      const seen = await visitor().query('publicQuote.view', { token }, m.studio.slug);
      expect(seen.error?.data).toMatchObject({ appCode: 'TOKEN_INVALID', params: { reason: 'quote_invalid' } });
      const answered = await visitor().mutate('publicQuote.respond', { token, decision: 'accept', fullName: 'Mallory' }, m.studio.slug);
      expect(answered.error?.data.appCode).toBe('TOKEN_INVALID');
      const pdf = await server.app.inject({ method: 'GET', url: `/api/quote-pdf/${m.studio.slug}/${token}`, remoteAddress: freshIp() });
      expect(pdf.statusCode).toBe(404);
    }
    expect((await visitor().query('publicQuote.view', { token: 'short' }, m.studio.slug)).status).toBe(400);
    // The foreign quote is untouched.
    expect((await visitor().query('publicQuote.view', { token: foreign }, other.studio.slug)).data).toMatchObject({ status: 'sent' });
  });

  it('stops token guessing from one address with 429s', async () => {
    const guesser = visitor();
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++)
      statuses.push((await guesser.query('publicQuote.view', { token: `guess${String(i).padStart(30, '0')}` }, m.studio.slug)).status);
    expect(statuses.slice(0, 60).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(60)).toEqual([429, 429]);
  });

  it('stops hammering one link from many addresses (per-token limit)', async () => {
    const token = 'y'.repeat(43);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await visitor().query('publicQuote.view', { token }, m.studio.slug)).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
  });
});
