// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { detailsFormSchema, moveFormSchema, sessionFormSchema, timeFieldsOf } from './session-form.ts';

const ROOM = '7f1c1c9e-2b7c-4c55-9a55-1f0b7d1f6a11';
const base = {
  title: '  Tracking  ',
  roomId: ROOM,
  startDate: '2027-03-28',
  startTime: '10:00',
  endDate: '2027-03-28',
  endTime: '12:00',
  engineerIds: [],
  gearIds: [],
  clientId: 'none',
  status: 'confirmed' as const,
  holdHours: '48',
  queueBehindHolds: false,
  notes: '',
};

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return (result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]);
}

describe('sessionFormSchema', () => {
  it('reads the boxes on the studio clock, whatever the machine zone (Paris, spring-forward day)', () => {
    const input = sessionFormSchema('Europe/Paris').parse(base);
    expect(input).toMatchObject({
      title: 'Tracking',
      roomId: ROOM,
      startsAt: '2027-03-28T08:00:00.000Z',
      endsAt: '2027-03-28T10:00:00.000Z',
      clientId: null,
      status: 'confirmed',
    });
    expect(input).not.toHaveProperty('holdHours');
    expect(sessionFormSchema('America/New_York').parse(base).startsAt).toBe('2027-03-28T14:00:00.000Z');
  });

  it('sends hold hours and the queue choice only for a hold', () => {
    expect(sessionFormSchema('UTC').parse({ ...base, status: 'hold', holdHours: '24', queueBehindHolds: true })).toMatchObject({
      status: 'hold',
      holdHours: 24,
      queueBehindHolds: true,
    });
    expect(issues(sessionFormSchema('UTC').safeParse({ ...base, status: 'hold', holdHours: '0' }))).toEqual([['holdHours', 'errors.hold_hours_invalid']]);
  });

  it('puts date and order problems on the boxes themselves', () => {
    expect(issues(sessionFormSchema('UTC').safeParse({ ...base, endTime: '09:00' }))).toEqual([['endTime', 'errors.end_before_start']]);
    expect(issues(sessionFormSchema('UTC').safeParse({ ...base, startTime: '' }))).toEqual([['startTime', 'errors.datetime_invalid']]);
    expect(
      issues(sessionFormSchema('UTC').safeParse({ ...base, title: ' ', roomId: '' }))
        .map(([path]) => path)
        .sort(),
    ).toEqual(['roomId']);
  });

  it('applies the shared title rule after the times', () => {
    expect(issues(sessionFormSchema('UTC').safeParse({ ...base, title: '   ' }))).toEqual([['title', 'errors.required']]);
  });
});

describe('timeFieldsOf and moveFormSchema', () => {
  it('round-trips instants through the boxes in the studio zone, across midnight', () => {
    const fields = timeFieldsOf(new Date('2027-10-30T20:00:00Z'), new Date('2027-10-31T01:30:00Z'), 'Europe/Paris');
    expect(fields).toEqual({ startDate: '2027-10-30', startTime: '22:00', endDate: '2027-10-31', endTime: '02:30' });
    // 02:30 happens twice that night in Paris: the earlier one is meant.
    expect(moveFormSchema('Europe/Paris').parse({ roomId: ROOM, ...fields })).toEqual({
      roomId: ROOM,
      startsAt: '2027-10-30T20:00:00.000Z',
      endsAt: '2027-10-31T00:30:00.000Z',
    });
  });
});

describe('detailsFormSchema', () => {
  const ENGINEER = '0b5a1f4e-8a8d-4a57-b0a4-2f6f2ad7c001';
  it('sends the shared update shape, "no client" as null', () => {
    expect(detailsFormSchema.parse({ title: ' Mix ', notes: ' late ', clientId: 'none', engineerIds: [ENGINEER], gearIds: [] })).toEqual({
      title: 'Mix',
      notes: 'late',
      clientId: null,
      engineerIds: [ENGINEER],
      gearIds: [],
    });
    expect(detailsFormSchema.parse({ title: 'Mix', notes: '', clientId: ROOM, engineerIds: [], gearIds: [] }).clientId).toBe(ROOM);
  });

  it('keeps the shared rules and messages', () => {
    expect(issues(detailsFormSchema.safeParse({ title: '  ', notes: '', clientId: 'none', engineerIds: [], gearIds: [] }))).toEqual([
      ['title', 'errors.required'],
    ]);
  });
});
