import { describe, expect, it } from 'vitest';
import { assertConsistentDocument } from '../../../apps/server/src/modules/money/documents/model-consistency.ts';
import { InvalidMoneyDocument } from '../../../apps/server/src/modules/money/documents/document-errors.ts';
import type { MoneyDocument } from '../../../apps/server/src/modules/money/documents/document-model.ts';
import { booklet, line, makeDocument, mixing, recordingDay, validatorCases } from './fixtures.ts';

function problemsOf(doc: MoneyDocument): string[] {
  try {
    assertConsistentDocument(doc);
    return [];
  } catch (error) {
    if (error instanceof InvalidMoneyDocument) return error.problems;
    throw error;
  }
}

describe('money document consistency', () => {
  it('accepts every consistent kind of document', () => {
    for (const [name, doc] of Object.entries(validatorCases())) expect(problemsOf(doc), name).toEqual([]);
  });

  it('refuses a line whose net is not quantity × price − discount', () => {
    const doc = makeDocument({ lines: [{ ...recordingDay, netCents: recordingDay.netCents + 100 }] });
    expect(problemsOf(doc).join('\n')).toMatch(/lines\[0\]\.netCents .* is not quantity × unit price − discount/);
  });

  it('accepts a line net rounded either way from an exact half cent', () => {
    const l = line({ description: 'Half cent', quantity: '0.5', unit: 'hour', unitPriceCents: 101, vatRate: '20' });
    expect(l.netCents).toBe(51);
    expect(problemsOf(makeDocument({ lines: [l] }))).toEqual([]);
    expect(problemsOf(makeDocument({ lines: [{ ...l, netCents: 50 }] }))).toEqual([]);
  });

  it('refuses totals that do not add up, naming each broken sum', () => {
    const doc = makeDocument({ lines: [recordingDay, booklet] });
    const broken = { ...doc, totals: { ...doc.totals, linesNetCents: doc.totals.linesNetCents + 1, grossCents: doc.totals.grossCents + 5 } };
    const problems = problemsOf(broken).join('\n');
    expect(problems).toContain('totals.linesNetCents');
    expect(problems).toContain('totals.grossCents');
    expect(() => assertConsistentDocument(broken)).toThrow(/Invalid money document: .*sum of line net amounts/);
  });

  it('refuses a VAT breakdown whose base or VAT is wrong, or which lacks a rate', () => {
    const doc = makeDocument({ lines: [recordingDay, booklet] });
    const [first, second] = doc.vatBreakdown;
    expect(problemsOf({ ...doc, vatBreakdown: [{ ...first!, taxableBaseCents: first!.taxableBaseCents - 1 }, second!] }).join('\n')).toContain(
      'is not the sum of its lines',
    );
    expect(problemsOf({ ...doc, vatBreakdown: [{ ...first!, vatCents: first!.vatCents + 1 }, second!] }).join('\n')).toContain('is not 20 % of');
    expect(problemsOf({ ...doc, vatBreakdown: [first!] }).join('\n')).toContain('vatBreakdown lacks VAT S:5.5');
  });

  it('refuses document discounts that do not reduce the base of their VAT rate', () => {
    const doc = makeDocument({ lines: [recordingDay, mixing], discounts: [{ amountCents: 1000, reason: 'Fidélité', vatRate: '20', vatCategory: 'S' }] });
    expect(problemsOf(doc)).toEqual([]);
    const withoutDiscount = { ...doc, documentDiscounts: [] };
    expect(problemsOf(withoutDiscount).join('\n')).toMatch(/taxableBaseCents|discountCents/);
  });

  it('enforces the kind rules: credit note reference, deposits on final invoices only, VAT numbers', () => {
    const { creditNote, standard, final } = validatorCases();
    expect(problemsOf({ ...creditNote, correctedInvoice: undefined })).toContain('a credit note must name the invoice it corrects');
    expect(problemsOf({ ...standard, depositsDeducted: final.depositsDeducted, totals: final.totals }).join('\n')).toContain(
      'only a final invoice deducts deposits',
    );
    expect(problemsOf({ ...standard, seller: { ...standard.seller, vatNumber: undefined } }).join('\n')).toContain('the seller needs a VAT number');
    expect(problemsOf({ ...final, totals: { ...final.totals, paidCents: 0, dueCents: final.totals.grossCents } }).join('\n')).toContain(
      'less than the deposits deducted',
    );
  });

  it('refuses floats, negative amounts and malformed decimals', () => {
    const valid = makeDocument({ lines: [recordingDay, booklet, booklet] });
    const doc = {
      ...valid,
      lines: [
        { ...recordingDay, unitPriceCents: 650.5 },
        { ...booklet, quantity: '1,5' },
        { ...booklet, vatRate: '5.5.5' },
      ],
    };
    const problems = problemsOf(doc).join('\n');
    expect(problems).toContain('lines[0].unitPriceCents must be a non-negative integer of cents');
    expect(problems).toContain('lines[1].quantity must be a positive decimal');
    expect(problems).toContain('lines[2].vatRate must be a decimal percent');
  });
});

describe('hostile text in the model', () => {
  const base = makeDocument({ lines: [recordingDay] });

  it('refuses control characters, bidi overrides and unpaired surrogates', () => {
    const cases: [string, MoneyDocument][] = [
      ['buyer.name contains control characters', { ...base, buyer: { ...base.buyer, name: 'Evil\u0000Corp' } }],
      ['buyer.name contains control characters', { ...base, buyer: { ...base.buyer, name: 'Two\nlines' } }],
      ['lines[0].description contains control characters', { ...base, lines: [{ ...recordingDay, description: 'bell\u0007' }] }],
      ['notes contains control characters', { ...base, notes: 'C1 \u0085 control' }],
      ['buyer.name contains bidirectional override characters', { ...base, buyer: { ...base.buyer, name: 'Invoice \u202E0001' } }],
      ['seller.legalName contains an unpaired surrogate', { ...base, seller: { ...base.seller, legalName: 'Half \uD83D pair' } }],
    ];
    for (const [message, doc] of cases) expect(problemsOf(doc)).toContain(message);
  });

  it('accepts multi-line descriptions and right-to-left text', () => {
    const doc = makeDocument({
      lines: [line({ description: 'הקלטה באולפן\nتسجيل في الاستوديو', quantity: '1', unit: 'hour', unitPriceCents: 100, vatRate: '20' })],
    });
    expect(problemsOf(doc)).toEqual([]);
  });

  it('bounds lengths and the document number alphabet', () => {
    expect(problemsOf({ ...base, notes: 'x'.repeat(4001) })).toContain('notes is longer than 4000 characters');
    expect(problemsOf({ ...base, number: 'F<1>&"' }).join('\n')).toContain('number must be');
  });

  it('admits only http(s) pay links and real PNG / JPEG logos', () => {
    expect(problemsOf({ ...base, payOnlineUrl: 'javascript:alert(1)' }).join('\n')).toContain('payOnlineUrl');
    expect(problemsOf({ ...base, payOnlineUrl: 'file:///etc/passwd' }).join('\n')).toContain('payOnlineUrl');
    const svg = new TextEncoder().encode('<svg onload="alert(1)"/>');
    expect(problemsOf({ ...base, seller: { ...base.seller, logo: svg } })).toContain('seller.logo must be a PNG or JPEG of at most 2 MB');
  });
});
