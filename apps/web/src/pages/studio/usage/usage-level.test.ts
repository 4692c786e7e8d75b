// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { usageLevel } from './usage-level.ts';

describe('usageLevel', () => {
  it('has no bar for an unlimited plan', () => {
    expect(usageLevel({ used: 420, limit: null, warning: false })).toEqual({ kind: 'unlimited' });
  });

  it('follows the server on when to warn', () => {
    expect(usageLevel({ used: 39, limit: 50, warning: false })).toEqual({ kind: 'ok', percent: 78, left: 11 });
    expect(usageLevel({ used: 40, limit: 50, warning: true })).toEqual({ kind: 'warning', percent: 80, left: 10 });
  });

  it('is full once nothing is left, and never shows more than 100 %', () => {
    expect(usageLevel({ used: 50, limit: 50, warning: true })).toEqual({ kind: 'full', percent: 100, left: 0 });
    expect(usageLevel({ used: 53, limit: 50, warning: true })).toEqual({ kind: 'full', percent: 100, left: 0 });
    expect(usageLevel({ used: 0, limit: 0, warning: true })).toEqual({ kind: 'full', percent: 100, left: 0 });
  });
});
