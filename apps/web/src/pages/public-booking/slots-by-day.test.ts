// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { studioFormatter, TIME_OF_DAY } from '../../lib/studio-time.ts';
import { slotsByDay } from './slots-by-day.ts';

describe('the booking page’s days', () => {
  // A Friday open 18:00–02:00 in Los Angeles (UTC-7 in May): its night is Saturday morning in UTC.
  const zone = 'America/Los_Angeles';
  const slots = [
    { startsAt: '2027-05-15T01:00:00Z', openingDay: '2027-05-14' },
    { startsAt: '2027-05-15T06:00:00Z', openingDay: '2027-05-14' },
    { startsAt: '2027-05-15T07:00:00Z', openingDay: '2027-05-14' },
    { startsAt: '2027-05-15T08:30:00Z', openingDay: '2027-05-14' },
    { startsAt: '2027-05-15T17:00:00Z', openingDay: '2027-05-15' },
  ];

  it('group each free time under the opening day it belongs to (Friday night stays Friday), labelled on the studio’s clock', () => {
    const byDay = slotsByDay(slots, zone);
    const label = (s: { startsAt: string; nextDay: boolean }) =>
      `${studioFormatter('en', zone, TIME_OF_DAY).format(new Date(s.startsAt))}${s.nextDay ? '+1' : ''}`;
    expect([...byDay.keys()]).toEqual(['2027-05-14', '2027-05-15']);
    expect(byDay.get('2027-05-14')!.map(label)).toEqual(['18:00', '23:00', '00:00+1', '01:30+1']);
    expect(byDay.get('2027-05-15')!.map(label)).toEqual(['10:00']);
  });
});
