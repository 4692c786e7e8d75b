import { describe, expect, it } from 'vitest';
import { applyMove, dropIndex, isNoOp } from './board-model.ts';
import type { BoardColumn } from './project-types.ts';

const card = (id: string, stage: BoardColumn['stage']) => ({
  id,
  name: id,
  type: 'single' as const,
  stage,
  clientId: null,
  clientName: null,
  dueDate: null,
  trackCount: 0,
  members: [],
});
const board: BoardColumn[] = [
  { stage: 'pre_production', total: 2, cards: [card('a', 'pre_production'), card('b', 'pre_production')] },
  { stage: 'recording', total: 1, cards: [card('c', 'recording')] },
];

describe('board moves', () => {
  it('finds the drop index from the pointer and the cards’ midpoints', () => {
    expect(dropIndex([10, 30, 50], 5)).toBe(0);
    expect(dropIndex([10, 30, 50], 31)).toBe(2);
    expect(dropIndex([10, 30, 50], 99)).toBe(3);
    expect(dropIndex([], 0)).toBe(0);
  });

  it('moves a card to another column and names the card it follows', () => {
    const moved = applyMove(board, { id: 'a', stage: 'recording', index: 1 })!;
    expect(moved.afterId).toBe('c');
    expect(moved.board.map((c) => [c.stage, c.total, c.cards.map((x) => x.id)])).toEqual([
      ['pre_production', 1, ['b']],
      ['recording', 2, ['c', 'a']],
    ]);
    expect(moved.board[1]!.cards[1]!.stage).toBe('recording');
  });

  it('moves within a column, to the top with no card before it', () => {
    const moved = applyMove(board, { id: 'b', stage: 'pre_production', index: 0 })!;
    expect(moved.afterId).toBeNull();
    expect(moved.board[0]!.cards.map((x) => x.id)).toEqual(['b', 'a']);
    expect(moved.board[0]!.total).toBe(2);
  });

  it('knows a drop in place is no move, and an unknown card is none', () => {
    expect(isNoOp(board, { id: 'b', stage: 'pre_production', index: 1 })).toBe(true);
    expect(isNoOp(board, { id: 'b', stage: 'recording', index: 0 })).toBe(false);
    expect(applyMove(board, { id: 'zz', stage: 'recording', index: 0 })).toBeNull();
  });
});
