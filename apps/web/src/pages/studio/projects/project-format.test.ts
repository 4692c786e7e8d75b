import { describe, expect, it } from 'vitest';
import { formatDuration, initials, parseDuration } from './project-format.ts';

describe('project formatting', () => {
  it('makes initials from first and last names', () => {
    expect(initials('Camille Laurent')).toBe('CL');
    expect(initials('Jean Michel Jarre')).toBe('JJ');
    expect(initials('théo')).toBe('TH');
    expect(initials('  ')).toBe('?');
  });

  it('round-trips durations and refuses malformed ones', () => {
    for (const seconds of [0, 5, 65, 245, 3599, 3725]) expect(parseDuration(formatDuration(seconds))).toBe(seconds);
    expect(parseDuration('')).toBeNull();
    expect(parseDuration('245')).toBe(245);
    expect(parseDuration('4:5')).toBeUndefined();
    expect(parseDuration('4:65')).toBeUndefined();
    expect(parseDuration('abc')).toBeUndefined();
  });
});
