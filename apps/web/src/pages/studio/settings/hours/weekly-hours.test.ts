// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  closesNextDay,
  emptyWeek,
  isClosedAllWeek,
  openingRowsOf,
  weekFromOpening,
  weekFromWorking,
  weekIssues,
  workingRowsOf,
  type WeekHours,
} from './weekly-hours.ts';

describe('opening hours ↔ API rows', () => {
  it('puts each row on its weekday (1 = Monday), ranges in order, and back', () => {
    const rows = [
      { weekday: 5, opensAt: '18:00', closesAt: '02:00' },
      { weekday: 1, opensAt: '14:00', closesAt: '22:00' },
      { weekday: 1, opensAt: '09:00', closesAt: '12:00' },
    ];
    const week = weekFromOpening(rows);
    expect(week).toEqual([
      [
        { start: '09:00', end: '12:00' },
        { start: '14:00', end: '22:00' },
      ],
      [],
      [],
      [],
      [{ start: '18:00', end: '02:00' }],
      [],
      [],
    ]);
    expect(openingRowsOf(week)).toEqual([
      { weekday: 1, opensAt: '09:00', closesAt: '12:00' },
      { weekday: 1, opensAt: '14:00', closesAt: '22:00' },
      { weekday: 5, opensAt: '18:00', closesAt: '02:00' },
    ]);
  });

  it('maps working hours with their own field names', () => {
    const week = weekFromWorking([{ weekday: 7, startsAt: '10:00', endsAt: '19:00' }]);
    expect(week[6]).toEqual([{ start: '10:00', end: '19:00' }]);
    expect(workingRowsOf(week)).toEqual([{ weekday: 7, startsAt: '10:00', endsAt: '19:00' }]);
  });

  it('has no rows for a week with no hours', () => {
    expect(openingRowsOf(emptyWeek())).toEqual([]);
    expect(isClosedAllWeek(emptyWeek())).toBe(true);
    expect(isClosedAllWeek(weekFromOpening([{ weekday: 3, opensAt: '10:00', closesAt: '11:00' }]))).toBe(false);
  });
});

function week(monday: { start: string; end: string }[]): WeekHours {
  const result = emptyWeek();
  result[0] = monday;
  return result;
}

describe('weekIssues', () => {
  it('lets opening hours run past midnight, not working hours', () => {
    const lateNight = week([{ start: '18:00', end: '02:00' }]);
    expect(weekIssues(lateNight, 'opening')).toEqual([]);
    expect(closesNextDay({ start: '18:00', end: '02:00' })).toBe(true);
    expect(closesNextDay({ start: '10:00', end: '18:00' })).toBe(false);
    expect(weekIssues(lateNight, 'working')).toEqual([{ day: 0, range: 0, field: 'end', message: 'errors.working_hours_order' }]);
  });

  it('refuses empty and incomplete ranges on their box', () => {
    expect(weekIssues(week([{ start: '10:00', end: '10:00' }]), 'opening')).toEqual([{ day: 0, range: 0, field: 'end', message: 'errors.hours_empty' }]);
    expect(weekIssues(week([{ start: '', end: '25:00' }]), 'opening')).toEqual([
      { day: 0, range: 0, field: 'start', message: 'errors.time_invalid' },
      { day: 0, range: 0, field: 'end', message: 'errors.time_invalid' },
    ]);
  });

  it('refuses ranges of one day that overlap, an overnight one included', () => {
    expect(
      weekIssues(
        week([
          { start: '09:00', end: '13:00' },
          { start: '12:00', end: '18:00' },
        ]),
        'opening',
      ),
    ).toEqual([{ day: 0, range: 1, field: 'start', message: 'errors.hours_overlap' }]);
    expect(
      weekIssues(
        week([
          { start: '20:00', end: '03:00' },
          { start: '22:00', end: '23:00' },
        ]),
        'opening',
      ),
    ).toEqual([{ day: 0, range: 1, field: 'start', message: 'errors.hours_overlap' }]);
    expect(
      weekIssues(
        week([
          { start: '09:00', end: '13:00' },
          { start: '13:00', end: '18:00' },
        ]),
        'working',
      ),
    ).toEqual([]);
  });
});
