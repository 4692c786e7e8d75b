import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bpmSchema, formatIsrc, isrcSchema, splitPercentSchema, splitTotalHundredths, updateTrackInput } from './projects-schemas.ts';

describe('ISRC', () => {
  it('normalises spacing, hyphens, case and a leading "ISRC" to the 12-character form', () => {
    expect(isrcSchema.parse(' fr-z03-24-00001 ')).toBe('FRZ032400001');
    expect(isrcSchema.parse('ISRC: GB AYE 24 00123')).toBe('GBAYE2400123');
    expect(isrcSchema.parse('')).toBe('');
    expect(formatIsrc('FRZ032400001')).toBe('FR-Z03-24-00001');
  });

  it('refuses anything that is not CC-XXX-YY-NNNNN', () => {
    for (const bad of ['FR-Z03-24-0001', '12-Z03-24-00001', 'FR-Z03-2A-00001', 'FR-Z0$-24-00001', 'FRZ0324000012'])
      expect(isrcSchema.safeParse(bad).success, bad).toBe(false);
  });
});

describe('numbers with two decimals', () => {
  it('accepts every BPM in hundredths between 0.01 and 999.99', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 99_999 }), (hundredths) => bpmSchema.safeParse(hundredths / 100).success));
  });
  it('refuses zero, negatives, three decimals', () => {
    for (const bad of [0, -1, 120.125, 1000]) expect(bpmSchema.safeParse(bad).success, String(bad)).toBe(false);
    expect(splitPercentSchema.safeParse(33.333).success).toBe(false);
  });
  it('adds splits in hundredths, exactly', () => {
    expect(splitTotalHundredths([33.33, 33.33, 33.34, null])).toBe(10_000);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 })),
        (parts) => splitTotalHundredths(parts.map((p) => p / 100)) === parts.reduce((a, b) => a + b, 0),
      ),
    );
  });
});

it('a track update carries only the fields it names', () => {
  expect(updateTrackInput.parse({ id: '00000000-0000-4000-8000-000000000000', title: 'x' })).toEqual({
    id: '00000000-0000-4000-8000-000000000000',
    title: 'x',
  });
});
