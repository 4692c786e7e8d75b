import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatMinor, minorUnitDigits, parseAmountToMinor, prorate } from './money.ts';

/** Up to 9 whole digits: the largest amount the parser accepts. */
const MAX_CENTS = 999_999_999_99;
const cents = fc.integer({ min: 0, max: MAX_CENTS });

const plain = (amount: number, separator: '.' | ',') => `${Math.floor(amount / 100)}${separator}${String(amount % 100).padStart(2, '0')}`;
const french = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const english = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });

describe('parseAmountToMinor', () => {
  it.each([
    ['12', 'EUR', 1200],
    ['12.5', 'EUR', 1250],
    ['12,50', 'EUR', 1250],
    ['12.05', 'EUR', 1205],
    ['0.01', 'EUR', 1],
    ['12.', 'EUR', 1200],
    [' 1 234,56 ', 'EUR', 123456],
    ['1\u00a0234,56', 'EUR', 123456],
    ['1\u202f234,56', 'EUR', 123456],
    ['007', 'EUR', 700],
    ['1500', 'JPY', 1500],
    ['999999999.99', 'EUR', MAX_CENTS],
  ])('%s %s → %i', (text, currency, expected) => {
    expect(parseAmountToMinor(text, currency)).toBe(expected);
  });

  it.each([
    '',
    ' ',
    'abc',
    '12.345',
    '-5',
    '+5',
    '1e3',
    '0x10',
    '.5',
    ',5',
    '12..5',
    '12,5,0',
    '1,234.56',
    'Infinity',
    'NaN',
    '12 €',
    '€12',
    '1234567890',
    '١٢',
  ])('rejects %j', (text) => {
    expect(parseAmountToMinor(text, 'EUR')).toBeNull();
  });

  it('rejects decimals for a zero-decimal currency', () => {
    expect(parseAmountToMinor('12.5', 'JPY')).toBeNull();
    expect(parseAmountToMinor('12,00', 'JPY')).toBeNull();
  });

  it('round-trips any amount written as plain decimals, with a point or a comma (property)', () => {
    fc.assert(
      fc.property(cents, fc.constantFrom('.' as const, ',' as const), (amount, separator) => {
        expect(parseAmountToMinor(plain(amount, separator), 'EUR')).toBe(amount);
      }),
    );
  });

  it('round-trips amounts formatted by Intl in French (narrow no-break space groups) and English (property)', () => {
    fc.assert(
      fc.property(cents, (amount) => {
        const major = amount / 100; // display only: Intl needs a number
        expect(parseAmountToMinor(french.format(major), 'EUR')).toBe(amount);
        expect(parseAmountToMinor(english.format(major), 'USD')).toBe(amount);
      }),
    );
  });

  it('round-trips whole amounts of a zero-decimal currency (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), (yen) => {
        expect(parseAmountToMinor(String(yen), 'JPY')).toBe(yen);
      }),
    );
  });

  it('answers null or a non-negative safe integer for any text (property)', () => {
    const amountish = fc.stringMatching(/^[0-9 .,\u00a0-]{0,14}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), amountish), fc.constantFrom('EUR', 'JPY', 'USD'), (text, currency) => {
        const result = parseAmountToMinor(text, currency);
        if (result !== null) {
          expect(Number.isSafeInteger(result)).toBe(true);
          expect(result).toBeGreaterThanOrEqual(0);
          expect(result).toBeLessThanOrEqual(MAX_CENTS);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects any text holding a character that cannot be part of an amount (property)', () => {
    const bad = fc.string({ minLength: 1, maxLength: 3 }).filter((s) => /[^0-9.,\s]/.test(s));
    fc.assert(
      fc.property(cents, bad, fc.nat(12), (amount, junk, at) => {
        const text = plain(amount, ',');
        const position = at % (text.length + 1);
        expect(parseAmountToMinor(text.slice(0, position) + junk + text.slice(position), 'EUR')).toBeNull();
      }),
    );
  });
});

describe('formatMinor', () => {
  it('formats minor units in the locale', () => {
    expect(formatMinor(123456, 'EUR', 'en-US')).toBe('€1,234.56');
    expect(formatMinor(1500, 'JPY', 'en-US')).toBe('¥1,500');
    expect(formatMinor(5, 'EUR', 'fr-FR')).toBe('0,05\u00a0€');
  });

  it.each([12.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('refuses %d, which is not a safe integer of minor units', (amount) => {
    expect(() => formatMinor(amount, 'EUR', 'en-US')).toThrow(RangeError);
  });

  it('shows exactly the currency’s minor digits (property)', () => {
    fc.assert(
      fc.property(cents, fc.constantFrom('EUR', 'USD', 'JPY'), (amount, currency) => {
        const text = formatMinor(amount, currency, 'en-US');
        const digits = minorUnitDigits(currency);
        if (digits === 0) expect(text).not.toContain('.');
        else expect(text).toMatch(new RegExp(`\\.\\d{${digits}}$`));
      }),
    );
  });
});

describe('prorate', () => {
  it('rounds half away from zero and stays exact for every integer input (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (amount, num, den) => {
          const result = prorate(amount, num, den);
          expect(Number.isSafeInteger(result)).toBe(true);
          const exact = (amount * num) / den; // safe here: |amount * num| < 2^53
          expect(Math.abs(result - exact)).toBeLessThanOrEqual(0.5);
          if (Math.abs(result - exact) === 0.5) expect(Math.abs(result)).toBeGreaterThan(Math.abs(exact));
        },
      ),
    );
  });
  it('prorates an hourly rate', () => {
    expect(prorate(6500, 90, 60)).toBe(9750);
    expect(prorate(3333, 1, 2)).toBe(1667);
    expect(prorate(-3333, 1, 2)).toBe(-1667);
  });
  it('refuses floats', () => {
    expect(() => prorate(10.5, 1, 2)).toThrow(RangeError);
  });
});
