/**
 * Totals of a quote, invoice or credit note: the one place where a document's amounts are computed.
 * The server computes them when a document is saved or issued and the web's document editor shows
 * them live with this same code, so the screen and the PDF can never disagree by a cent.
 *
 * Everything is an integer: amounts in minor units (cents), quantities in thousandths, rates and
 * percentages in basis points (see exact-decimal.ts). Products are taken in BigInt so no
 * intermediate value can lose precision; every division rounds half away from zero (divideRounded).
 *
 * The order of operations, for each document:
 *  1. line amount = quantity × unit price, rounded to the cent;
 *  2. line net = line amount − line discount (a percentage of the line amount, rounded, or an amount);
 *  3. the document discount (a percentage of the sum of line nets, rounded, or an amount) is spread
 *     over the lines in proportion to their net, by largest remainder, so the shares sum exactly;
 *  4. VAT per rate = rounded(rate × sum of the nets at that rate) — the EN 16931 VAT breakdown, where
 *     VAT is computed on each rate's taxable base, never summed from rounded per-line VAT;
 *  5. net = Σ taxable bases, VAT = Σ VAT per rate, gross = net + VAT.
 */
import { divideRounded } from './money.ts';
import { BASIS_POINTS_PER_UNIT, QUANTITY_SCALE } from './exact-decimal.ts';

export type Discount = { kind: 'percent'; basisPoints: number } | { kind: 'amount'; cents: number };

export interface TotalsLine {
  /** Thousandths of a unit: 2.5 hours → 2500. */
  quantity: number;
  unitPriceCents: number;
  /** VAT rate in basis points: 20 % → 2000, 5.5 % → 550. */
  vatRateBasisPoints: number;
  discount?: Discount | null;
}

export interface LineTotals {
  /** quantity × unit price, rounded. */
  amountCents: number;
  lineDiscountCents: number;
  /** This line's share of the document discount. */
  documentDiscountCents: number;
  /** The line's taxable amount: amount − line discount − document discount share. */
  netCents: number;
  vatRateBasisPoints: number;
}

export interface VatBreakdown {
  vatRateBasisPoints: number;
  taxableCents: number;
  vatCents: number;
}

export interface DocumentTotals {
  lines: LineTotals[];
  /** Σ line nets before the document discount. */
  subtotalCents: number;
  documentDiscountCents: number;
  netCents: number;
  /** One entry per rate present, highest rate first. */
  vatBreakdown: VatBreakdown[];
  vatCents: number;
  grossCents: number;
}

export type TotalsErrorCode = 'INVALID_QUANTITY' | 'INVALID_PRICE' | 'INVALID_RATE' | 'INVALID_DISCOUNT' | 'DISCOUNT_EXCEEDS_AMOUNT' | 'AMOUNT_TOO_LARGE';

/** Input a document cannot be computed from; `line` is the index of the offending line, absent for the document discount. */
export class TotalsError extends Error {
  constructor(
    readonly code: TotalsErrorCode,
    readonly line?: number,
  ) {
    super(line === undefined ? `document: ${code}` : `line ${line + 1}: ${code}`);
    this.name = 'TotalsError';
  }
}

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;

function toSafe(value: bigint, line?: number): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new TotalsError('AMOUNT_TOO_LARGE', line);
  return Number(value);
}

/** The discount in cents on `base`; a discount larger than its base is refused, never clamped silently. */
function discountOn(base: bigint, discount: Discount | null | undefined, line?: number): bigint {
  if (!discount) return 0n;
  if (discount.kind === 'percent') {
    if (!isCount(discount.basisPoints) || discount.basisPoints > BASIS_POINTS_PER_UNIT) throw new TotalsError('INVALID_DISCOUNT', line);
    return divideRounded(base * BigInt(discount.basisPoints), BigInt(BASIS_POINTS_PER_UNIT));
  }
  if (!isCount(discount.cents)) throw new TotalsError('INVALID_DISCOUNT', line);
  const cents = BigInt(discount.cents);
  if (cents > base) throw new TotalsError('DISCOUNT_EXCEEDS_AMOUNT', line);
  return cents;
}

/**
 * Split `total` over `weights` in proportion, each part an integer, the parts summing to `total` exactly:
 * every part gets the floor of its exact share, then the cents left go one each to the largest
 * remainders. Ties are broken by the larger weight, then by `tieBreak` (the VAT rate, so the totals per
 * rate do not depend on line order), then by position. With 0 ≤ total ≤ Σ weights, no part exceeds its weight.
 */
export function allocateProportionally(total: bigint, weights: readonly bigint[], tieBreak: readonly number[] = []): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (total === 0n || sum === 0n) return weights.map(() => 0n);
  const parts = weights.map((w) => (total * w) / sum);
  const remainders = weights.map((w, i) => ({ i, rest: (total * w) % sum, weight: w, tie: tieBreak[i] ?? 0 }));
  let left = total - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) =>
    a.rest !== b.rest ? (b.rest > a.rest ? 1 : -1) : a.weight !== b.weight ? (b.weight > a.weight ? 1 : -1) : b.tie - a.tie || a.i - b.i,
  );
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts;
}

export function computeTotals(lines: readonly TotalsLine[], documentDiscount?: Discount | null): DocumentTotals {
  const nets = lines.map((line, i) => {
    if (!isCount(line.quantity)) throw new TotalsError('INVALID_QUANTITY', i);
    if (!isCount(line.unitPriceCents)) throw new TotalsError('INVALID_PRICE', i);
    if (!isCount(line.vatRateBasisPoints) || line.vatRateBasisPoints > BASIS_POINTS_PER_UNIT) throw new TotalsError('INVALID_RATE', i);
    const amount = divideRounded(BigInt(line.quantity) * BigInt(line.unitPriceCents), BigInt(QUANTITY_SCALE));
    const lineDiscount = discountOn(amount, line.discount, i);
    return { amount, lineDiscount, net: amount - lineDiscount };
  });
  const subtotal = nets.reduce((a, n) => a + n.net, 0n);
  const docDiscount = discountOn(subtotal, documentDiscount);
  const shares = allocateProportionally(
    docDiscount,
    nets.map((n) => n.net),
    lines.map((l) => l.vatRateBasisPoints),
  );

  const lineTotals: LineTotals[] = nets.map((n, i) => ({
    amountCents: toSafe(n.amount, i),
    lineDiscountCents: toSafe(n.lineDiscount, i),
    documentDiscountCents: toSafe(shares[i]!, i),
    netCents: toSafe(n.net - shares[i]!, i),
    vatRateBasisPoints: lines[i]!.vatRateBasisPoints,
  }));

  const bases = new Map<number, bigint>();
  lines.forEach((line, i) => bases.set(line.vatRateBasisPoints, (bases.get(line.vatRateBasisPoints) ?? 0n) + nets[i]!.net - shares[i]!));
  const vatBreakdown = [...bases.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rate, taxable]) => ({
      vatRateBasisPoints: rate,
      taxableCents: toSafe(taxable),
      vatCents: toSafe(divideRounded(taxable * BigInt(rate), BigInt(BASIS_POINTS_PER_UNIT))),
    }));

  const net = subtotal - docDiscount;
  const vat = vatBreakdown.reduce((a, b) => a + BigInt(b.vatCents), 0n);
  return {
    lines: lineTotals,
    subtotalCents: toSafe(subtotal),
    documentDiscountCents: toSafe(docDiscount),
    netCents: toSafe(net),
    vatBreakdown,
    vatCents: toSafe(vat),
    grossCents: toSafe(net + vat),
  };
}
