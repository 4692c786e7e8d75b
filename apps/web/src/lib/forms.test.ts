// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { roomInput } from '@rsm/shared/schemas';
import { amountTextSchema, integerTextSchema, minorToAmountText, newPasswordSchema, optionalAmountTextSchema } from './forms.ts';

function firstMessage(result: { success: boolean; error?: { issues: { message: string }[] } }): string | undefined {
  return result.error?.issues[0]?.message;
}

describe('amountTextSchema', () => {
  it('turns typed amounts into cents without floats', () => {
    expect(amountTextSchema('EUR').parse('45,50')).toBe(4550);
    expect(amountTextSchema('EUR').parse('1 234.5')).toBe(123450);
    expect(amountTextSchema('JPY').parse('1200')).toBe(1200);
  });

  it('answers with i18n keys', () => {
    expect(firstMessage(amountTextSchema('EUR').safeParse('abc'))).toBe('errors.amount_invalid');
    expect(firstMessage(amountTextSchema('EUR').safeParse('12.345'))).toBe('errors.amount_invalid');
    expect(firstMessage(amountTextSchema('EUR').safeParse('2000000'))).toBe('errors.amount_too_large');
  });
});

describe('integerTextSchema', () => {
  const capacity = integerTextSchema(roomInput.shape.capacity, 'errors.capacity_invalid');
  it('accepts whole numbers within the shared rule', () => {
    expect(capacity.parse(' 6 ')).toBe(6);
  });
  it.each(['', '2.5', 'six', '0', '501'])('refuses %j with the capacity key', (text) => {
    expect(firstMessage(capacity.safeParse(text))).toBe('errors.capacity_invalid');
  });
});

describe('minorToAmountText', () => {
  it('writes cents back in the reader’s decimal mark', () => {
    expect(minorToAmountText(4550, 'EUR', 'en')).toBe('45.50');
    expect(minorToAmountText(4505, 'EUR', 'fr')).toBe('45,05');
    expect(minorToAmountText(7, 'EUR', 'en')).toBe('0.07');
    expect(minorToAmountText(1200, 'JPY', 'en')).toBe('1200');
  });
  it('round-trips with the amount parser', () => {
    for (const cents of [0, 1, 99, 100, 4550, 99_999_999]) {
      expect(amountTextSchema('EUR').parse(minorToAmountText(cents, 'EUR', 'fr'))).toBe(cents);
    }
  });
});

describe('newPasswordSchema', () => {
  it('flags a mismatch on the confirmation field', () => {
    const result = newPasswordSchema.safeParse({ password: 'long-enough-1', confirmPassword: 'long-enough-2' });
    expect(result.error?.issues[0]).toMatchObject({ path: ['confirmPassword'], message: 'errors.passwords_do_not_match' });
  });
});

describe('optionalAmountTextSchema', () => {
  it('reads an empty box as no amount and a typed one as cents', () => {
    expect(optionalAmountTextSchema('EUR').parse('  ')).toBeNull();
    expect(optionalAmountTextSchema('EUR').parse('350,5')).toBe(35050);
    expect(firstMessage(optionalAmountTextSchema('EUR').safeParse('3x'))).toBe('errors.amount_invalid');
    expect(firstMessage(optionalAmountTextSchema('EUR').safeParse('2000000'))).toBe('errors.amount_too_large');
  });
});
