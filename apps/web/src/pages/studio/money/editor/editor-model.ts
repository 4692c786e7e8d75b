/**
 * The document editor's state and what follows from it, kept out of React so it can be tested: lines as typed
 * (text boxes), the draft input the server takes (LineInput), and the live totals — computed with the server's
 * own computeTotals, so the screen shows to the cent what the saved document and its PDF will say.
 */
import { parseAmountToMinor } from '@rsm/shared/money';
import { formatPercent, formatQuantity, parsePercent, parseQuantity } from '@rsm/shared/exact-decimal';
import { computeTotals, TotalsError, type Discount, type DocumentTotals, type TotalsLine } from '@rsm/shared/money-totals';
import type { LineInput } from '@rsm/shared/money-documents-schemas';
import { minorToAmountText } from '../../../../lib/forms.ts';

export type DiscountKind = 'none' | 'percent' | 'amount';
export type LineUnit = 'hour' | 'day' | 'session' | 'item';

export interface EditorLine {
  /** React key; not sent. */
  key: string;
  source: 'catalogue' | 'session' | 'free';
  catalogueItemId: string | null;
  sessionId: string | null;
  description: string;
  /** Catalogue and session lines take the price, unit and rate stored with them; free lines type their own. */
  quantityText: string;
  unit: LineUnit;
  unitPriceText: string;
  vatRateId: string;
  discountKind: DiscountKind;
  discountText: string;
}

export interface RateLookup {
  basisPointsOf: (vatRateId: string) => number | null;
}

let counter = 0;
export const newLineKey = () => `line-${++counter}`;

export function parseDiscount(kind: DiscountKind, text: string, currency: string): Discount | null | 'invalid' {
  if (kind === 'none' || text.trim() === '') return null;
  if (kind === 'percent') {
    const basisPoints = parsePercent(text);
    return basisPoints === null || basisPoints > 10_000 ? 'invalid' : { kind: 'percent', basisPoints };
  }
  const cents = parseAmountToMinor(text, currency);
  return cents === null ? 'invalid' : { kind: 'amount', cents };
}

/** A stored discount back into the editor's two boxes. */
export function discountFields(
  kind: 'percent' | 'amount' | null,
  value: number | null,
  currency: string,
  locale: string,
): { kind: DiscountKind; text: string } {
  if (kind === null || value === null) return { kind: 'none', text: '' };
  return kind === 'percent' ? { kind: 'percent', text: formatPercent(value, locale) } : { kind: 'amount', text: minorToAmountText(value, currency, locale) };
}

export const quantityText = (thousandths: number, locale: string) => formatQuantity(thousandths, locale);

/** The problems of one line, as i18n keys under money.editor.errors (empty when the line can be saved). */
export function lineProblems(line: EditorLine, currency: string, rates: RateLookup): string[] {
  const problems: string[] = [];
  const quantity = parseQuantity(line.quantityText);
  if (line.source !== 'session' && (quantity === null || quantity < 1)) problems.push('quantity');
  if (line.source === 'free') {
    if (line.description.trim() === '') problems.push('description');
    if (parseAmountToMinor(line.unitPriceText, currency) === null) problems.push('price');
    if (rates.basisPointsOf(line.vatRateId) === null) problems.push('rate');
  }
  if (parseDiscount(line.discountKind, line.discountText, currency) === 'invalid') problems.push('discount');
  return problems;
}

/** One line for computeTotals, or null while it cannot be read (its row shows what to fix). */
export function totalsLine(line: EditorLine, currency: string, rates: RateLookup): TotalsLine | null {
  const quantity = line.source === 'session' ? 1000 : parseQuantity(line.quantityText);
  const unitPriceCents = parseAmountToMinor(line.unitPriceText, currency);
  const vatRateBasisPoints = rates.basisPointsOf(line.vatRateId);
  const discount = parseDiscount(line.discountKind, line.discountText, currency);
  if (quantity === null || quantity < 1 || unitPriceCents === null || vatRateBasisPoints === null || discount === 'invalid') return null;
  return { quantity, unitPriceCents, vatRateBasisPoints, discount };
}

export type LiveTotals = { ok: true; totals: DocumentTotals } | { ok: false; reason: 'incomplete' | TotalsError['code']; line?: number | undefined };

export function liveTotals(lines: EditorLine[], documentDiscount: Discount | null | 'invalid', currency: string, rates: RateLookup): LiveTotals {
  const parsed = lines.map((l) => totalsLine(l, currency, rates));
  const broken = parsed.findIndex((l) => l === null);
  if (broken >= 0) return { ok: false, reason: 'incomplete', line: broken };
  if (documentDiscount === 'invalid') return { ok: false, reason: 'INVALID_DISCOUNT' };
  try {
    return { ok: true, totals: computeTotals(parsed as TotalsLine[], documentDiscount) };
  } catch (error) {
    if (error instanceof TotalsError) return { ok: false, reason: error.code, line: error.line };
    throw error;
  }
}

/** What createDraft / updateDraft take for the lines (only what each source may set). */
export function toLineInputs(lines: EditorLine[], currency: string): LineInput[] {
  return lines.map((line) => {
    const discount = parseDiscount(line.discountKind, line.discountText, currency);
    const d = discount === 'invalid' ? null : discount;
    if (line.source === 'session') return { source: 'session', sessionId: line.sessionId!, discount: d };
    const quantity = parseQuantity(line.quantityText) ?? 0;
    if (line.source === 'catalogue')
      return { source: 'catalogue', catalogueItemId: line.catalogueItemId!, quantity, description: line.description, discount: d };
    return {
      source: 'free',
      description: line.description,
      quantity,
      unit: line.unit,
      unitPriceCents: parseAmountToMinor(line.unitPriceText, currency) ?? 0,
      vatRateId: line.vatRateId,
      discount: d,
    };
  });
}
