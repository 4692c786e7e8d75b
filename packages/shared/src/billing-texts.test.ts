import { describe, expect, it } from 'vitest';
import { formatDocumentNumber, latePaymentText, STATUTORY_LATE_PAYMENT_TEXT } from './billing-texts.ts';

describe('formatDocumentNumber', () => {
  it.each([
    ['F', 2026, 1, 'F-2026-0001'],
    ['AV', 2026, 42, 'AV-2026-0042'],
    ['D', 2031, 9999, 'D-2031-9999'],
    ['F', 2026, 10_000, 'F-2026-10000'],
  ])('%s %i #%i → %s', (prefix, year, sequence, expected) => expect(formatDocumentNumber(prefix, year, sequence)).toBe(expected));

  it.each([0, -1, 1.5])('refuses %s as a sequence', (sequence) => expect(() => formatDocumentNumber('F', 2026, sequence)).toThrow(RangeError));
});

describe('latePaymentText', () => {
  it('prints the studio’s own wording, else the statutory one in its language', () => {
    expect(latePaymentText('Pay on time.', 'fr')).toBe('Pay on time.');
    expect(latePaymentText(null, 'fr')).toBe(STATUTORY_LATE_PAYMENT_TEXT.fr);
    expect(latePaymentText('  ', 'en')).toBe(STATUTORY_LATE_PAYMENT_TEXT.en);
  });

  it('states the three-times-legal-rate penalty and the €40 fee in both languages', () => {
    expect(STATUTORY_LATE_PAYMENT_TEXT.en).toMatch(/three times the French legal interest rate.*€40/s);
    expect(STATUTORY_LATE_PAYMENT_TEXT.fr).toMatch(/trois fois le taux d’intérêt légal.*40 €/s);
  });
});
