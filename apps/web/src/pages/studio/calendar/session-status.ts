import type { SessionStatus } from '@/lib/trpc/types.ts';

/**
 * The status changes the server allows (mirrors TRANSITIONS in the booking service): the panel offers
 * exactly these as buttons. The server stays the judge; this only chooses what to show.
 */
export const NEXT_STATUSES: Record<SessionStatus, readonly SessionStatus[]> = {
  hold: ['confirmed', 'cancelled'],
  confirmed: ['in_progress', 'completed', 'no_show', 'cancelled'],
  in_progress: ['completed'],
  completed: [],
  cancelled: [],
  no_show: [],
};

/** Sessions in these states can still be moved or resized. */
export function isMovable(status: SessionStatus): boolean {
  return status === 'hold' || status === 'confirmed' || status === 'in_progress';
}
