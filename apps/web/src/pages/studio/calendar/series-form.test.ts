// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { defaultRepeatValues, isSkipped, readSeriesRule, seriesPlan, withChoice, type Occurrence } from './series-form.ts';

const FIRST_DAY = '2030-05-15';
const on = { ...defaultRepeatValues(FIRST_DAY), enabled: true };

describe('readSeriesRule', () => {
  it('reads "every N weeks, N times"', () => {
    expect(readSeriesRule({ ...on, everyWeeks: '2', count: ' 3 ' }, FIRST_DAY, 'Europe/Paris')).toEqual({ rule: { everyWeeks: 2, count: 3 } });
  });

  it('ends "on a date" at the last minute of that day on the studio clock', () => {
    expect(readSeriesRule({ ...on, end: 'until', untilDate: '2030-06-05' }, FIRST_DAY, 'Europe/Paris')).toEqual({
      rule: { everyWeeks: 1, until: '2030-06-05T21:59:00.000Z' },
    });
    expect(readSeriesRule({ ...on, end: 'until', untilDate: '2030-06-05' }, FIRST_DAY, 'America/New_York')).toEqual({
      rule: { everyWeeks: 1, until: '2030-06-06T03:59:00.000Z' },
    });
  });

  it('puts each problem on its box', () => {
    expect(readSeriesRule({ ...on, everyWeeks: '9', count: '1' }, FIRST_DAY, 'UTC')).toEqual({
      issues: [
        { field: 'everyWeeks', message: 'errors.repeat_every_invalid' },
        { field: 'count', message: 'errors.repeat_count_invalid' },
      ],
    });
    expect(readSeriesRule({ ...on, count: '105' }, FIRST_DAY, 'UTC')).toEqual({ issues: [{ field: 'count', message: 'errors.repeat_count_invalid' }] });
    expect(readSeriesRule({ ...on, count: '2.5' }, FIRST_DAY, 'UTC')).toEqual({ issues: [{ field: 'count', message: 'errors.repeat_count_invalid' }] });
    expect(readSeriesRule({ ...on, everyWeeks: '0' }, FIRST_DAY, 'UTC')).toEqual({ issues: [{ field: 'everyWeeks', message: 'errors.repeat_every_invalid' }] });
  });

  it('wants an end date after the first session, and ignores the box of the other ending', () => {
    expect(readSeriesRule({ ...on, end: 'until', untilDate: FIRST_DAY }, FIRST_DAY, 'UTC')).toEqual({
      issues: [{ field: 'untilDate', message: 'errors.repeat_until_invalid' }],
    });
    expect(readSeriesRule({ ...on, end: 'until', untilDate: '' }, FIRST_DAY, 'UTC')).toEqual({
      issues: [{ field: 'untilDate', message: 'errors.repeat_until_invalid' }],
    });
    expect(readSeriesRule({ ...on, end: 'until', count: 'x', untilDate: '2030-05-22' }, FIRST_DAY, 'UTC')).toEqual({
      rule: { everyWeeks: 1, until: '2030-05-22T23:59:00.000Z' },
    });
    expect(readSeriesRule({ ...on, untilDate: 'x' }, FIRST_DAY, 'UTC')).toEqual({ rule: { everyWeeks: 1, count: 4 } });
  });

  it('starts with the repeat off, weekly, four times', () => {
    expect(defaultRepeatValues(FIRST_DAY)).toEqual({ enabled: false, everyWeeks: '1', end: 'count', count: '4', untilDate: '2030-06-12' });
  });
});

const occurrences: Occurrence[] = [
  { index: 0, startsAt: '2030-05-15T08:00:00.000Z', endsAt: '2030-05-15T10:00:00.000Z', conflict: null },
  { index: 1, startsAt: '2030-05-22T08:00:00.000Z', endsAt: '2030-05-22T10:00:00.000Z', conflict: 'Live Room is taken' },
  { index: 2, startsAt: '2030-05-29T08:00:00.000Z', endsAt: '2030-05-29T10:00:00.000Z', conflict: null },
];

describe('occurrence choices', () => {
  it('skips conflicting occurrences until the person decides otherwise', () => {
    expect(occurrences.map((o) => isSkipped(o, {}))).toEqual([false, true, false]);
    expect(seriesPlan(occurrences, {})).toEqual({ skip: [1], booked: 2, unresolved: [] });
  });

  it('keeps what the person ticked or unticked', () => {
    let choices = withChoice({}, occurrences[2]!, true);
    choices = withChoice(choices, occurrences[1]!, false);
    expect(seriesPlan(occurrences, choices)).toEqual({ skip: [2], booked: 2, unresolved: [occurrences[1]] });
  });

  it('forgets choices made for other occurrences (another time or rule)', () => {
    const choices = withChoice({}, { ...occurrences[0]!, startsAt: '2030-05-15T09:00:00.000Z' }, true);
    expect(seriesPlan(occurrences, choices)).toEqual({ skip: [1], booked: 2, unresolved: [] });
  });

  it('counts nothing booked when everything is skipped', () => {
    const choices = occurrences.reduce((all, o) => withChoice(all, o, true), {});
    expect(seriesPlan(occurrences, choices)).toEqual({ skip: [0, 1, 2], booked: 0, unresolved: [] });
  });
});
