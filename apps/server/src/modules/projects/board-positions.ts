/**
 * Where a Kanban card goes in its column. Positions are PostgreSQL `real` (float4): a drop between two
 * cards takes the midpoint, so one row is written. Halving eventually runs out of float4 precision (or
 * positions drift far from zero after many drops at one end); then the whole column is renumbered in
 * even steps, the moved card included. Pure: the board service runs it under the board lock.
 */

/** Gap between renumbered cards; a power of two so halving stays exact for a while. */
export const POSITION_STEP = 1024;
/** Below this gap two neighbours are considered touching (float4 has ~7 significant digits). */
export const MIN_GAP = 1 / 64;
/** Keep positions where float4 still separates MIN_GAP-sized gaps with room to spare. */
export const MAX_ABS_POSITION = 1_000_000;

export type Placement = { kind: 'position'; position: number } | { kind: 'renumber'; positions: number[] };

/** Values read back from a float4 column, as float4: so comparisons match what is stored. */
export const asStored = (value: number): number => Math.fround(value);

/** Even positions for a column of `count` cards. */
export function evenPositions(count: number): number[] {
  return Array.from({ length: count }, (_, i) => (i + 1) * POSITION_STEP);
}

/**
 * Position for a card inserted at `index` (0 = top) of a column whose other cards have the ascending
 * `positions`. Returns either one position strictly between its neighbours, or — when none fits —
 * positions for the whole column after insertion (`count + 1` values, the new card at `index`).
 */
export function placeInColumn(positions: readonly number[], index: number): Placement {
  const at = Math.max(0, Math.min(index, positions.length));
  const prev = at > 0 ? asStored(positions[at - 1]!) : undefined;
  const next = at < positions.length ? asStored(positions[at]!) : undefined;
  let candidate: number;
  if (prev === undefined && next === undefined) candidate = POSITION_STEP;
  else if (prev === undefined) candidate = next! - POSITION_STEP;
  else if (next === undefined) candidate = prev + POSITION_STEP;
  else candidate = next - prev < 2 * MIN_GAP ? Number.NaN : (prev + next) / 2;
  const stored = asStored(candidate);
  const fits =
    Number.isFinite(stored) &&
    Math.abs(stored) <= MAX_ABS_POSITION &&
    (prev === undefined || stored - prev >= MIN_GAP) &&
    (next === undefined || next - stored >= MIN_GAP);
  if (fits) return { kind: 'position', position: stored };
  return { kind: 'renumber', positions: evenPositions(positions.length + 1) };
}
