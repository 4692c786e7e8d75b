/** Session statuses as the booking engine sees them: which block the calendar, which may follow which. */
import type { tenant } from '@rsm/db';
import { SESSION_TRANSITIONS } from '@rsm/shared/booking-schemas';

export type SessionStatus = (typeof tenant.sessionStatusEnum.enumValues)[number];

/** Statuses whose resources block the calendar (a hold blocks unless it is queued behind another). */
export const BLOCKING: readonly SessionStatus[] = ['hold', 'confirmed', 'in_progress', 'completed', 'no_show'];

export const TRANSITIONS = SESSION_TRANSITIONS;
