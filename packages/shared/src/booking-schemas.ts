/** Booking inputs shared by the API and the calendar forms. Instants travel as ISO 8601 strings with an offset. */
import { z } from 'zod';
import { text, multilineText } from './text.ts';
import { centsSchema } from './schemas.ts';

const uuid = z.string().uuid();
export const instantSchema = z.string().datetime({ offset: true, message: 'errors.datetime_invalid' });

export const SESSION_STATUSES = ['hold', 'confirmed', 'in_progress', 'completed', 'cancelled', 'no_show'] as const;
export type SessionStatusValue = (typeof SESSION_STATUSES)[number];

/** The status changes a session may go through: the server enforces them, the calendar offers exactly these. */
export const SESSION_TRANSITIONS: Record<SessionStatusValue, readonly SessionStatusValue[]> = {
  hold: ['confirmed', 'cancelled'],
  confirmed: ['in_progress', 'completed', 'no_show', 'cancelled'],
  in_progress: ['completed'],
  completed: [],
  cancelled: [],
  no_show: [],
};

const times = { startsAt: instantSchema, endsAt: instantSchema };
const ordered = (v: { startsAt: string; endsAt: string }) => Date.parse(v.endsAt) > Date.parse(v.startsAt);
const orderMessage = { message: 'errors.end_before_start', path: ['endsAt'] };

const sessionResourcesShape = {
  roomId: uuid,
  ...times,
  engineerIds: z.array(uuid).max(10).default([]),
  gearIds: z.array(uuid).max(30).default([]),
  clientId: uuid.nullable().optional(),
};

export const quoteSessionInput = z.object(sessionResourcesShape).refine(ordered, orderMessage);

export const createSessionInput = z
  .object({
    ...sessionResourcesShape,
    title: text().min(1, 'errors.required').max(200, 'errors.too_long'),
    notes: multilineText().max(5000, 'errors.too_long').default(''),
    status: z.enum(['hold', 'confirmed']).default('confirmed'),
    holdHours: z.number().int().min(1).max(720).optional(),
    queueBehindHolds: z.boolean().default(false),
  })
  .refine(ordered, orderMessage);
export type CreateSessionFormInput = z.input<typeof createSessionInput>;

/** The session's version as the user saw it (optimistic concurrency): the server refuses a move or edit of a session changed meanwhile. */
const versionField = { version: z.number().int().min(1).optional() };
export const moveSessionInput = z.object({ id: uuid, ...times, roomId: uuid.optional(), ...versionField }).refine(ordered, orderMessage);
export const changeSessionStatusInput = z.object({ id: uuid, status: z.enum(SESSION_STATUSES), note: multilineText().max(1000).default('') });

const MAX_RANGE_DAYS = 62;
export const listSessionsInput = z
  .object({ from: instantSchema, to: instantSchema, roomIds: z.array(uuid).max(100).optional(), includeCancelled: z.boolean().default(false) })
  .refine((v) => Date.parse(v.to) > Date.parse(v.from) && Date.parse(v.to) - Date.parse(v.from) <= MAX_RANGE_DAYS * 86_400_000, {
    message: 'errors.range_invalid',
    path: ['to'],
  });

export const roomRulesInput = z.object({
  id: uuid,
  halfDayRateCents: centsSchema.nullable(),
  dayRateCents: centsSchema.nullable(),
  hourlyRateWithEngineerCents: centsSchema.nullable(),
  setupBufferMinutes: z.number().int().min(0).max(240),
  teardownBufferMinutes: z.number().int().min(0).max(240),
  minDurationMinutes: z.number().int().min(15).max(1440),
  incrementMinutes: z.union([z.literal(5), z.literal(10), z.literal(15), z.literal(30), z.literal(60)]),
  overtimeBlockMinutes: z.number().int().min(5).max(240),
  linkedRoomIds: z.array(uuid).max(20).default([]),
});

export const engineerInput = z.object({
  name: text().min(1, 'errors.required').max(120, 'errors.too_long'),
  email: z.union([z.literal(''), z.string().trim().toLowerCase().email('errors.email_invalid')]).default(''),
  bookable: z.boolean().default(true),
  hourlyRateCents: centsSchema.default(0),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'errors.color_invalid')
    .default('#0ea5e9'),
});
export const gearInput = z.object({
  name: text().min(1, 'errors.required').max(120, 'errors.too_long'),
  category: text().max(80, 'errors.too_long').default(''),
  serialNumber: text().max(120, 'errors.too_long').default(''),
  bookable: z.boolean().default(true),
  status: z.enum(['available', 'maintenance', 'retired']).default('available'),
  dailyRateCents: centsSchema.default(0),
});
export const clientInput = z.object({
  name: text().min(1, 'errors.required').max(200, 'errors.too_long'),
  email: z.union([z.literal(''), z.string().trim().toLowerCase().email('errors.email_invalid')]).default(''),
  phone: text().max(40, 'errors.too_long').default(''),
});

export const seriesRuleSchema = z
  .object({ everyWeeks: z.number().int().min(1).max(8).default(1), count: z.number().int().min(1).max(104).optional(), until: instantSchema.optional() })
  .refine((v) => v.count !== undefined || v.until !== undefined, { message: 'errors.series_needs_end', path: ['count'] });

const baseSessionFields = {
  ...sessionResourcesShape,
  title: text().min(1, 'errors.required').max(200, 'errors.too_long'),
  notes: multilineText().max(5000, 'errors.too_long').default(''),
  status: z.enum(['hold', 'confirmed']).default('confirmed'),
  holdHours: z.number().int().min(1).max(720).optional(),
};
export const checkSeriesInput = z.object({ first: z.object(baseSessionFields).refine(ordered, orderMessage), rule: seriesRuleSchema });
export const createSeriesInput = checkSeriesInput.extend({ skip: z.array(z.number().int().min(0).max(103)).max(104).default([]) });

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'errors.time_invalid');
const weekday = z.number().int().min(1).max(7);
export const setOpeningHoursInput = z.object({
  roomId: uuid.nullable(),
  hours: z
    .array(
      z
        .object({ weekday, opensAt: timeOfDay, closesAt: timeOfDay })
        .refine((h) => h.opensAt !== h.closesAt, { message: 'errors.hours_empty', path: ['closesAt'] }),
    )
    .max(21),
});
export const closureInput = z
  .object({ roomId: uuid.nullable(), startsAt: instantSchema, endsAt: instantSchema, reason: text().max(200, 'errors.too_long').default('') })
  .refine(ordered, orderMessage);
export const setEngineerHoursInput = z.object({
  engineerId: uuid,
  hours: z
    .array(
      z
        .object({ weekday, startsAt: timeOfDay, endsAt: timeOfDay })
        .refine((h) => h.endsAt > h.startsAt, { message: 'errors.end_before_start', path: ['endsAt'] }),
    )
    .max(21),
});
export const timeOffInput = z
  .object({ engineerId: uuid, startsAt: instantSchema, endsAt: instantSchema, reason: text().max(200, 'errors.too_long').default('') })
  .refine(ordered, orderMessage);
export const updateSessionInput = z.object({
  id: uuid,
  title: text().min(1, 'errors.required').max(200, 'errors.too_long'),
  notes: multilineText().max(5000, 'errors.too_long').default(''),
  clientId: uuid.nullable(),
  engineerIds: z.array(uuid).max(10).default([]),
  gearIds: z.array(uuid).max(30).default([]),
  ...versionField,
});
