/**
 * What every money mail needs: the document with its client, its issued PDF as an attachment, its amount and
 * date as the studio's language writes them. The PDF is the stored one, never re-rendered.
 */
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { Locale } from '@rsm/shared/schemas';
import type { MailAttachment } from '../../../platform/mail/mailer.ts';
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

export async function readAll(storage: FileStorage, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.get(key)) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The issued PDF, named by the document's number (a file name the client recognises in their downloads). */
export async function pdfAttachment(storage: FileStorage, doc: DocumentRow): Promise<MailAttachment> {
  const pdf = await readAll(storage, doc.pdfKey!);
  return { filename: `${doc.number}.pdf`, contentType: 'application/pdf', content: pdf.toString('base64'), encoding: 'base64' };
}

export const mailAmount = (cents: number, currency: string, locale: Locale) => formatMoney(cents, currency, locale);
export const mailDate = (date: string | null, locale: Locale) => (date ? formatDate(date, locale) : '');

export const quoteAnswerUrl = (appUrl: string, slug: string, token: string) => `${appUrl}/s/${slug}/quote/${token}`;
