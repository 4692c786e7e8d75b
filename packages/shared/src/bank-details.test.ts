import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatIban, isValidBic, isValidIban } from './bank-details.ts';
import { billingDetailsInput } from './money-schemas.ts';

const VALID_IBANS = ['FR76 3000 6000 0112 3456 7890 189', 'DE89370400440532013000', 'gb29 nwbk 6016 1331 9268 19', 'BE68539007547034', 'CH9300762011623852957'];

describe('IBAN', () => {
  it.each(VALID_IBANS)('accepts %s', (iban) => expect(isValidIban(iban)).toBe(true));
  it.each(['', 'FR76', 'FR7630006000011234567890188', 'XX00 0000 0000 0000', 'FR76-3000-6000-0112-3456-7890-18!'])('refuses %j', (iban) =>
    expect(isValidIban(iban)).toBe(false),
  );

  it('catches any single changed digit', () => {
    const iban = 'FR7630006000011234567890189';
    fc.assert(
      fc.property(fc.integer({ min: 2, max: iban.length - 1 }), fc.integer({ min: 1, max: 9 }), (at, delta) => {
        const digit = (Number(iban[at]) + delta) % 10;
        expect(isValidIban(iban.slice(0, at) + digit + iban.slice(at + 1))).toBe(false);
      }),
    );
  });

  it('prints in groups of four', () => expect(formatIban('fr7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189'));
});

describe('BIC', () => {
  it.each(['BNPAFRPP', 'BNPAFRPPXXX', 'deutdeff500'])('accepts %s', (bic) => expect(isValidBic(bic)).toBe(true));
  it.each(['BNPAFRP', 'BNP1FRPP', 'BNPAFRPPXX', 'BNPAFRPPXXXX'])('refuses %s', (bic) => expect(isValidBic(bic)).toBe(false));
});

describe('billingDetailsInput', () => {
  const valid = { paymentTermsDays: 30, invoicePrefix: 'f', creditNotePrefix: 'AV', quotePrefix: 'D' };
  it('stores bank codes compact and upper case, prefixes upper case', () => {
    const parsed = billingDetailsInput.parse({ ...valid, iban: 'fr76 3000 6000 0112 3456 7890 189', bic: 'bnpa frpp' });
    expect(parsed).toMatchObject({ iban: 'FR7630006000011234567890189', bic: 'BNPAFRPP', invoicePrefix: 'F', shareCapitalCents: null, latePaymentText: '' });
  });
  it.each([
    [{ iban: 'FR7630006000011234567890188' }, 'iban', 'errors.iban_invalid'],
    [{ bic: 'BNPA' }, 'bic', 'errors.bic_invalid'],
    [{ paymentTermsDays: 400 }, 'paymentTermsDays', 'errors.payment_terms_invalid'],
    [{ invoicePrefix: 'F/' }, 'invoicePrefix', 'errors.prefix_invalid'],
    [{ creditNotePrefix: 'F' }, 'creditNotePrefix', 'errors.prefixes_not_distinct'],
    [{ shareCapitalCents: -1 }, 'shareCapitalCents', 'errors.amount_negative'],
  ])('%j → %s: %s', (change, field, message) => {
    const result = billingDetailsInput.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([field, message]);
  });
});
