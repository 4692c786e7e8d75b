/**
 * Where session blocks go in a time grid: which column (a room, an engineer or a day), how far down
 * (wall-clock minutes of the studio's day) and in which lane when sessions overlap. Pure functions;
 * `createColumnLayout` remembers each column's result so that, when one session moves, only the
 * columns whose sessions changed are laid out again (and unchanged blocks keep their props).
 */
import { wallClock } from '@rsm/shared/zoned-time';
import { MINUTES_PER_DAY, daysBetween, type DayKey } from './dates.ts';

export interface LayoutSession {
  id: string;
  roomId: string;
  engineerIds: readonly string[];
  startsAt: string;
  endsAt: string;
}

/** A column of the grid: one studio day, optionally narrowed to one room or one engineer. */
export interface ColumnSpec {
  key: string;
  day: DayKey;
  roomId?: string | undefined;
  engineerId?: string | undefined;
}

export interface Placed<S extends LayoutSession = LayoutSession> {
  session: S;
  /** Wall-clock minutes from the column day's midnight, unclipped (negative when it began the day before). */
  fromMin: number;
  toMin: number;
  /** The part shown in this column, within [0, 1440]. */
  startMin: number;
  endMin: number;
  /** 0-based lane among `lanes` side-by-side lanes of its overlap group. */
  lane: number;
  lanes: number;
}

/** The shortest block drawn, so a zero-length reading (a repeated DST hour) stays clickable. */
export const MIN_BLOCK_MINUTES = 15;

interface WallSpan {
  timeZone: string;
  startDay: DayKey;
  startMin: number;
  endDay: DayKey;
  endMin: number;
}

const spans = new WeakMap<object, WallSpan>();

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

function readWall(iso: string, timeZone: string): { day: DayKey; minutes: number } {
  const wall = wallClock(new Date(iso), timeZone);
  return { day: `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`, minutes: wall.hour * 60 + wall.minute };
}

/** The session's start and end on the studio's wall clock, computed once per session object. */
export function wallSpan(session: LayoutSession, timeZone: string): WallSpan {
  const cached = spans.get(session);
  if (cached && cached.timeZone === timeZone) return cached;
  const start = readWall(session.startsAt, timeZone);
  const end = readWall(session.endsAt, timeZone);
  const span = { timeZone, startDay: start.day, startMin: start.minutes, endDay: end.day, endMin: end.minutes };
  spans.set(session, span);
  return span;
}

/** The days a session shows on: every day it overlaps (one ending at midnight does not show on the next day). */
export function daysCovered(span: WallSpan): { first: DayKey; count: number } {
  const last = span.endMin === 0 && span.endDay !== span.startDay ? -1 : 0;
  return { first: span.startDay, count: Math.max(1, daysBetween(span.startDay, span.endDay) + last + 1) };
}

function placeOn<S extends LayoutSession>(session: S, span: WallSpan, day: DayKey): Placed<S> {
  const fromMin = daysBetween(day, span.startDay) * MINUTES_PER_DAY + span.startMin;
  const toMin = Math.max(fromMin + 1, daysBetween(day, span.endDay) * MINUTES_PER_DAY + span.endMin);
  const startMin = Math.max(0, fromMin);
  const endMin = Math.min(MINUTES_PER_DAY, Math.max(toMin, startMin + MIN_BLOCK_MINUTES));
  return { session, fromMin, toMin, startMin: Math.min(startMin, MINUTES_PER_DAY - MIN_BLOCK_MINUTES), endMin, lane: 0, lanes: 1 };
}

/**
 * Side-by-side lanes: within a group of transitively overlapping blocks, each block takes the first
 * lane free at its start; every block of the group gets the group's lane count. Returns new objects
 * in start order (longer first on ties).
 */
export function assignLanes<S extends LayoutSession>(blocks: readonly Placed<S>[]): Placed<S>[] {
  const sorted = [...blocks].sort((a, b) => a.startMin - b.startMin || b.endMin - a.endMin || (a.session.id < b.session.id ? -1 : 1));
  const result: Placed<S>[] = [];
  let group: Placed<S>[] = [];
  let laneEnds: number[] = [];
  let groupEnd = -Infinity;
  const closeGroup = () => {
    for (const block of group) block.lanes = laneEnds.length;
    result.push(...group);
    group = [];
    laneEnds = [];
  };
  for (const original of sorted) {
    if (original.startMin >= groupEnd) closeGroup();
    const block = { ...original };
    let lane = laneEnds.findIndex((end) => end <= block.startMin);
    if (lane === -1) lane = laneEnds.push(block.endMin) - 1;
    else laneEnds[lane] = block.endMin;
    block.lane = lane;
    group.push(block);
    groupEnd = Math.max(groupEnd, block.endMin);
  }
  closeGroup();
  return result;
}

function belongsTo(column: ColumnSpec, session: LayoutSession): boolean {
  if (column.roomId !== undefined && session.roomId !== column.roomId) return false;
  if (column.engineerId !== undefined && !session.engineerIds.includes(column.engineerId)) return false;
  return true;
}

/** The sessions of each column (not laid out yet), in the order given. */
export function sessionsByColumn<S extends LayoutSession>(sessions: readonly S[], columns: readonly ColumnSpec[], timeZone: string): S[][] {
  const byDay = new Map<DayKey, number[]>();
  columns.forEach((column, index) => byDay.set(column.day, [...(byDay.get(column.day) ?? []), index]));
  const result: S[][] = columns.map(() => []);
  for (const session of sessions) {
    const covered = daysCovered(wallSpan(session, timeZone));
    for (let offset = 0; offset < covered.count; offset++) {
      const day = offset === 0 ? covered.first : shiftKey(covered.first, offset);
      for (const index of byDay.get(day) ?? []) if (belongsTo(columns[index]!, session)) result[index]!.push(session);
    }
  }
  return result;
}

function shiftKey(key: DayKey, days: number): DayKey {
  return new Date(Date.parse(`${key}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** One column laid out: its sessions placed on its day, in lanes. */
export function layoutColumn<S extends LayoutSession>(sessions: readonly S[], day: DayKey, timeZone: string): Placed<S>[] {
  return assignLanes(sessions.map((session) => placeOn(session, wallSpan(session, timeZone), day)));
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/**
 * A layout function with a memory: a column whose day and sessions (same objects) did not change
 * returns its previous result, so a move re-lays out one or two columns out of many.
 */
export function createColumnLayout<S extends LayoutSession>() {
  const previous = new Map<string, { day: DayKey; timeZone: string; sessions: S[]; placed: Placed<S>[] }>();
  return (sessions: readonly S[], columns: readonly ColumnSpec[], timeZone: string): Placed<S>[][] => {
    const grouped = sessionsByColumn(sessions, columns, timeZone);
    const seen = new Set<string>();
    const result = columns.map((column, index) => {
      seen.add(column.key);
      const own = grouped[index]!;
      const cached = previous.get(column.key);
      if (cached && cached.day === column.day && cached.timeZone === timeZone && sameItems(cached.sessions, own)) return cached.placed;
      const placed = layoutColumn(own, column.day, timeZone);
      previous.set(column.key, { day: column.day, timeZone, sessions: own, placed });
      return placed;
    });
    for (const key of previous.keys()) if (!seen.has(key)) previous.delete(key);
    return result;
  };
}

export const DEFAULT_GRID_START = 6 * 60;
/** Grid metrics: 30-minute rows, 28 px high. */
export const ROW_MINUTES = 30;
export const ROW_HEIGHT = 28;
export const PX_PER_MINUTE = ROW_HEIGHT / ROW_MINUTES;

/** The grid starts at 06:00, or at the hour of an earlier block so that nothing is hidden. */
export function gridStartMinute(columns: readonly (readonly Placed[])[], defaultStart = DEFAULT_GRID_START): number {
  let earliest = defaultStart;
  for (const column of columns) for (const block of column) earliest = Math.min(earliest, block.startMin);
  return Math.floor(earliest / 60) * 60;
}

// Drag arithmetic, in wall-clock minutes of a column's day.

export function snapTo(minutes: number, step: number): number {
  return Math.round(minutes / step) * step;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Pressing at `anchor` and dragging to `pointer`: the slots covered, whole steps, at least one step. */
export function createSpan(anchor: number, pointer: number, step: number): { startMin: number; endMin: number } {
  const low = Math.floor(Math.min(anchor, pointer) / step) * step;
  const high = Math.max(low + step, Math.ceil(Math.max(anchor, pointer) / step) * step);
  const startMin = clamp(low, 0, MINUTES_PER_DAY - step);
  return { startMin, endMin: clamp(high, startMin + step, MINUTES_PER_DAY) };
}

/** A click without a drag: a session of `duration` from the slot under the pointer. */
export function clickSpan(pointer: number, step: number, duration: number): { startMin: number; endMin: number } {
  const length = Math.max(step, Math.ceil(duration / step) * step);
  const startMin = clamp(Math.floor(pointer / step) * step, 0, Math.max(0, MINUTES_PER_DAY - length));
  return { startMin, endMin: Math.min(MINUTES_PER_DAY, startMin + length) };
}

/** Dragging a block by `delta` minutes: same length, start on a step. It may not start before the day. */
export function moveSpan(fromMin: number, toMin: number, delta: number, step: number): { fromMin: number; toMin: number } {
  const length = toMin - fromMin;
  const start = clamp(snapTo(fromMin + delta, step), Math.min(0, fromMin), MINUTES_PER_DAY - step);
  return { fromMin: start, toMin: start + length };
}

/** Dragging the bottom edge by `delta`: the end on a step, at least `minimum` long, at most midnight. */
export function resizeSpan(fromMin: number, toMin: number, delta: number, step: number, minimum: number): { fromMin: number; toMin: number } {
  const shortest = Math.max(step, Math.ceil(minimum / step) * step);
  const end = clamp(snapTo(toMin + delta, step), fromMin + shortest, Math.max(fromMin + shortest, MINUTES_PER_DAY));
  return { fromMin, toMin: end };
}
