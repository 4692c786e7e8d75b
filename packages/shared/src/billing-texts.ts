/**
 * Wording and numbers that documents print by default.
 *
 * French law (Code de commerce L. 441-10 and D. 441-5) requires an invoice to a business client to state the
 * late-payment penalty rate and the €40 fixed recovery fee; the statutory minimum penalty is three times the
 * legal interest rate. A studio may write its own wording; until it does, this text is printed, in the
 * studio's language.
 */
import type { Locale } from './schemas.ts';

export const STATUTORY_LATE_PAYMENT_TEXT: Record<Locale, string> = {
  en:
    'Late payment: from the day after the due date, a penalty of three times the French legal interest rate is due, ' +
    'plus a fixed recovery fee of €40 for business clients (French Commercial Code, articles L. 441-10 and D. 441-5). ' +
    'No discount for early payment.',
  fr:
    'En cas de retard de paiement, une pénalité égale à trois fois le taux d’intérêt légal est exigible dès le lendemain ' +
    'de la date d’échéance, ainsi qu’une indemnité forfaitaire pour frais de recouvrement de 40 € pour les clients ' +
    'professionnels (articles L. 441-10 et D. 441-5 du Code de commerce). Pas d’escompte pour paiement anticipé.',
};

/** The wording a document prints: the studio's own, else the statutory text in its language. */
export function latePaymentText(custom: string | null, locale: Locale): string {
  return custom && custom.trim() !== '' ? custom : STATUTORY_LATE_PAYMENT_TEXT[locale];
}

/**
 * `F-2026-0001`: prefix, year, then the number in the series padded to four digits (a fifth digit appears
 * after 9999 rather than the sequence wrapping). Numbers are assigned by the server only (numbering module).
 */
export function formatDocumentNumber(prefix: string, year: number, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError('a document number is a positive integer');
  return `${prefix}-${year}-${String(sequence).padStart(4, '0')}`;
}
