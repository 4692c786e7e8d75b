/**
 * The board's data and its moves: a move shows at once (optimistic), is sent with the card it now
 * follows, and is rolled back with a message when the server refuses it. Moves are sent one after another in the
 * order they were made (a move placed after a card the previous move placed must reach the server after it), and
 * the board is read again once the last is answered.
 */
import { useCallback, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useToast } from '@/components/ui/toast.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { InTurn } from '@/lib/in-turn.ts';
import { applyMove, isNoOp, type BoardMove } from './board-model.ts';
import { projectErrorMessage } from './project-errors.ts';
import type { BoardColumn } from './project-types.ts';

export function useProjectBoard() {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const boardKey = trpc.projects.board.queryKey();
  const board = useQuery(trpc.projects.board.queryOptions());
  const move = useMutation(trpc.projects.move.mutationOptions());
  const moves = useState(() => new InTurn())[0];

  const moveCard = useCallback(
    async (request: BoardMove) => {
      const current = queryClient.getQueryData<BoardColumn[]>(boardKey);
      if (!current || isNoOp(current, request)) return;
      const moved = applyMove(current, request);
      if (!moved) return;
      await queryClient.cancelQueries({ queryKey: boardKey });
      queryClient.setQueryData(boardKey, moved.board);
      try {
        await moves.run(() => move.mutateAsync({ id: request.id, stage: request.stage, afterId: moved.afterId }));
      } catch (error) {
        queryClient.setQueryData(boardKey, current);
        toast(projectErrorMessage(t, error), 'error');
      } finally {
        if (!moves.busy) await queryClient.invalidateQueries({ queryKey: trpc.projects.pathKey() });
      }
    },
    [boardKey, move, moves, queryClient, t, toast, trpc.projects],
  );

  return { board, moveCard };
}
