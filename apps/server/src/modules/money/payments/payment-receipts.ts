/**
 * The e-mailed receipt of a payment, in the studio's language, for every payment recorded (by hand or online).
 * Keyed by the payment's id in the mail outbox, so a webhook delivered again (or a retried request) never sends
 * a second receipt for one payment. A client without an e-mail address gets none (nothing to send to).
 */
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { balanceCents } from '@rsm/shared/money-balance';
import type { Platform } from '../../../platform/platform.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import type { StudioContext } from '../../studios/studio-context.ts';
import { PAYMENT_METHOD_LABELS } from '../../../platform/mail/templates/money.ts';
import { formatDate, formatMoney } from '../documents/pdf/format.ts';
import { asLocale } from '../../public-booking/public-booking.mails.ts';

export async function sendPaymentReceipt(
  platform: Platform,
  db: TenantDb,
  studio: Pick<StudioContext, 'id' | 'name' | 'locale'>,
  paymentId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ payment: tenant.payments, doc: tenant.moneyDocuments, client: { name: tenant.clients.name, email: tenant.clients.email } })
    .from(tenant.payments)
    .innerJoin(tenant.moneyDocuments, eq(tenant.moneyDocuments.id, tenant.payments.documentId))
    .innerJoin(tenant.clients, eq(tenant.clients.id, tenant.moneyDocuments.clientId))
    .where(eq(tenant.payments.id, paymentId));
  if (!row || !row.client.email || row.payment.removedAt) return false;
  const { payment, doc } = row;
  const locale = studio.locale;
  const money = (cents: number) => formatMoney(cents, payment.currency, locale);
  const balance = Math.max(0, balanceCents(doc));
  await platform.mailer.send({
    to: row.client.email,
    template: 'payment-receipt',
    locale,
    studioId: studio.id,
    idempotencyKey: `payment-receipt:${payment.id}`,
    params: {
      name: row.client.name,
      studio: studio.name,
      amount: money(payment.amountCents),
      number: doc.number ?? '',
      date: formatDate(payment.receivedOn, locale),
      method: PAYMENT_METHOD_LABELS[locale][payment.method] ?? payment.method,
      balance: money(balance),
      settled: balance === 0 ? 'yes' : 'no',
    },
  });
  return true;
}

/**
 * The client of a quote told that a second payment of its deposit was refunded (the recorder's duplicate refund),
 * in the client's language; keyed by the refunded deposit invoice, so it is sent once.
 */
export async function tellQuoteDepositRefunded(
  platform: Platform,
  studio: Pick<StudioContext, 'id' | 'name' | 'locale'>,
  db: TenantDb,
  duplicate: { quoteId: string; documentId: string },
  amountCents: number,
  currency: string,
): Promise<void> {
  const [row] = await db
    .select({ quote: tenant.moneyDocuments.number, client: tenant.clients })
    .from(tenant.moneyDocuments)
    .innerJoin(tenant.clients, eq(tenant.clients.id, tenant.moneyDocuments.clientId))
    .where(eq(tenant.moneyDocuments.id, duplicate.quoteId));
  if (!row?.client.email || row.client.erasedAt) return;
  const [doc] = await db.select({ number: tenant.moneyDocuments.number }).from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, duplicate.documentId));
  const locale = asLocale(row.client.locale, studio.locale);
  await platform.mailer.send({
    to: row.client.email,
    template: 'quote-deposit-refunded-duplicate',
    locale,
    studioId: studio.id,
    idempotencyKey: `deposit-refunded-duplicate:${duplicate.documentId}`,
    params: {
      name: row.client.name,
      studio: studio.name,
      quote: row.quote ?? '',
      amount: formatMoney(amountCents, currency.toUpperCase(), locale),
      number: doc?.number ?? '',
    },
  });
}
