/**
 * Sending an issued quote or invoice to its client by e-mail (issue 11, items 2 and 3), with the issued PDF
 * attached. A quote also carries its answer link: a fresh one each time, which replaces the previous link
 * (quoteLink), so only the most recent mail can answer. Issuing already moved the quote to `sent`; sending
 * records who mailed what to whom in the studio's audit log.
 */
import { balanceCents } from '@rsm/shared/money-balance';
import { AppError, notFound } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { FileStorage } from '../../../platform/storage/file-storage.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import type { Actor, StudioContext } from '../../studios/studio-context.ts';
import { quoteLink } from '../invoicing/quotes.service.ts';
import { payOnlineLink } from '../payments/payments.service.ts';
import { documentWithClient, mailAmount, mailDate, pdfAttachment, quoteAnswerUrl } from './document-mail.ts';

export interface SentDocument {
  to: string;
  /** A quote's fresh answer link (the staff may copy it), or null for an invoice. */
  answerUrl: string | null;
}

export async function sendDocumentByEmail(
  platform: Platform,
  storage: FileStorage,
  db: TenantDb,
  studio: StudioContext,
  actor: Actor,
  id: string,
): Promise<SentDocument> {
  const found = await documentWithClient(db, id);
  if (!found) throw notFound('document');
  const { doc, client } = found;
  if (doc.status === 'draft' || !doc.number || !doc.pdfKey)
    throw new AppError('DOCUMENT_NOT_DRAFT', 'Issue the document before sending it', { reason: 'not_issued' });
  if (doc.kind === 'credit_note') throw new AppError('BAD_REQUEST', 'Credit notes are not sent from here', { reason: 'credit_note' });
  if (!client.email) throw new AppError('BAD_REQUEST', `${client.name} has no e-mail address: add one to the client first`, { reason: 'client_no_email' });

  const attachment = await pdfAttachment(storage, doc);
  const common = { name: client.name, studio: studio.name, number: doc.number };
  let answerUrl: string | null = null;
  if (doc.kind === 'quote') {
    // Refuses a quote already answered or expired (CONFLICT): its link would lead nowhere.
    const { token } = await quoteLink(db, actor, doc.id);
    answerUrl = quoteAnswerUrl(platform.config.APP_URL, studio.slug, token);
    await platform.mailer.send({
      to: client.email,
      template: 'quote-sent',
      locale: studio.locale,
      studioId: studio.id,
      attachments: [attachment],
      params: { ...common, amount: mailAmount(doc.grossCents, doc.currency, studio.locale), until: mailDate(doc.validUntil, studio.locale), url: answerUrl },
    });
  } else {
    if (doc.status === 'cancelled') throw new AppError('CONFLICT', 'This invoice was cancelled by a credit note', { status: doc.status });
    // "Pay online" (the portal's money page) when there is something to pay and the studio takes online payments.
    const link = balanceCents(doc) > 0 ? await payOnlineLink(platform, studio) : undefined;
    const payUrl: Record<string, string> = link ? { payUrl: link } : {};
    await platform.mailer.send({
      to: client.email,
      template: 'invoice-sent',
      locale: studio.locale,
      studioId: studio.id,
      attachments: [attachment],
      params: { ...common, amount: mailAmount(balanceCents(doc), doc.currency, studio.locale), until: mailDate(doc.dueDate, studio.locale), ...payUrl },
    });
  }
  await recordAudit(db, actor, 'money_document.sent', 'money_document', doc.id, { kind: doc.kind, number: doc.number, to: client.email });
  return { to: client.email, answerUrl };
}
