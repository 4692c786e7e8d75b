/**
 * Consistent document models for the renderer's tests. The amounts are computed here the way a money service would
 * (exact integers, half-up rounding), so each kind of document can be rendered and validated end to end.
 */
import type {
  DocumentDiscount,
  DocumentKind,
  DocumentLine,
  MoneyDocument,
  VatBreakdownEntry,
} from '../../../apps/server/src/modules/money/documents/document-model.ts';
import { parseScaled } from '../../../apps/server/src/modules/money/documents/decimal.ts';
import { vatKey } from '../../../apps/server/src/modules/money/documents/model-consistency.ts';

/** round(a / b) half-up for non-negative bigints. */
const divRound = (a: bigint, b: bigint): bigint => (a * 2n + b) / (2n * b);

export type LineInput = Pick<DocumentLine, 'description' | 'quantity' | 'unit' | 'unitPriceCents' | 'vatRate'> &
  Partial<Pick<DocumentLine, 'discountCents' | 'discountReason' | 'vatCategory'>>;

export function line(input: LineInput): DocumentLine {
  const discountCents = input.discountCents ?? 0;
  const gross = divRound(parseScaled(input.quantity, 3)! * BigInt(input.unitPriceCents), 1000n);
  return {
    ...input,
    discountCents,
    vatCategory: input.vatCategory ?? (input.vatRate === '0' ? 'Z' : 'S'),
    netCents: Number(gross) - discountCents,
  };
}

export interface DocumentInput {
  kind?: DocumentKind;
  number?: string;
  language?: 'en' | 'fr';
  lines: DocumentLine[];
  discounts?: DocumentDiscount[];
  deposits?: MoneyDocument['depositsDeducted'];
  exemptionReason?: string;
  overrides?: Partial<MoneyDocument>;
}

export function makeDocument(input: DocumentInput): MoneyDocument {
  const discounts = input.discounts ?? [];
  const groups = new Map<string, VatBreakdownEntry>();
  const entry = (category: DocumentLine['vatCategory'], rate: string): VatBreakdownEntry => {
    const key = vatKey(category, rate);
    const existing = groups.get(key) ?? { vatCategory: category, vatRate: rate, taxableBaseCents: 0, vatCents: 0 };
    if (category !== 'S' && category !== 'Z') existing.exemptionReason = input.exemptionReason ?? 'Exempt';
    groups.set(key, existing);
    return existing;
  };
  for (const l of input.lines) entry(l.vatCategory, l.vatRate).taxableBaseCents += l.netCents;
  for (const d of discounts) entry(d.vatCategory, d.vatRate).taxableBaseCents -= d.amountCents;
  for (const g of groups.values()) {
    g.vatCents = Number(divRound(BigInt(g.taxableBaseCents) * parseScaled(g.vatRate, 3)!, 100_000n));
  }
  const vatBreakdown = [...groups.values()];
  const linesNetCents = input.lines.reduce((s, l) => s + l.netCents, 0);
  const discountCents = discounts.reduce((s, d) => s + d.amountCents, 0);
  const netCents = linesNetCents - discountCents;
  const vatCents = vatBreakdown.reduce((s, v) => s + v.vatCents, 0);
  const grossCents = netCents + vatCents;
  const deposits = input.deposits ?? [];
  const paidCents = deposits.reduce((s, d) => s + d.amountCents, 0);
  return {
    kind: input.kind ?? 'invoice',
    number: input.number ?? 'F-2026-0042',
    issueDate: '2026-12-06',
    dueDate: '2027-01-05',
    serviceDate: '2026-12-01',
    currency: 'EUR',
    language: input.language ?? 'en',
    seller: {
      legalName: 'Studio Łódź & Søn SARL',
      address: { lines: ['12 rue des Studios', 'Bâtiment B'], postcode: '75011', city: 'Paris', countryCode: 'FR' },
      registrationNumber: '12345678900017',
      vatNumber: 'FR32123456789',
      legalForm: 'SARL',
      shareCapitalCents: 1_000_000,
      iban: 'FR7630006000011234567890189',
      bic: 'AGRIFRPP',
      email: 'compta@studio.example',
      paymentTerms: 'Payment within 30 days of the invoice date. No discount for early payment.',
      latePaymentWording:
        'Late payment: penalties at three times the legal interest rate, plus a fixed recovery indemnity of 40 € (art. L441-10 Code de commerce).',
    },
    buyer: {
      name: 'Straße Records GmbH — 山田太郎',
      address: { lines: ['Königstraße 5'], postcode: '10115', city: 'Berlin', countryCode: 'DE' },
      vatNumber: 'DE123456789',
      isBusiness: true,
      reference: 'PO-778',
    },
    lines: input.lines,
    documentDiscounts: discounts,
    vatBreakdown,
    totals: { linesNetCents, discountCents, netCents, vatCents, grossCents, paidCents, dueCents: grossCents - paidCents },
    depositsDeducted: deposits,
    payOnlineUrl: 'https://studio.example.com/portal/pay/F-2026-0042',
    ...input.overrides,
  };
}

export const recordingDay = line({ description: 'Recording day — live room + engineer', quantity: '2', unit: 'day', unitPriceCents: 65_000, vatRate: '20' });
export const mixing = line({
  description: 'Mixing, 3 tracks\nRevisions included: 2 per track',
  quantity: '3',
  unit: 'item',
  unitPriceCents: 18_000,
  vatRate: '20',
  discountCents: 5_000,
  discountReason: 'Loyalty discount',
});
export const overtime = line({ description: 'Overtime (30-min blocks)', quantity: '1.5', unit: 'hour', unitPriceCents: 7_333, vatRate: '20' });
export const booklet = line({ description: 'Printed lyrics booklet', quantity: '10', unit: 'item', unitPriceCents: 199, vatRate: '5.5' });

/** The six documents the EN 16931 validator checks: one of each kind and feature. */
export function validatorCases() {
  const standard = makeDocument({ lines: [recordingDay, overtime] });
  const severalRates = makeDocument({
    number: 'F-2026-0043',
    lines: [recordingDay, booklet, line({ description: 'Studio merch export', quantity: '1', unit: 'item', unitPriceCents: 1_000, vatRate: '0' })],
  });
  const discounts = makeDocument({
    number: 'F-2026-0044',
    language: 'fr',
    lines: [recordingDay, mixing, booklet],
    discounts: [
      { amountCents: 10_000, reason: 'Remise fidélité', vatRate: '20', vatCategory: 'S' },
      { amountCents: 150, reason: 'Remise fidélité', vatRate: '5.5', vatCategory: 'S' },
    ],
  });
  const deposit = makeDocument({
    kind: 'deposit_invoice',
    number: 'A-2026-0007',
    lines: [line({ description: 'Deposit 30 % on quote D-2026-0012', quantity: '1', unit: 'lump_sum', unitPriceCents: 39_000, vatRate: '20' })],
  });
  const final = makeDocument({
    kind: 'final_invoice',
    number: 'F-2026-0045',
    lines: [recordingDay, mixing],
    deposits: [{ number: 'A-2026-0007', issueDate: '2026-11-02', amountCents: 46_800 }],
  });
  const creditNote = makeDocument({
    kind: 'credit_note',
    number: 'AV-2026-0003',
    lines: [overtime],
    overrides: { correctedInvoice: { number: 'F-2026-0042', issueDate: '2026-12-01' }, dueDate: undefined, payOnlineUrl: undefined },
  });
  const exempt = makeDocument({
    number: 'F-2026-0046',
    lines: [line({ description: 'Mastering', quantity: '1', unit: 'item', unitPriceCents: 12_000, vatRate: '0', vatCategory: 'E' })],
    exemptionReason: 'TVA non applicable, art. 293 B du CGI',
  });
  return { standard, severalRates, discounts, deposit, final, creditNote, exempt };
}
