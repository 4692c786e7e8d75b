/**
 * The booking form: what a person types (a date and a time in the STUDIO's zone, a client picked in
 * a list, hold hours as text) turned into the shared createSessionInput, whose rules and messages
 * are the API's own.
 */
import { z } from 'zod';
import { createSessionInput, updateSessionInput, type CreateSessionFormInput } from '@rsm/shared/booking-schemas';
import { wallClock } from '@rsm/shared/zoned-time';
import { isDayKey, instantAt, minutesToTime, timeToMinutes } from './dates.ts';

export const NO_CLIENT = 'none';
export const DEFAULT_HOLD_HOURS = 48;

export interface TimeFields {
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
}

/** The instants a person means by the four date and time boxes, read in the studio's zone. */
export function readTimes(values: TimeFields, timeZone: string): { startsAt: Date; endsAt: Date } | null {
  const start = timeToMinutes(values.startTime);
  const end = timeToMinutes(values.endTime);
  if (!isDayKey(values.startDate) || !isDayKey(values.endDate) || start === null || end === null) return null;
  return { startsAt: instantAt(values.startDate, start, timeZone), endsAt: instantAt(values.endDate, end, timeZone) };
}

/** The boxes' text for two instants, on the studio's clock. */
export function timeFieldsOf(startsAt: Date, endsAt: Date, timeZone: string): TimeFields {
  const text = (instant: Date) => {
    const wall = wallClock(instant, timeZone);
    return {
      date: `${String(wall.year).padStart(4, '0')}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`,
      time: minutesToTime(wall.hour * 60 + wall.minute),
    };
  };
  const start = text(startsAt);
  const end = text(endsAt);
  return { startDate: start.date, startTime: start.time, endDate: end.date, endTime: end.time };
}

/** Adds the date/time issues on the boxes themselves; returns the instants when they are valid. */
export function checkTimes(values: TimeFields, timeZone: string, ctx: z.RefinementCtx): { startsAt: Date; endsAt: Date } | null {
  for (const [field, valid] of [
    ['startDate', isDayKey(values.startDate)],
    ['startTime', timeToMinutes(values.startTime) !== null],
    ['endDate', isDayKey(values.endDate)],
    ['endTime', timeToMinutes(values.endTime) !== null],
  ] as const) {
    if (!valid) ctx.addIssue({ code: 'custom', path: [field], message: 'errors.datetime_invalid' });
  }
  const times = readTimes(values, timeZone);
  if (!times) return null;
  if (times.endsAt <= times.startsAt) {
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'errors.end_before_start' });
    return null;
  }
  return times;
}

const timeFieldsShape = { startDate: z.string(), startTime: z.string(), endDate: z.string(), endTime: z.string() };

export function sessionFormSchema(timeZone: string) {
  return z
    .object({
      title: z.string(),
      roomId: z.string().min(1, 'errors.required'),
      ...timeFieldsShape,
      engineerIds: z.array(z.string()),
      gearIds: z.array(z.string()),
      clientId: z.string(),
      status: z.enum(['confirmed', 'hold']),
      holdHours: z.string(),
      queueBehindHolds: z.boolean(),
      notes: z.string(),
    })
    .transform((values, ctx): CreateSessionFormInput => {
      const times = checkTimes(values, timeZone, ctx);
      let holdHours: number | undefined;
      if (values.status === 'hold') {
        holdHours = /^\d{1,3}$/.test(values.holdHours.trim()) ? Number(values.holdHours.trim()) : NaN;
        if (!(holdHours >= 1 && holdHours <= 720)) ctx.addIssue({ code: 'custom', path: ['holdHours'], message: 'errors.hold_hours_invalid' });
      }
      if (!times) return z.NEVER;
      return {
        title: values.title,
        roomId: values.roomId,
        startsAt: times.startsAt.toISOString(),
        endsAt: times.endsAt.toISOString(),
        engineerIds: values.engineerIds,
        gearIds: values.gearIds,
        clientId: values.clientId === NO_CLIENT ? null : values.clientId,
        status: values.status,
        ...(values.status === 'hold' ? { holdHours, queueBehindHolds: values.queueBehindHolds } : {}),
        notes: values.notes,
      };
    })
    .pipe(createSessionInput);
}

export type SessionFormValues = z.input<ReturnType<typeof sessionFormSchema>>;

export const SESSION_FORM_FIELDS = [
  'title',
  'roomId',
  'startDate',
  'startTime',
  'endDate',
  'endTime',
  'engineerIds',
  'gearIds',
  'clientId',
  'status',
  'holdHours',
  'notes',
] as const;
/** Server field names that differ from the form's. */
export const SESSION_FIELD_RENAME = { startsAt: 'startTime', endsAt: 'endTime' } as const;

/** Moving a session from the panel: only the times (and room) change. */
export function moveFormSchema(timeZone: string) {
  return z.object({ roomId: z.string().min(1, 'errors.required'), ...timeFieldsShape }).transform((values, ctx) => {
    const times = checkTimes(values, timeZone, ctx);
    if (!times) return z.NEVER;
    return { roomId: values.roomId, startsAt: times.startsAt.toISOString(), endsAt: times.endsAt.toISOString() };
  });
}

/** Editing what a session is and what it books (not when or where: that is a move). */
const sessionDetailsInput = updateSessionInput.omit({ id: true });
export const detailsFormSchema = z
  .object({ title: z.string(), notes: z.string(), clientId: z.string(), engineerIds: z.array(z.string()), gearIds: z.array(z.string()) })
  .transform((values): z.input<typeof sessionDetailsInput> => ({ ...values, clientId: values.clientId === NO_CLIENT ? null : values.clientId }))
  .pipe(sessionDetailsInput);

export const DETAILS_FORM_FIELDS = ['title', 'notes', 'clientId', 'engineerIds', 'gearIds'] as const;
