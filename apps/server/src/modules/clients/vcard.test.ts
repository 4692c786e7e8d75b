import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { escapeText, foldLine, toVcards } from './vcard.ts';

const base = {
  id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  kind: 'person' as const,
  email: '',
  phone: '',
  addressLine1: '',
  addressLine2: '',
  postalCode: '',
  city: '',
  country: '',
  website: '',
  tags: [],
  companies: [],
  updatedAt: new Date('2030-01-02T03:04:05Z'),
};

describe('vCard 4.0', () => {
  it('escapes backslash, comma and newlines in text values (RFC 6350 §3.4)', () => {
    expect(escapeText('a\\b,c;d\ne')).toBe('a\\\\b\\,c;d\\ne');
  });

  it('folds lines at 75 octets without splitting a character (§3.2)', () => {
    const folded = foldLine(`FN:${'é'.repeat(100)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(
      folded
        .split('\r\n')
        .map((l, i) => (i === 0 ? l : l.slice(1)))
        .join(''),
    ).toBe(`FN:${'é'.repeat(100)}`);
  });

  it('any name, address and tags parse back to the same values', () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 }).filter((s) => s.trim() === s && s.length > 0 && !/[\r\n]/.test(s));
    fc.assert(
      fc.property(text, text, fc.array(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { maxLength: 4 }), (name, city, tags) => {
        const card = toVcards([{ ...base, name, city, tags }]);
        const parsed = new ICAL.Component(ICAL.parse(card) as unknown[]);
        expect(parsed.getFirstPropertyValue('fn')).toBe(name);
        const adr = parsed.getFirstPropertyValue('adr') as unknown as string[];
        expect(adr[3]).toBe(city);
        if (tags.length) expect(parsed.getFirstProperty('categories')!.getValues()).toEqual(tags);
      }),
      { numRuns: 200 },
    );
  });

  it('writes the kind, organisation and UID', () => {
    const card = toVcards([{ ...base, kind: 'company', name: 'Disques; Méridien' }]);
    expect(card).toContain('KIND:org\r\n');
    expect(card).toContain('ORG:Disques\\; Méridien\r\n');
    expect(card).toContain(`UID:urn:uuid:${base.id}\r\n`);
    expect(card.endsWith('END:VCARD\r\n')).toBe(true);
  });
});
