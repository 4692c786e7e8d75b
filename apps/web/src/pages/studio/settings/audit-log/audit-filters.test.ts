import { describe, expect, it } from 'vitest';
import { NO_FILTERS, toApiFilters } from './audit-filters.ts';

describe('the activity log filters', () => {
  it('send nothing when empty', () => {
    expect(toApiFilters(NO_FILTERS, 'Europe/Paris')).toEqual({});
  });

  it('turn the studio’s calendar days into instants, the last day included', () => {
    expect(toApiFilters({ ...NO_FILTERS, from: '2031-03-30', to: '2031-03-30', action: ' session ' }, 'Europe/Paris')).toEqual({
      action: 'session',
      // Summer time starts that night in Paris: the day is 23 hours long.
      from: '2031-03-29T23:00:00.000Z',
      to: '2031-03-30T22:00:00.000Z',
    });
  });
});
