/**
 * Money mails attach the issued PDF by reference: the control database's mail outbox records
 * `{ filename, contentType, storageKey, sizeBytes, sha256 }` only (well under 1 KB), and the mailer reads the stored
 * file when the mail leaves over SMTP (here a stand-in SMTP server that exists only in this test), so the client
 * gets the exact bytes. A file missing, changed or of another studio at send time fails the mail with a logged
 * error recorded in the outbox, and nothing goes out without its PDF. Old rows with an inline base64 PDF still read.
 */
import { createHash } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import { pdfAttachment } from '../../apps/server/src/modules/money/delivery/document-mail.ts';
import { listOutbox } from '../../apps/server/src/modules/operator/outbox.service.ts';
import { runMoneyDaily } from '../../apps/server/src/modules/money/delivery/money-daily.job.ts';
import { fileStorage } from '../../apps/server/src/platform/storage/storage.ts';
import type { MailRequest } from '../../apps/server/src/platform/mail/mailer.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, withStudioDb } from '../support/studios.ts';
import { freePort } from '../support/free-port.ts';
import { issuedDocument, mailsTo, moneyStudio, type MoneyStudio } from '../support/money-delivery.ts';
import { documentRow } from '../support/money.ts';

interface Received {
  to: string[];
  raw: string;
}
const received: Received[] = [];
let smtp: SMTPServer;
let server: TestServer;
let m: MoneyStudio;
let other: MoneyStudio;

beforeAll(async () => {
  const port = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    size: 20 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('latin1') });
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(port, '127.0.0.1', r));
  server = await createTestServer({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Studio Manager <no-reply@example.test>' });
  const [a, b] = await Promise.all([createStudio(server), createStudio(server)]);
  m = await moneyStudio(server, a);
  other = await moneyStudio(server, b);
}, 60_000);
afterEach(() => {
  server.platform.clock = { now: () => new Date() };
});
afterAll(async () => {
  await server?.close();
  await new Promise<void>((r) => smtp.close(r));
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const storage = () => fileStorage(server.config);
const doc = (s: MoneyStudio, id: string) => withStudioDb(server, s.studio.id, (db) => documentRow(db, id));

async function stored(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage().get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The decoded bytes of the MIME part attached as `filename` in a raw message. */
function attachedPart(raw: string, filename: string): Buffer {
  const part = raw.split(/\r\n--/).find((p) => new RegExp(`filename="?${filename.replace(/[.-]/g, '\\$&')}"?`).test(p));
  expect(part, `a MIME part named ${filename}`).toBeDefined();
  const [headers, ...body] = part!.split('\r\n\r\n');
  expect(headers).toMatch(/^Content-Type: application\/pdf/im);
  expect(headers).toMatch(/^Content-Transfer-Encoding: base64/im);
  return Buffer.from(body.join('').replace(/\s+/g, ''), 'base64');
}

const mailedTo = (to: string) => received.filter((r) => r.to.includes(to));

/** An invoice mail of `s` with `attachments`, as the money services send it. */
const invoiceMail = (s: MoneyStudio, number: string, attachments: MailRequest['attachments'], extra: Partial<MailRequest> = {}): MailRequest => ({
  to: s.clientEmail,
  template: 'invoice-sent',
  locale: 'en',
  studioId: s.studio.id,
  attachments,
  params: { name: 'Les Ondes', studio: 'Studio', number, amount: '€96.00', until: '' },
  ...extra,
});

describe('a money document sent by e-mail', () => {
  it('records a reference of under 1 KB in the outbox, and delivers the exact stored PDF over SMTP', async () => {
    const invoice = await issuedDocument(server, m, 'invoice');
    const row = await doc(m, invoice.id);
    const pdf = await stored(row.pdfKey!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const sent = await m.studio.owner.mutate('money.delivery.send', { id: invoice.id }, m.studio.slug);
    expect(sent.error).toBeUndefined();

    const [mail] = await mailsTo(server, m.clientEmail);
    expect(mail).toMatchObject({ template: 'invoice-sent', transport: 'smtp', error: null });
    const json = JSON.stringify(mail!.attachments);
    expect(Buffer.byteLength(json)).toBeLessThan(1024);
    expect(json).not.toContain('"content"');
    expect(json).not.toContain('base64');
    expect(mail!.attachments).toEqual([
      { filename: `${invoice.number}.pdf`, contentType: 'application/pdf', storageKey: row.pdfKey, sizeBytes: pdf.length, sha256: sha256(pdf) },
    ]);

    const [delivered] = mailedTo(m.clientEmail);
    expect(delivered).toBeDefined();
    const attached = attachedPart(delivered!.raw, `${invoice.number}.pdf`);
    expect(attached.length).toBe(pdf.length);
    expect(sha256(attached)).toBe(sha256(pdf));
  });

  it('refuses clearly to send a document whose issued PDF is missing from file storage, and mails nothing', async () => {
    const s = await moneyStudio(server, m.studio);
    const invoice = await issuedDocument(server, s, 'invoice');
    await storage().delete((await doc(s, invoice.id)).pdfKey!);
    const refused = await s.studio.owner.mutate('money.delivery.send', { id: invoice.id }, s.studio.slug);
    expect(refused.error?.data.appCode).toBe('NOT_FOUND');
    expect(refused.error?.message).toContain(`The issued PDF of ${invoice.number} is missing`);
    expect(await mailsTo(server, s.clientEmail)).toHaveLength(0);
    expect(mailedTo(s.clientEmail)).toHaveLength(0);
  });

  it('an overdue reminder attaches the PDF by reference too, and waits (the work retried) while the PDF is missing', async () => {
    const s = await moneyStudio(server, await createStudio(server));
    const invoice = await issuedDocument(server, s, 'invoice');
    const row = await doc(s, invoice.id);
    const pdf = await stored(row.pdfKey!);
    server.platform.clock = { now: () => new Date(Date.parse(`${row.dueDate!}T11:00:00Z`) + 7 * 86_400_000) };

    await storage().delete(row.pdfKey!);
    await expect(runMoneyDaily(server.platform, s.studio.id)).rejects.toThrow(/missing from file storage/);
    expect(await mailsTo(server, s.clientEmail)).toHaveLength(0);
    expect((await doc(s, invoice.id)).remindersSent).toBe(0);

    await storage().putBuffer(row.pdfKey!, pdf, 'application/pdf');
    expect(await runMoneyDaily(server.platform, s.studio.id)).toMatchObject({ reminders: 1 });
    const [mail] = await mailsTo(server, s.clientEmail);
    expect(mail).toMatchObject({ template: 'invoice-reminder', error: null });
    expect(Buffer.byteLength(JSON.stringify(mail!.attachments))).toBeLessThan(1024);
    expect(JSON.stringify(mail!.attachments)).not.toContain('"content"');
    const [delivered] = mailedTo(s.clientEmail);
    expect(sha256(attachedPart(delivered!.raw, `${invoice.number}.pdf`))).toBe(sha256(pdf));
  });
});

describe('a stored attachment unavailable when the mail leaves', () => {
  it('fails the mail with a logged error recorded in the outbox when the file is gone, and sends nothing', async () => {
    const s = await moneyStudio(server, m.studio);
    const invoice = await issuedDocument(server, s, 'invoice');
    const reference = await pdfAttachment(storage(), await doc(s, invoice.id));
    await storage().delete(reference.storageKey);

    await server.platform.mailer.send(invoiceMail(s, invoice.number, [reference], { idempotencyKey: `test:${invoice.id}` }));
    const [mail] = await mailsTo(server, s.clientEmail);
    expect(mail!.error).toBe(`attachment ${invoice.number}.pdf: stored file ${reference.storageKey} is missing`);
    expect(mail!.attachments).toEqual([reference]);
    expect(mailedTo(s.clientEmail)).toHaveLength(0);
    const logged = server.logs.map((line) => JSON.parse(line) as Record<string, unknown>).find((l) => l.storageKey === reference.storageKey);
    expect(logged).toMatchObject({ msg: 'mail not sent: an attachment is unavailable', studioId: s.studio.id, err: mail!.error });
    // The same work again sends nothing more (the mail is marked failed, once).
    await server.platform.mailer.send(invoiceMail(s, invoice.number, [reference], { idempotencyKey: `test:${invoice.id}` }));
    expect(await mailsTo(server, s.clientEmail)).toHaveLength(1);
  });

  it('refuses a file that is no longer the one referenced, and a file of another studio', async () => {
    const s = await moneyStudio(server, m.studio);
    const invoice = await issuedDocument(server, s, 'invoice');
    const reference = await pdfAttachment(storage(), await doc(s, invoice.id));
    const pdf = await stored(reference.storageKey);
    const altered = Buffer.from(pdf);
    altered[altered.length - 2] = altered[altered.length - 2]! ^ 0xff;
    await storage().putBuffer(reference.storageKey, altered, 'application/pdf');
    await server.platform.mailer.send(invoiceMail(s, invoice.number, [reference]));
    expect((await mailsTo(server, s.clientEmail))[0]!.error).toMatch(/is not the file referenced/);

    const foreign = await issuedDocument(server, other, 'invoice');
    const foreignReference = await pdfAttachment(storage(), await doc(other, foreign.id));
    await server.platform.mailer.send(invoiceMail(s, invoice.number, [foreignReference]));
    expect((await mailsTo(server, s.clientEmail))[0]!.error).toMatch(/is not a file of the mail's studio/);
    expect(mailedTo(s.clientEmail)).toHaveLength(0);
  });

  it('refuses large inline content before recording anything: it must be stored and referenced', async () => {
    const s = await moneyStudio(server, m.studio);
    const big = { filename: 'big.pdf', contentType: 'application/pdf', content: Buffer.alloc(100 * 1024).toString('base64'), encoding: 'base64' as const };
    await expect(server.platform.mailer.send(invoiceMail(s, 'X', [big]))).rejects.toThrow(/too large to be inlined/);
    expect(await mailsTo(server, s.clientEmail)).toHaveLength(0);
  });
});

it('keeps old outbox rows with an inline base64 PDF readable', async () => {
  const to = `old-row-${Date.now()}@example.test`;
  const inline = [{ filename: 'F-2025-0001.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7 old').toString('base64'), encoding: 'base64' }];
  await server.platform.controlDb.insert(control.mailOutbox).values({
    toAddress: to,
    subject: 'Old invoice',
    textBody: 'Hello',
    htmlBody: '<p>Hello</p>',
    template: 'invoice-sent',
    transport: 'outbox',
    attachments: inline,
  });
  const [row] = await server.platform.controlDb
    .select()
    .from(control.mailOutbox)
    .where(eq(control.mailOutbox.toAddress, to))
    .orderBy(desc(control.mailOutbox.createdAt));
  expect(row!.attachments).toEqual(inline);
  const listed = await listOutbox(server.platform, { limit: 500 });
  expect(listed.items.find((i) => i.to === to)).toMatchObject({ subject: 'Old invoice', textBody: 'Hello' });
});
