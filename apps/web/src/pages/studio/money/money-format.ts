import { useTranslation } from 'react-i18next';
import { formatMinor } from '@rsm/shared/money';
import type { DocumentKind, DocumentStatus } from '@rsm/shared/money-documents-schemas';
import { formatDate } from '@/lib/format.ts';
import { useCurrentStudio } from '../studio-context.ts';

/** Amounts in the studio's currency and dates (YYYY-MM-DD, no time zone to apply) in the reader's language. */
export function useMoneyFormat() {
  const { i18n } = useTranslation();
  const { studio } = useCurrentStudio();
  return {
    currency: studio.currency,
    locale: i18n.language,
    amount: (cents: number) => formatMinor(cents, studio.currency, i18n.language),
    day: (isoDate: string | null) => (isoDate ? formatDate(`${isoDate}T12:00:00Z`, i18n.language, 'UTC') : '—'),
  };
}

export const INVOICE_KINDS: DocumentKind[] = ['invoice', 'deposit_invoice', 'final_invoice', 'credit_note'];
export const QUOTE_STATUSES: DocumentStatus[] = ['draft', 'sent', 'accepted', 'declined', 'expired', 'invoiced'];
export const INVOICE_STATUSES: DocumentStatus[] = ['draft', 'issued', 'partially_paid', 'paid', 'overdue', 'cancelled'];

/** Badge colour of a status: money in is green, money late is red, drafts and closed ones quiet. */
export function statusVariant(status: DocumentStatus): 'default' | 'secondary' | 'outline' | 'success' | 'destructive' {
  if (status === 'paid' || status === 'accepted' || status === 'invoiced') return 'success';
  if (status === 'overdue' || status === 'declined') return 'destructive';
  if (status === 'draft' || status === 'cancelled' || status === 'expired') return 'outline';
  return 'secondary';
}

/** Today in the studio's zone, YYYY-MM-DD (payments default to it). */
export function studioToday(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
