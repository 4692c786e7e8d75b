/**
 * The board's pure moves: where a dragged card lands, the board after the move (for the optimistic
 * update) and the neighbour the server needs (`afterId`: the card above, null at the top).
 */
import type { BoardColumn } from './project-types.ts';

/** Index among the cards (the dragged one excluded) whose vertical midpoints are `midpoints`. */
export function dropIndex(midpoints: readonly number[], pointerY: number): number {
  const index = midpoints.findIndex((mid) => pointerY < mid);
  return index === -1 ? midpoints.length : index;
}

export interface BoardMove {
  id: string;
  stage: BoardColumn['stage'];
  /** Position among the target column's other cards. */
  index: number;
}

/** The board with the card moved, and the card it now follows (null: first in its column). */
export function applyMove(board: readonly BoardColumn[], move: BoardMove): { board: BoardColumn[]; afterId: string | null } | null {
  const source = board.find((column) => column.cards.some((card) => card.id === move.id));
  const card = source?.cards.find((c) => c.id === move.id);
  if (!source || !card) return null;
  let afterId: string | null = null;
  const next = board.map((column) => {
    let cards = column.cards.filter((c) => c.id !== move.id);
    let total = column.total - (column === source ? 1 : 0);
    if (column.stage === move.stage) {
      const index = Math.max(0, Math.min(move.index, cards.length));
      afterId = index > 0 ? cards[index - 1]!.id : null;
      cards = [...cards.slice(0, index), { ...card, stage: move.stage }, ...cards.slice(index)];
      total += 1;
    }
    return { ...column, cards, total };
  });
  return { board: next, afterId };
}

/** Whether a move changes anything (same column, same place: no request). */
export function isNoOp(board: readonly BoardColumn[], move: BoardMove): boolean {
  const column = board.find((c) => c.stage === move.stage);
  const current = column?.cards.findIndex((c) => c.id === move.id) ?? -1;
  return current !== -1 && current === move.index;
}
