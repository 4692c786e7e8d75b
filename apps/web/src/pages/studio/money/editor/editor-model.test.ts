import { describe, expect, it } from 'vitest';
import { liveTotals, lineProblems, parseDiscount, toLineInputs, type EditorLine } from './editor-model.ts';

const RATES: Record<string, number> = { standard: 2000, reduced: 550 };
const rates = { basisPointsOf: (id: string) => RATES[id] ?? null };

function line(fields: Partial<EditorLine>): EditorLine {
  return {
    key: 'k',
    source: 'free',
    catalogueItemId: null,
    sessionId: null,
    description: 'Mixing',
    quantityText: '1',
    unit: 'hour',
    unitPriceText: '60',
    vatRateId: 'standard',
    discountKind: 'none',
    discountText: '',
    ...fields,
  };
}

describe('document editor totals', () => {
  it('computes the live totals as the server does: per line, document discount, VAT per rate', () => {
    const lines = [
      line({ source: 'catalogue', catalogueItemId: 'c1', quantityText: '2,5', unitPriceText: '60.00' }), // 150.00 at 20 %
      line({ description: 'Tape', quantityText: '1', unitPriceText: '10', vatRateId: 'reduced', discountKind: 'percent', discountText: '10' }), // 9.00 at 5.5 %
    ];
    const live = liveTotals(lines, parseDiscount('amount', '9', 'EUR'), 'EUR', rates);
    expect(live.ok).toBe(true);
    if (!live.ok) return;
    expect(live.totals.subtotalCents).toBe(15900);
    expect(live.totals.documentDiscountCents).toBe(900);
    expect(live.totals.netCents).toBe(15000);
    expect(live.totals.vatBreakdown.map((v) => [v.vatRateBasisPoints, v.taxableCents, v.vatCents])).toEqual([
      [2000, 14151, 2830],
      [550, 849, 47],
    ]);
    expect(live.totals.grossCents).toBe(15000 + 2830 + 47);
  });

  it('says which line cannot be read yet, and refuses a discount above the amount', () => {
    expect(liveTotals([line({}), line({ unitPriceText: 'abc' })], null, 'EUR', rates)).toEqual({ ok: false, reason: 'incomplete', line: 1 });
    expect(liveTotals([line({ discountKind: 'amount', discountText: '61' })], null, 'EUR', rates)).toMatchObject({
      ok: false,
      reason: 'DISCOUNT_EXCEEDS_AMOUNT',
      line: 0,
    });
    expect(parseDiscount('percent', '120', 'EUR')).toBe('invalid');
    expect(lineProblems(line({ description: ' ', quantityText: '0', vatRateId: 'gone' }), 'EUR', rates)).toEqual(['quantity', 'description', 'rate']);
  });

  it('sends each source only what it may set', () => {
    const inputs = toLineInputs(
      [
        line({ source: 'session', sessionId: 's1', discountKind: 'percent', discountText: '5,5' }),
        line({ source: 'catalogue', catalogueItemId: 'c1', quantityText: '3', description: 'Mixing, 3 h' }),
        line({ quantityText: '1.5', unitPriceText: '12,34', unit: 'item' }),
      ],
      'EUR',
    );
    expect(inputs).toEqual([
      { source: 'session', sessionId: 's1', discount: { kind: 'percent', basisPoints: 550 } },
      { source: 'catalogue', catalogueItemId: 'c1', quantity: 3000, description: 'Mixing, 3 h', discount: null },
      { source: 'free', description: 'Mixing', quantity: 1500, unit: 'item', unitPriceCents: 1234, vatRateId: 'standard', discount: null },
    ]);
  });
});
