// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { studioFormatter, TIME_OF_DAY } from '../../lib/studio-time.ts';
import { slotsByDay } from './slots-by-day.ts';

describe('the booking page’s days', () => {
  // A Friday open 18:00–02:00 in Los Angeles (UTC-7 in May): its night is Saturday morning in UTC.
  const zone = 'America/Los_Angeles';
  const slots = ['2027-05-15T01:00:00Z', '2027-05-15T06:00:00Z', '2027-05-15T07:00:00Z', '2027-05-15T08:30:00Z'].map((startsAt) => ({ startsAt }));

  it('group each free time under the studio’s day of its start, labelled on the studio’s clock', () => {
    const byDay = slotsByDay(slots, zone);
    const label = (iso: string) => studioFormatter('en', zone, TIME_OF_DAY).format(new Date(iso));
    expect([...byDay.keys()]).toEqual(['2027-05-14', '2027-05-15']);
    expect(byDay.get('2027-05-14')!.map((s) => label(s.startsAt))).toEqual(['18:00', '23:00']);
    expect(byDay.get('2027-05-15')!.map((s) => label(s.startsAt))).toEqual(['00:00', '01:30']);
  });
});
