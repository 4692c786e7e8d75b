import { describe, expect, it } from 'vitest';
import { formatInstant, formatSpan } from './time.ts';

describe('times in e-mails, on the studio’s 24-hour clock', () => {
  it.each(['en', 'fr'])('%s: a hold’s deadline reads 14:00, never 2:00 PM', (locale) => {
    const text = formatInstant(new Date('2027-05-12T12:00:00Z'), 'Europe/Paris', locale);
    expect(text).toContain('14:00');
    expect(text).not.toMatch(/AM|PM/i);
  });

  it('a session span late at night reads 23:00–00:30 across midnight', () => {
    expect(formatSpan(new Date('2027-05-14T21:00:00Z'), new Date('2027-05-14T22:30:00Z'), 'Europe/Paris', 'en')).toMatch(/23:00 – .*00:30$/);
  });
});
