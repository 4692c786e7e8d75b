import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asStored, MIN_GAP, placeInColumn, POSITION_STEP } from './board-positions.ts';

/** Applies a placement to a column of [id, position] and returns it in position order. */
function apply(column: [number, number][], id: number, index: number): [number, number][] {
  const placement = placeInColumn(
    column.map(([, p]) => p),
    index,
  );
  const ids = column.map(([x]) => x);
  ids.splice(index, 0, id);
  const next: [number, number][] =
    placement.kind === 'position'
      ? [...column.slice(0, index), [id, placement.position] as [number, number], ...column.slice(index)]
      : ids.map((x, i) => [x, placement.positions[i]!]);
  return next;
}

describe('placeInColumn', () => {
  it('takes the midpoint, one step past an end, or the first step in an empty column', () => {
    expect(placeInColumn([], 0)).toEqual({ kind: 'position', position: POSITION_STEP });
    expect(placeInColumn([1024, 2048], 1)).toEqual({ kind: 'position', position: 1536 });
    expect(placeInColumn([1024, 2048], 0)).toEqual({ kind: 'position', position: 0 });
    expect(placeInColumn([1024, 2048], 2)).toEqual({ kind: 'position', position: 3072 });
  });

  it('renumbers the whole column when the neighbours touch', () => {
    expect(placeInColumn([1, 1 + MIN_GAP], 1)).toEqual({ kind: 'renumber', positions: [1024, 2048, 3072] });
  });

  it('renumbers before positions drift out of float4 precision at one end', () => {
    expect(placeInColumn([-999_500], 0).kind).toBe('renumber');
  });

  it('any sequence of drops keeps every card once, in the intended order, with distinct stored positions', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 300 }), (choices) => {
        let column: [number, number][] = [];
        const intended: number[] = [];
        choices.forEach((choice, id) => {
          const index = choice % (column.length + 1);
          column = apply(column, id, index);
          intended.splice(index, 0, id);
        });
        const sorted = [...column].sort((a, b) => asStored(a[1]) - asStored(b[1]));
        expect(sorted.map(([id]) => id)).toEqual(intended);
        for (let i = 1; i < sorted.length; i++) expect(asStored(sorted[i]![1]) - asStored(sorted[i - 1]![1])).toBeGreaterThanOrEqual(MIN_GAP);
      }),
      { numRuns: 200 },
    );
  });
});
