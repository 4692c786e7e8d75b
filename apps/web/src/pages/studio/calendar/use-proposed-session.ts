import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { BookingRoom } from '@/lib/trpc/types.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { dayStart, instantAt, minutesFromDay, type DayKey } from './dates.ts';
import type { SessionDraft } from './grid-view.tsx';

/**
 * What "New session" (button or N) proposes: the room's next free slot from the day shown (from now, on
 * today), asked of the server's availability — opening hours, closures, buffers, other bookings. When
 * there is none in the next two weeks (a studio without hours, a full room) or it cannot be asked: the
 * next whole hour today, else 10:00 on the day shown.
 */
export function useProposedSession(room: BookingRoom | undefined, date: DayKey, today: DayKey, timeZone: string) {
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  return useCallback(async (): Promise<SessionDraft> => {
    const length = Math.max(60, room?.minDurationMinutes ?? 60);
    if (room) {
      const slot = await queryClient
        .fetchQuery(trpc.sessions.nextSlot.queryOptions({ roomId: room.id, from: dayStart(date, timeZone).toISOString() }, { staleTime: 0 }))
        .catch(() => null);
      if (slot) return { roomId: room.id, engineerIds: [], startsAt: new Date(slot.startsAt), endsAt: new Date(slot.endsAt) };
    }
    const startMin = date === today ? Math.min(23 * 60, Math.ceil((minutesFromDay(today, new Date(), timeZone) + 1) / 60) * 60) : 10 * 60;
    return { roomId: room?.id, engineerIds: [], startsAt: instantAt(date, startMin, timeZone), endsAt: instantAt(date, startMin + length, timeZone) };
  }, [room, date, today, timeZone, queryClient, trpc]);
}
