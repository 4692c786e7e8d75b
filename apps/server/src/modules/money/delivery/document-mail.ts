/**
 * What every money mail needs: the document with its client, its issued PDF as an attachment, its amount and
 * date as the studio's language writes them. The PDF is the stored one, never re-rendered: the mail carries a
 * reference to it (key, size, sha-256), which the mailer reads from file storage when the mail leaves; the
 * outbox in the control database never holds the PDF itself.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { Locale } from '@rsm/shared/schemas';
import { AppError } from '../../../platform/errors.ts';
import type { StoredMailAttachment } from '../../../platform/mail/mailer.ts';
import type { FileStorage } from '../../../platform/storage/file-storage.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import { formatDate, formatMoney } from '../documents/pdf/format.ts';

export type DocumentRow = typeof tenant.moneyDocuments.$inferSelect;

export async function documentWithClient(db: TenantDb, id: string): Promise<{ doc: DocumentRow; client: { name: string; email: string } } | null> {
  const [row] = await db
    .select({ doc: tenant.moneyDocuments, name: tenant.clients.name, email: tenant.clients.email })
    .from(tenant.moneyDocuments)
    .innerJoin(tenant.clients, eq(tenant.clients.id, tenant.moneyDocuments.clientId))
    .where(eq(tenant.moneyDocuments.id, id));
  return row ? { doc: row.doc, client: { name: row.name, email: row.email.trim() } } : null;
}

/**
 * The issued PDF as a reference, named by the document's number (a file name the client recognises in their
 * downloads); its size and sha-256 taken by streaming the stored file (never held whole). A PDF missing from
 * file storage is refused clearly here, before anything is mailed.
 */
export async function pdfAttachment(storage: FileStorage, doc: DocumentRow): Promise<StoredMailAttachment> {
  const key = doc.pdfKey!;
  if (!(await storage.stat(key))) throw new AppError('NOT_FOUND', `The issued PDF of ${doc.number} is missing from file storage`, { what: 'document_pdf' });
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of await storage.get(key)) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    hash.update(bytes);
    sizeBytes += bytes.length;
  }
  return { filename: `${doc.number}.pdf`, contentType: 'application/pdf', storageKey: key, sizeBytes, sha256: hash.digest('hex') };
}

export const mailAmount = (cents: number, currency: string, locale: Locale) => formatMoney(cents, currency, locale);
export const mailDate = (date: string | null, locale: Locale) => (date ? formatDate(date, locale) : '');

export const quoteAnswerUrl = (appUrl: string, slug: string, token: string) => `${appUrl}/s/${slug}/quote/${token}`;
