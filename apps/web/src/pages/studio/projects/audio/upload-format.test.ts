// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration } from './upload-format.ts';

describe('upload progress formatting', () => {
  it('sizes in decimal units, one decimal below 10', () => {
    expect(formatBytes(0, 'en')).toBe('0 byte');
    expect(formatBytes(1_500_000, 'en')).toBe('1.5 MB');
    expect(formatBytes(106_000_000, 'en')).toBe('106 MB');
    expect(formatBytes(4 * 1024 ** 3, 'en')).toBe('4.3 GB');
    expect(formatBytes(1_500_000, 'fr')).toBe('1,5\u202fMo');
  });

  it('durations as m:ss or h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(75.4)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});
