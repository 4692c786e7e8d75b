/** Pure helpers of the review player: clock text and loudness matching. */

/** `m:ss.t` (or `h:mm:ss.t`) for a position in milliseconds: what a mix note is read against. */
export function formatPosition(ms: number, precise = true): string {
  const safe = Math.max(0, Math.round(ms));
  const h = Math.floor(safe / 3_600_000);
  const m = Math.floor((safe % 3_600_000) / 60_000);
  const s = Math.floor((safe % 60_000) / 1000);
  const tenths = Math.floor((safe % 1000) / 100);
  const tail = `${String(s).padStart(2, '0')}${precise ? `.${tenths}` : ''}`;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${tail}` : `${m}:${tail}`;
}

/**
 * Media-element volume (0..1) that plays each version at the same integrated loudness. The louder one
 * is turned down to the quieter one's level — never up, so nothing is pushed past full scale (1.0).
 * Without a measurement for either side, both play as they are.
 */
export function levelMatchedVolumes(lufsA: number | null, lufsB: number | null): { a: number; b: number } {
  if (lufsA === null || lufsB === null || !Number.isFinite(lufsA) || !Number.isFinite(lufsB)) return { a: 1, b: 1 };
  const target = Math.min(lufsA, lufsB);
  const gain = (lufs: number) => Math.min(1, Math.pow(10, (target - lufs) / 20));
  return { a: gain(lufsA), b: gain(lufsB) };
}

/** The gain in dB a volume stands for, for the label next to the toggle ("−3.2 dB"). */
export const volumeToDb = (volume: number) => (volume <= 0 ? -Infinity : 20 * Math.log10(volume));
