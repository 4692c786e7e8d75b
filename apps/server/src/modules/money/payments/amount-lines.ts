/**
 * Lines for a document that stands for an amount of money taken or given back on another document: the deposit
 * invoice of a quote (a share of it) and the credit note of a refund. The amount (VAT included) is split over the
 * source's VAT rates in proportion to what each rate weighs on it, and each part becomes one line whose net is
 * chosen so that computeTotals gives back that part. When rounding makes a gross impossible at some rate (20 %:
 * a net of one more cent can add two to the gross), the line takes the nearest gross below: the document is then
 * short by a cent, never over what was paid.
 */
import { asc, eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { allocateProportionally, computeTotals, type DocumentTotals } from '@rsm/shared/money-totals';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import type { TenantTx } from '../numbering/document-number.ts';
import { totalsOf, type StoredLine } from '../invoicing/draft-lines.ts';

type SourceLine = typeof tenant.moneyDocumentLines.$inferSelect;
const ONE = 1000; // quantities are thousandths

const grossOfNet = (net: number, bps: number) => computeTotals([{ quantity: ONE, unitPriceCents: net, vatRateBasisPoints: bps }]).grossCents;

/** The largest net whose gross at `bps` is at most `gross` (equal whenever one exists). */
export function netForGross(gross: number, bps: number): number {
  let net = Math.floor((gross * 10_000) / (10_000 + bps));
  while (net > 0 && grossOfNet(net, bps) > gross) net -= 1;
  while (grossOfNet(net + 1, bps) <= gross) net += 1;
  return net;
}

export async function sourceLines(db: TenantDb | TenantTx, documentId: string): Promise<SourceLine[]> {
  return db
    .select()
    .from(tenant.moneyDocumentLines)
    .where(eq(tenant.moneyDocumentLines.documentId, documentId))
    .orderBy(asc(tenant.moneyDocumentLines.position));
}

/** One line per VAT rate of `source`, worth `grossCents` together (see above), and their totals. */
export function linesForAmount(
  source: readonly SourceLine[],
  grossCents: number,
  description: (ratePercent: string) => string,
): { lines: StoredLine[]; totals: DocumentTotals } {
  const groups = new Map<string, { line: SourceLine; netCents: number }>();
  for (const line of source) {
    const key = `${line.vatRateId}:${line.vatBasisPoints}:${line.vatCategory}`;
    const group = groups.get(key);
    if (group) group.netCents += line.netCents;
    else groups.set(key, { line, netCents: line.netCents });
  }
  const list = [...groups.values()].filter((g) => g.netCents > 0);
  const weights = list.map((g) => BigInt(grossOfNet(g.netCents, g.line.vatBasisPoints)));
  const parts = allocateProportionally(
    BigInt(grossCents),
    weights,
    list.map((g) => g.line.vatBasisPoints),
  );
  const priced = list
    .map((g, i) => ({ g, part: Number(parts[i]!) }))
    .filter(({ part }) => part > 0)
    .map(({ g, part }) => ({
      source: 'free' as const,
      catalogueItemId: null,
      sessionId: null,
      description: description(`${(g.line.vatBasisPoints / 100).toString()} %`),
      quantity: ONE,
      unit: 'item' as const,
      unitPriceCents: netForGross(part, g.line.vatBasisPoints),
      discountKind: null,
      discountValue: null,
      vatRateId: g.line.vatRateId,
      vatBasisPoints: g.line.vatBasisPoints,
      vatCategory: g.line.vatCategory,
    }));
  const totals = totalsOf(priced, null);
  const lines = priced.map((l, i) => {
    const t = totals.lines[i]!;
    return { ...l, amountCents: t.amountCents, lineDiscountCents: t.lineDiscountCents, documentDiscountCents: t.documentDiscountCents, netCents: t.netCents };
  });
  return { lines, totals };
}

/** What a quote asks as a deposit, VAT included: a share of its gross, or a fixed amount (never above the gross). */
export function quoteDepositCents(quote: { grossCents: number; depositBasisPoints: number | null; depositCents: number | null }): number {
  if (quote.depositCents !== null) return Math.min(quote.depositCents, quote.grossCents);
  if (quote.depositBasisPoints !== null) return Number((BigInt(quote.grossCents) * BigInt(quote.depositBasisPoints)) / 10_000n);
  return 0;
}
