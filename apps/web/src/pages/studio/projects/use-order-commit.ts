/**
 * What happens when the user drops a row of an ordered list (tracks, credits) in a new place: the list shows the new
 * order at once, the order is saved — one save after another, in the order the moves were made (InTurn), so quick
 * moves never reach the server out of order — a refused save puts the list back with a message, and the list is
 * read again once the last save is answered (not between two saves, which would show an order about to change).
 */
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import { InTurn } from '@/lib/in-turn.ts';

export function useOrderCommit<T extends { id: string }>(options: {
  listKey: QueryKey;
  save: (ids: string[]) => Promise<unknown>;
  refresh: () => Promise<unknown>;
  onError: (error: unknown) => void;
  /** The rows as shown in their new order (tracks are renumbered). */
  arrange?: (rows: T[]) => T[];
}) {
  const queryClient = useQueryClient();
  const saves = useState(() => new InTurn())[0];
  return async (ids: string[]) => {
    const { listKey, save, refresh, onError, arrange = (rows) => rows } = options;
    const before = queryClient.getQueryData<T[]>(listKey);
    if (before) {
      const byId = new Map(before.map((row) => [row.id, row]));
      queryClient.setQueryData(listKey, arrange(ids.map((id) => byId.get(id)!)));
    }
    try {
      await saves.run(() => save(ids));
    } catch (error) {
      if (before) queryClient.setQueryData(listKey, before);
      onError(error);
    } finally {
      if (!saves.busy) await refresh();
    }
  };
}
