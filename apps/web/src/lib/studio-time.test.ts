// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatSpan } from '../pages/portal/portal-format.ts';
import { formatDateTimeRange } from '../pages/studio/calendar/calendar-format.ts';
import { formatDate, formatDateTime, formatTimeOfDay } from './studio-time.ts';

const PARIS = 'Europe/Paris';
// Wednesday 12 May 2027, 14:00–16:00 in Paris (UTC+2).
const START = '2027-05-12T12:00:00Z';
const END = '2027-05-12T14:00:00Z';

describe('times in the studio’s zone, on the 24-hour clock, whatever the reader’s language', () => {
  it.each(['en', 'fr'])('%s: the portal’s session span reads 14:00 – 16:00', (locale) => {
    const text = formatSpan(START, END, locale, PARIS);
    expect(text).toMatch(/14:00 – 16:00$/);
    expect(text).not.toMatch(/AM|PM/i);
  });

  it.each(['en', 'fr'])('%s: date-time labels and times of day', (locale) => {
    expect(formatDateTime(START, locale, PARIS)).toContain('14:00');
    expect(formatDateTime(START, locale, PARIS)).not.toMatch(/AM|PM/i);
    expect(formatTimeOfDay('2027-05-11T22:00:00Z', locale, PARIS)).toBe('00:00');
    expect(formatDate(START, locale, PARIS)).not.toContain(':');
  });

  it('the requests panel’s range names the time once', () => {
    const text = formatDateTimeRange(START, END, 'en', PARIS);
    expect(text.match(/14:00/g)).toHaveLength(1);
    expect(text).toContain('16:00');
  });
});
