import { useCallback, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CalendarSession } from '@/lib/trpc/types.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { bookingErrorMessage } from './booking-errors.ts';
import { sessionsListInput } from './calendar-query.ts';

/** One list query for the whole range shown (never one per block); rooms, engineers, gear and clients in one call. */
export function useCalendarData(range: { from: Date; to: Date }, includeCancelled: boolean) {
  const trpc = useStudioTRPC();
  const input = sessionsListInput(range, includeCancelled);
  const resources = useQuery(trpc.booking.all.queryOptions());
  // The previous range stays on screen while the next one loads: no flash when paging.
  const sessions = useQuery(trpc.sessions.list.queryOptions(input, { placeholderData: keepPreviousData }));
  return { resources, sessions, listKey: trpc.sessions.list.queryKey(input) };
}

export interface MoveRequest {
  id: string;
  startsAt: string;
  endsAt: string;
  roomId?: string | undefined;
  /** The version shown: the server refuses the move if the session changed meanwhile (the list then reloads). */
  version?: number | undefined;
}

/**
 * Move or resize with an optimistic update: the block jumps to its new place at once, goes back if
 * the server refuses, and the refusal is handed to `onRefused` (shown where the block is).
 */
export function useMoveSession(listKey: readonly unknown[], onRefused: (sessionId: string, message: string) => void) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const [pendingIds, setPendingIds] = useState<ReadonlySet<string>>(() => new Set());
  const setPending = useCallback((id: string, pending: boolean) => {
    setPendingIds((previous) => {
      const next = new Set(previous);
      if (pending) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  const mutation = useMutation(
    trpc.sessions.move.mutationOptions({
      onMutate: async (request) => {
        setPending(request.id, true);
        await queryClient.cancelQueries({ queryKey: listKey });
        const previous = queryClient.getQueryData<CalendarSession[]>(listKey);
        queryClient.setQueryData<CalendarSession[]>(listKey, (sessions) =>
          sessions?.map((session) =>
            session.id === request.id ? { ...session, startsAt: request.startsAt, endsAt: request.endsAt, roomId: request.roomId ?? session.roomId } : session,
          ),
        );
        return { previous };
      },
      onError: (error, request, context) => {
        if (context?.previous) queryClient.setQueryData(listKey, context.previous);
        onRefused(request.id, bookingErrorMessage(t, error));
      },
      onSuccess: (saved) => {
        queryClient.setQueryData<CalendarSession[]>(listKey, (sessions) => sessions?.map((session) => (session.id === saved.id ? saved : session)));
      },
      onSettled: async (_data, _error, request) => {
        setPending(request.id, false);
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.sessions.list.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.sessions.get.queryKey({ id: request.id }) }),
        ]);
      },
    }),
  );
  const move: (request: MoveRequest) => void = mutation.mutate;
  return { move, pendingIds };
}
