/** Small shared pieces of the CII XML: dates, amounts, VAT and unit codes. */
import type { DocumentKind, IsoDate, LineUnit, VatCategory } from '../document-model.ts';
import { canonicalDecimal, centsToDecimal } from '../decimal.ts';
import { el, text, type XmlElement } from './xml-writer.ts';

/** UNTDID 1001 document type codes: commercial invoice, prepayment (deposit) invoice, credit note. */
export const TYPE_CODES: Record<Exclude<DocumentKind, 'quote'>, string> = {
  invoice: '380',
  deposit_invoice: '386',
  final_invoice: '380',
  credit_note: '381',
};

/** UN/ECE Recommendation 20 unit codes. */
export const UNIT_CODES: Record<LineUnit, string> = {
  hour: 'HUR',
  day: 'DAY',
  minute: 'MIN',
  item: 'C62',
  lump_sum: 'LS',
};

/** `2026-12-06` → udt date element in format 102 (CCYYMMDD). */
export function dateElement(name: string, date: IsoDate, prefix: 'udt' | 'qdt' = 'udt'): XmlElement {
  return el(name, text(`${prefix}:DateTimeString`, date.replaceAll('-', ''), { format: '102' }));
}

export const amount = (name: string, cents: number, attributes: Record<string, string> = {}): XmlElement => text(name, centsToDecimal(cents), attributes);

/** The VAT of a line or an allowance: type, category, rate. */
export function categoryTax(name: string, category: VatCategory, rate: string): XmlElement {
  return el(name, text('ram:TypeCode', 'VAT'), text('ram:CategoryCode', category), text('ram:RateApplicablePercent', canonicalDecimal(rate)));
}

/** An allowance (never a charge here): a discount on a line or on the document. */
export function allowance(amountCents: number, reason: string, tax?: XmlElement): XmlElement {
  return el(
    'ram:SpecifiedTradeAllowanceCharge',
    el('ram:ChargeIndicator', text('udt:Indicator', 'false')),
    amount('ram:ActualAmount', amountCents),
    text('ram:Reason', reason),
    tax,
  );
}
