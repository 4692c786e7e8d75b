// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { WHOLE_STUDIO, datedRangeFormSchema, defaultDatedRange } from './dated-range.ts';

const ROOM = '7f1c1c9e-2b7c-4c55-9a55-1f0b7d1f6a11';

describe('datedRangeFormSchema', () => {
  it('reads the dates on the studio clock, across a DST change', () => {
    const values = { place: WHOLE_STUDIO, startDate: '2030-03-30', startTime: '00:00', endDate: '2030-04-01', endTime: '00:00', reason: ' Holidays ' };
    expect(datedRangeFormSchema('Europe/Paris').parse(values)).toEqual({
      roomId: null,
      startsAt: '2030-03-29T23:00:00.000Z',
      endsAt: '2030-03-31T22:00:00.000Z',
      reason: 'Holidays',
    });
  });

  it('closes one room when a room is chosen', () => {
    const values = { place: ROOM, startDate: '2030-07-01', startTime: '09:00', endDate: '2030-07-01', endTime: '18:00', reason: '' };
    expect(datedRangeFormSchema('UTC').parse(values)).toMatchObject({ roomId: ROOM, startsAt: '2030-07-01T09:00:00.000Z' });
  });

  it('puts order and length problems on the boxes', () => {
    const issuesOf = (values: Record<string, string>) =>
      datedRangeFormSchema('UTC')
        .safeParse(values)
        .error?.issues.map((issue) => [issue.path.join('.'), issue.message]);
    const values = { place: WHOLE_STUDIO, startDate: '2030-07-02', startTime: '09:00', endDate: '2030-07-01', endTime: '18:00', reason: '' };
    expect(issuesOf(values)).toEqual([['endTime', 'errors.end_before_start']]);
    expect(issuesOf({ ...values, endDate: '2030-07-02', reason: 'x'.repeat(201) })).toEqual([['reason', 'errors.too_long']]);
    expect(issuesOf({ ...values, startDate: '' })).toEqual([['startDate', 'errors.datetime_invalid']]);
  });

  it('proposes tomorrow, all day, in the studio zone', () => {
    // 23:30 UTC on 1 July is already 2 July in Paris.
    expect(defaultDatedRange(new Date('2030-07-01T23:30:00Z'), 'Europe/Paris')).toEqual({
      place: WHOLE_STUDIO,
      startDate: '2030-07-03',
      startTime: '00:00',
      endDate: '2030-07-04',
      endTime: '00:00',
      reason: '',
    });
  });
});
