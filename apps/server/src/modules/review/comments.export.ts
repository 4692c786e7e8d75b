/**
 * A version's comments as marker files a DAW imports. Pure functions over plain threads, so the exact
 * text is unit-tested.
 *
 * - CSV (RFC 4180, CRLF): `Time,End,Author,Text,Status`, one row per thread, times `h:mm:ss.mmm`,
 *   replies appended to the text on their own lines. Cells that a spreadsheet would run as a formula
 *   (starting with = + - @ or a tab / carriage return) are prefixed with `'` (OWASP CSV injection).
 * - Audacity labels (File › Import › Labels): one line per label, `start<TAB>end<TAB>label`, seconds
 *   with 6 decimals; a point label has start = end. Tabs / line breaks in the label become spaces.
 * - REAPER (View › Region/Marker Manager › right-click › Import): the CSV the manager itself exports,
 *   header `#,Name,Start,End,Length`; markers are numbered `M1, M2…` with Start only (End and Length
 *   empty), regions `R1, R2…` with Start, End and Length. Times are written `m:ss.mmm` (or
 *   `h:mm:ss.mmm` past an hour) — the Minutes:Seconds form, which REAPER parses as time whatever the
 *   project's ruler (a bare `12.5` would be read as measures.beats in a Measures ruler).
 */
import type { CommentThread } from './comments.service.ts';

export interface ExportFile {
  filename: string;
  mimeType: string;
  content: string;
}

const oneLine = (s: string) => s.replace(/[\t\r\n]+/g, ' ').trim();
const markerName = (t: CommentThread) => oneLine(`${t.author.name}: ${t.body}`);

function clock(ms: number, alwaysHours: boolean): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const milli = ms % 1000;
  const tail = `${String(s).padStart(2, '0')}.${String(milli).padStart(3, '0')}`;
  if (h > 0 || alwaysHours) return `${h}:${String(m).padStart(2, '0')}:${tail}`;
  return `${m}:${tail}`;
}

/** `h:mm:ss.mmm`, always with hours (sorts and reads the same in a spreadsheet). */
export const formatClock = (ms: number) => clock(ms, true);
/** REAPER's Minutes:Seconds: `m:ss.mmm`, `h:mm:ss.mmm` past an hour. */
export const formatReaperTime = (ms: number) => clock(ms, false);
/** Seconds with 6 decimals, from integer milliseconds (exact: no float rounding). */
export const formatSeconds6 = (ms: number) => `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}000`;

function csvCell(value: string, guardFormula: boolean): string {
  const safe = guardFormula && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
const csvRow = (cells: string[], guard = true) => cells.map((c) => csvCell(c, guard)).join(',');

export function commentsCsv(threads: CommentThread[]): string {
  const rows = [csvRow(['Time', 'End', 'Author', 'Text', 'Status'], false)];
  for (const t of threads) {
    const text = [t.body, ...t.replies.map((r) => `${r.author.name}: ${r.body}`)].join('\n');
    rows.push(csvRow([formatClock(t.atMs), t.endMs === null ? '' : formatClock(t.endMs), t.author.name, text, t.resolvedAt ? 'resolved' : 'open']));
  }
  return rows.join('\r\n') + '\r\n';
}

export function audacityLabels(threads: CommentThread[]): string {
  return threads.map((t) => `${formatSeconds6(t.atMs)}\t${formatSeconds6(t.endMs ?? t.atMs)}\t${markerName(t)}\n`).join('');
}

export function reaperMarkers(threads: CommentThread[]): string {
  const rows = ['#,Name,Start,End,Length'];
  let marker = 0;
  let region = 0;
  for (const t of threads) {
    if (t.endMs === null) rows.push(csvRow([`M${++marker}`, markerName(t), formatReaperTime(t.atMs), '', ''], false));
    else rows.push(csvRow([`R${++region}`, markerName(t), formatReaperTime(t.atMs), formatReaperTime(t.endMs), formatReaperTime(t.endMs - t.atMs)], false));
  }
  return rows.join('\r\n') + '\r\n';
}

const FORMATS = {
  csv: { ext: 'csv', mimeType: 'text/csv;charset=utf-8', render: commentsCsv, suffix: 'comments' },
  audacity: { ext: 'txt', mimeType: 'text/plain;charset=utf-8', render: audacityLabels, suffix: 'audacity-labels' },
  reaper: { ext: 'csv', mimeType: 'text/csv;charset=utf-8', render: reaperMarkers, suffix: 'reaper-markers' },
} as const;

const fileSafe = (s: string) =>
  s
    .replace(/[^\p{L}\p{N} ._-]+/gu, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 80) || 'track';

/** Deleted threads are never exported; resolved ones only when asked. */
export function exportThreads(
  threads: CommentThread[],
  format: keyof typeof FORMATS,
  meta: { trackTitle: string; versionNumber: number },
  includeResolved: boolean,
): ExportFile {
  const chosen = threads.filter((t) => !t.deleted && (includeResolved || !t.resolvedAt));
  const spec = FORMATS[format];
  return { filename: `${fileSafe(meta.trackTitle)}-v${meta.versionNumber}-${spec.suffix}.${spec.ext}`, mimeType: spec.mimeType, content: spec.render(chosen) };
}
