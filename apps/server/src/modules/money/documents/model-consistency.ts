/**
 * Refuses a document whose amounts do not add up, before anything is rendered. The money service computes the
 * amounts; this restates the EN 16931 sum rules (BR-CO-10 to BR-CO-17, BR-S-8/9…) so that a wrong model is caught
 * here with a readable message instead of producing a PDF and an XML a tax portal rejects.
 */
import type { MoneyDocument, VatCategory } from './document-model.ts';
import { InvalidMoneyDocument } from './document-errors.ts';
import { absDiff, canonicalDecimal, parseScaled } from './decimal.ts';
import { checkDocumentText } from './model-text-checks.ts';

const QUANTITY_SCALE = 3;
const RATE_SCALE = 3;
const MAX_LINES = 1000;

/** Key of a VAT breakdown group: category and canonical rate. */
export const vatKey = (category: VatCategory, rate: string): string => `${category}:${canonicalDecimal(rate)}`;

const EXEMPT_CATEGORIES: VatCategory[] = ['E', 'AE', 'K', 'G'];

function isCents(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** Throws InvalidMoneyDocument listing every problem, or returns when the model can be rendered. */
export function assertConsistentDocument(doc: MoneyDocument): void {
  const problems: string[] = [];
  checkDocumentText(doc, problems);
  checkKindRules(doc, problems);
  checkAmounts(doc, problems);
  if (problems.length > 0) throw new InvalidMoneyDocument(problems);
}

function checkKindRules(doc: MoneyDocument, problems: string[]): void {
  if (doc.lines.length === 0) problems.push('a document needs at least one line');
  if (doc.lines.length > MAX_LINES) problems.push(`a document has at most ${MAX_LINES} lines`);
  if (doc.kind === 'credit_note' && !doc.correctedInvoice) problems.push('a credit note must name the invoice it corrects');
  if (doc.kind !== 'credit_note' && doc.correctedInvoice) problems.push('only a credit note corrects an invoice');
  if (doc.kind !== 'final_invoice' && doc.depositsDeducted.length > 0) problems.push('only a final invoice deducts deposits');
  const categories = new Set([...doc.lines.map((l) => l.vatCategory), ...doc.documentDiscounts.map((d) => d.vatCategory)]);
  // BR-S-2, BR-AE-2, BR-IC-2: these categories need the seller's VAT number; reverse charge and intra-community supply the buyer's too.
  if ((categories.has('S') || categories.has('AE') || categories.has('K')) && !doc.seller.vatNumber) {
    problems.push('the seller needs a VAT number for standard-rated, reverse-charge or intra-community lines');
  }
  if ((categories.has('AE') || categories.has('K')) && !doc.buyer.vatNumber) {
    problems.push('the buyer needs a VAT number for reverse-charge or intra-community lines');
  }
}

function checkAmounts(doc: MoneyDocument, problems: string[]): void {
  const groups = new Map<string, { base: bigint; rateMilli: bigint }>();
  const group = (field: string, category: VatCategory, rate: string): { base: bigint; rateMilli: bigint } | undefined => {
    const rateMilli = parseScaled(rate, RATE_SCALE);
    if (rateMilli === undefined || rateMilli > 100_000n) {
      problems.push(`${field}.vatRate must be a decimal percent between 0 and 100 with at most 3 decimals`);
      return undefined;
    }
    if ((category === 'S') !== rateMilli > 0n) problems.push(`${field}: category ${category} cannot have rate ${rate}`);
    const key = vatKey(category, rate);
    const existing = groups.get(key) ?? { base: 0n, rateMilli };
    groups.set(key, existing);
    return existing;
  };

  let linesNet = 0n;
  doc.lines.forEach((line, i) => {
    const field = `lines[${i}]`;
    const qtyMilli = parseScaled(line.quantity, QUANTITY_SCALE);
    if (qtyMilli === undefined || qtyMilli === 0n) problems.push(`${field}.quantity must be a positive decimal with at most 3 decimals`);
    for (const [name, value] of [
      ['unitPriceCents', line.unitPriceCents],
      ['discountCents', line.discountCents],
      ['netCents', line.netCents],
    ] as const) {
      if (!isCents(value)) problems.push(`${field}.${name} must be a non-negative integer of cents`);
    }
    if (qtyMilli !== undefined && isCents(line.unitPriceCents) && isCents(line.discountCents)) {
      // The money service may round half-up or half-even: accept any result less than one cent from the exact value.
      const exactMilli = qtyMilli * BigInt(line.unitPriceCents) - BigInt(line.discountCents) * 1000n;
      if (absDiff(exactMilli, BigInt(line.netCents) * 1000n) >= 1000n) {
        problems.push(`${field}.netCents ${line.netCents} is not quantity × unit price − discount`);
      }
    }
    linesNet += BigInt(line.netCents);
    const g = group(field, line.vatCategory, line.vatRate);
    if (g) g.base += BigInt(line.netCents);
  });

  let discounts = 0n;
  doc.documentDiscounts.forEach((d, i) => {
    if (!isCents(d.amountCents)) problems.push(`documentDiscounts[${i}].amountCents must be a non-negative integer of cents`);
    discounts += BigInt(d.amountCents);
    const g = group(`documentDiscounts[${i}]`, d.vatCategory, d.vatRate);
    if (g) g.base -= BigInt(d.amountCents);
  });

  let vatTotal = 0n;
  const seen = new Set<string>();
  doc.vatBreakdown.forEach((entry, i) => {
    const field = `vatBreakdown[${i}]`;
    const key = vatKey(entry.vatCategory, entry.vatRate);
    if (seen.has(key)) problems.push(`${field} repeats VAT ${key}`);
    seen.add(key);
    const g = groups.get(key);
    if (!g) {
      problems.push(`${field} (${key}) matches no line`);
      return;
    }
    if (!Number.isSafeInteger(entry.taxableBaseCents) || BigInt(entry.taxableBaseCents) !== g.base) {
      problems.push(`${field}.taxableBaseCents ${entry.taxableBaseCents} is not the sum of its lines less discounts (${g.base})`);
    }
    if (!isCents(entry.vatCents)) problems.push(`${field}.vatCents must be a non-negative integer of cents`);
    // BR-CO-17: VAT = base × rate / 100, rounded to the cent. Compare in hundred-thousandths of a cent, exactly.
    else if (absDiff(BigInt(entry.vatCents) * 100_000n, g.base * g.rateMilli) > 50_000n) {
      problems.push(`${field}.vatCents ${entry.vatCents} is not ${canonicalDecimal(entry.vatRate)} % of ${g.base}`);
    }
    if (EXEMPT_CATEGORIES.includes(entry.vatCategory) && !entry.exemptionReason) {
      problems.push(`${field} needs an exemption reason for category ${entry.vatCategory}`);
    }
    vatTotal += BigInt(entry.vatCents);
  });
  for (const key of groups.keys()) if (!seen.has(key)) problems.push(`vatBreakdown lacks VAT ${key}`);

  const t = doc.totals;
  for (const [name, value] of Object.entries(t)) {
    if (!isCents(value)) problems.push(`totals.${name} must be a non-negative integer of cents`);
  }
  const expect = (name: string, actual: number, wanted: bigint, rule: string): void => {
    if (BigInt(actual) !== wanted) problems.push(`totals.${name} ${actual} ≠ ${rule} (${wanted})`);
  };
  expect('linesNetCents', t.linesNetCents, linesNet, 'sum of line net amounts');
  expect('discountCents', t.discountCents, discounts, 'sum of document discounts');
  expect('netCents', t.netCents, BigInt(t.linesNetCents) - BigInt(t.discountCents), 'lines net − discount');
  expect('vatCents', t.vatCents, vatTotal, 'sum of the VAT breakdown');
  expect('grossCents', t.grossCents, BigInt(t.netCents) + BigInt(t.vatCents), 'net + VAT');
  expect('dueCents', t.dueCents, BigInt(t.grossCents) - BigInt(t.paidCents), 'gross − paid');
  const deposits = doc.depositsDeducted.reduce((sum, d) => sum + BigInt(d.amountCents), 0n);
  doc.depositsDeducted.forEach((d, i) => {
    if (!isCents(d.amountCents)) problems.push(`depositsDeducted[${i}].amountCents must be a non-negative integer of cents`);
  });
  if (deposits > BigInt(t.paidCents)) problems.push(`totals.paidCents ${t.paidCents} is less than the deposits deducted (${deposits})`);
  if (t.paidCents > t.grossCents) problems.push('totals.paidCents exceeds the gross total');
  if (doc.seller.shareCapitalCents !== undefined && !isCents(doc.seller.shareCapitalCents)) {
    problems.push('seller.shareCapitalCents must be a non-negative integer of cents');
  }
}
