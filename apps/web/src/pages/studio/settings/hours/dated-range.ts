/**
 * A dated range with a reason — a closure of the studio or of a room, an engineer's time off — typed
 * as dates and times on the studio's clock, sent as instants.
 */
import { z } from 'zod';
import { checkTimes } from '../../calendar/session-form.ts';
import { addDays, dayKeyOf } from '../../calendar/dates.ts';

/** The place of a closure when it is the whole studio (a room's closure carries the room's id). */
export const WHOLE_STUDIO = 'studio';

export function datedRangeFormSchema(timeZone: string) {
  return z
    .object({
      place: z.string(),
      startDate: z.string(),
      startTime: z.string(),
      endDate: z.string(),
      endTime: z.string(),
      reason: z.string().trim().max(200, 'errors.too_long'),
    })
    .transform((values, ctx) => {
      const times = checkTimes(values, timeZone, ctx);
      if (!times) return z.NEVER;
      return {
        roomId: values.place === WHOLE_STUDIO ? null : values.place,
        startsAt: times.startsAt.toISOString(),
        endsAt: times.endsAt.toISOString(),
        reason: values.reason,
      };
    });
}

export type DatedRangeFormValues = z.input<ReturnType<typeof datedRangeFormSchema>>;

/** Tomorrow, all day, on the studio's clock. */
export function defaultDatedRange(now: Date, timeZone: string): DatedRangeFormValues {
  const tomorrow = addDays(dayKeyOf(now, timeZone), 1);
  return { place: WHOLE_STUDIO, startDate: tomorrow, startTime: '00:00', endDate: addDays(tomorrow, 1), endTime: '00:00', reason: '' };
}

export const DATED_RANGE_FIELDS = ['place', 'startDate', 'startTime', 'endDate', 'endTime', 'reason'] as const;
export const DATED_RANGE_RENAME = { startsAt: 'startTime', endsAt: 'endTime', roomId: 'place' } as const;
