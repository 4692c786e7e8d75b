import { SESSION_TRANSITIONS } from '@rsm/shared/booking-schemas';
import type { SessionStatus } from '@/lib/trpc/types.ts';

/** The status changes the server allows (shared with it): the panel offers exactly these as buttons. */
export const NEXT_STATUSES: Record<SessionStatus, readonly SessionStatus[]> = SESSION_TRANSITIONS;

/** Sessions in these states can still be moved or resized. */
export function isMovable(status: SessionStatus): boolean {
  return status === 'hold' || status === 'confirmed' || status === 'in_progress';
}
