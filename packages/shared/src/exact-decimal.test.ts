import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPercent, formatQuantity, parsePercent, parseQuantity } from './exact-decimal.ts';

describe('exact decimals', () => {
  it.each([
    ['2.5', 2500],
    ['2,5', 2500],
    ['0.001', 1],
    ['1 250,125', 1_250_125],
    ['3', 3000],
  ])('quantity %s → %i thousandths', (text, expected) => expect(parseQuantity(text)).toBe(expected));

  it.each([
    ['20', 2000],
    ['5.5', 550],
    ['5,5', 550],
    ['2.1', 210],
    ['0', 0],
    ['5,5 %', 550],
    ['20%', 2000],
  ])('percentage %s → %i basis points', (text, expected) => expect(parsePercent(text)).toBe(expected));

  it.each(['', '-1', '2.0001', 'abc', '1e3', '2.5.1', '0x10'])('refuses %j as a quantity', (text) => expect(parseQuantity(text)).toBeNull());
  it('refuses more decimals than the scale holds', () => {
    expect(parsePercent('5.55')).toBe(555);
    expect(parsePercent('5.555')).toBeNull();
  });

  it('formats with the decimals needed, in the locale’s notation', () => {
    expect(formatPercent(550, 'fr')).toBe('5,5');
    expect(formatPercent(2000, 'en')).toBe('20');
    expect(formatQuantity(2500, 'en')).toBe('2.5');
    expect(formatQuantity(1, 'fr')).toBe('0,001');
  });

  it('reads back what it writes, in English and French', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.constantFrom('en', 'fr'), (value, locale) => {
        expect(parseQuantity(formatQuantity(value, locale))).toBe(value);
        expect(parsePercent(formatPercent(value, locale))).toBe(value);
      }),
    );
  });
});
