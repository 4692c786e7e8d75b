/**
 * The deadlines of a booking, computed in one place for every path that sets them (staff holds, the
 * public page, promotions from the waiting list, approvals, the demo): a hold never lasts past the
 * session's start, and a deposit is never due after the hold lapses nor after the session starts. The
 * public page, the portal, the mails and the staff views all show these stored values.
 */
import { addMinutes } from './time.ts';

export const DEFAULT_HOLD_HOURS = 48;

const earliest = (...dates: Date[]) => new Date(Math.min(...dates.map((d) => d.getTime())));

/** When a hold asked at `now` for `holdMinutes` lapses: its own length, but never after the session starts. */
export function holdExpiry(now: Date, holdMinutes: number, startsAt: Date): Date {
  return earliest(addMinutes(now, holdMinutes), startsAt);
}

export interface DeadlineInput {
  now: Date;
  startsAt: Date;
  /** The hold's length; null for a booking confirmed at once (no hold). */
  holdMinutes: number | null;
  /** Hours the client has to pay the deposit; null when no deposit is asked. */
  depositDueHours: number | null;
}

export function bookingDeadlines(input: DeadlineInput): { holdExpiresAt: Date | null; depositDueAt: Date | null } {
  const holdExpiresAt = input.holdMinutes === null ? null : holdExpiry(input.now, input.holdMinutes, input.startsAt);
  const depositDueAt =
    input.depositDueHours === null ? null : earliest(addMinutes(input.now, input.depositDueHours * 60), holdExpiresAt ?? input.startsAt, input.startsAt);
  return { holdExpiresAt, depositDueAt };
}
