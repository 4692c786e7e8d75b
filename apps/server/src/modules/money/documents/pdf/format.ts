/**
 * Amounts, quantities, rates and dates as each language writes them (`€1,234.56` / `1 234,56 €`), from integers and
 * decimal strings only. Written by hand rather than with Intl so that a stored PDF renders byte for byte the same
 * whatever ICU version the server runs.
 */
import type { DocumentLanguage, IsoDate } from '../document-model.ts';
import { canonicalDecimal } from '../decimal.ts';

// No-break space: an amount never wraps between its digits and its currency.
const NBSP = '\u00A0';
const SYMBOLS: Record<string, string> = { EUR: '€', USD: '$', GBP: '£', JPY: '¥', CHF: 'CHF' };

function groupDigits(whole: string, separator: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

function formatDecimal(value: string, language: DocumentLanguage): string {
  const [whole = '0', fraction] = value.split('.');
  const grouped = groupDigits(whole, language === 'fr' ? NBSP : ',');
  return fraction === undefined ? grouped : `${grouped}${language === 'fr' ? ',' : '.'}${fraction}`;
}

export function formatMoney(cents: number, currency: string, language: DocumentLanguage): string {
  const sign = cents < 0 ? '−' : '';
  const abs = Math.abs(cents);
  const number = formatDecimal(`${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`, language);
  const symbol = SYMBOLS[currency] ?? currency;
  if (language === 'fr') return `${sign}${number}${NBSP}${symbol}`;
  return symbol.length === 1 ? `${sign}${symbol}${number}` : `${sign}${symbol}${NBSP}${number}`;
}

export const formatQuantity = (quantity: string, language: DocumentLanguage): string => formatDecimal(canonicalDecimal(quantity), language);

export const formatRate = (rate: string, language: DocumentLanguage): string => `${formatDecimal(canonicalDecimal(rate), language)}${NBSP}%`;

const MONTHS: Record<DocumentLanguage, string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
};

export function formatDate(date: IsoDate, language: DocumentLanguage): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const dayText = language === 'fr' && day === 1 ? '1er' : String(day);
  return `${dayText} ${MONTHS[language][month - 1]} ${year}`;
}

/** An IBAN in groups of four, as printed on bank details. */
export const formatIban = (iban: string): string => iban.replace(/(.{4})(?=.)/g, '$1 ');
