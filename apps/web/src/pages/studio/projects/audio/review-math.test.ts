import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPosition, levelMatchedVolumes, volumeToDb } from './review-math.ts';

describe('formatPosition', () => {
  it('reads as minutes:seconds.tenths, with hours past an hour', () => {
    expect(formatPosition(0)).toBe('0:00.0');
    expect(formatPosition(62_250)).toBe('1:02.2');
    expect(formatPosition(3_723_004)).toBe('1:02:03.0');
    expect(formatPosition(62_250, false)).toBe('1:02');
  });
});

describe('levelMatchedVolumes', () => {
  it('turns the louder version down to the quieter one', () => {
    const { a, b } = levelMatchedVolumes(-8, -14);
    expect(b).toBe(1);
    expect(volumeToDb(a)).toBeCloseTo(-6, 6);
  });

  it('leaves both alone without a measurement', () => {
    expect(levelMatchedVolumes(null, -14)).toEqual({ a: 1, b: 1 });
  });

  it('never asks for more than full scale, and matches the loudness', () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 0, noNaN: true }), fc.double({ min: -40, max: 0, noNaN: true }), (la, lb) => {
        const { a, b } = levelMatchedVolumes(la, lb);
        expect(a).toBeLessThanOrEqual(1);
        expect(b).toBeLessThanOrEqual(1);
        expect(la + volumeToDb(a)).toBeCloseTo(lb + volumeToDb(b), 6);
      }),
    );
  });
});
