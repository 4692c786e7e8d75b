/**
 * Pointer-driven drag in a time grid (mouse, pen and touch through the same Pointer Events):
 * - press on an empty slot and drag → a new range (a click or tap alone → a default-length range);
 * - press on a session block and drag → move it (across columns when allowed);
 * - press on a block's bottom edge and drag → resize it.
 * Nothing re-renders while the pointer moves except the preview, which reads a tiny store; the
 * dragged block is dimmed through a data attribute on its element, not through React state.
 * Touch: a drag starts after a long press (so a swipe still scrolls the grid); mouse and pen start
 * after a few pixels of movement. Escape cancels.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import { MINUTES_PER_DAY } from './dates.ts';
import { clickSpan, createSpan, moveSpan, resizeSpan } from './layout.ts';

export type DragState =
  | { kind: 'create'; columnIndex: number; startMin: number; endMin: number }
  | { kind: 'move' | 'resize'; sessionId: string; columnIndex: number; fromMin: number; toMin: number };

export interface DragStore {
  get: () => DragState | null;
  subscribe: (listener: () => void) => () => void;
}

function sameState(a: DragState | null, b: DragState | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function createDragStore(): DragStore & { set: (next: DragState | null) => void } {
  let state: DragState | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set: (next) => {
      if (sameState(state, next)) return;
      state = next;
      for (const listener of listeners) listener();
    },
  };
}

export interface DragBlockInfo {
  fromMin: number;
  toMin: number;
  /** Snapping step and shortest length of the session's room. */
  step: number;
  minimum: number;
}

export interface GridDragOptions {
  enabled: boolean;
  columnCount: number;
  gridStart: number;
  pxPerMinute: number;
  /** Whether a block may be dropped in another column (rooms or days: yes; engineers: no). */
  crossColumn: boolean;
  stepForColumn: (columnIndex: number) => number;
  defaultMinutesForColumn: (columnIndex: number) => number;
  blockInfo: (sessionId: string, columnIndex: number) => DragBlockInfo | undefined;
  onCreate: (columnIndex: number, startMin: number, endMin: number) => void;
  onDrop: (drop: { kind: 'move' | 'resize'; sessionId: string; columnIndex: number; fromMin: number; toMin: number }) => void;
}

interface Gesture {
  kind: 'create' | 'move' | 'resize';
  pointerId: number;
  pointerType: string;
  startX: number;
  startY: number;
  column: number;
  minute: number;
  sessionId: string | null;
  element: HTMLElement | null;
  active: boolean;
  cancelled: boolean;
  timer: number | null;
}

const MOUSE_THRESHOLD_PX = 4;
const TOUCH_SLOP_PX = 8;
const LONG_PRESS_MS = 350;
const EDGE_PX = 36;

export function useGridDrag(bodyRef: RefObject<HTMLElement | null>, scrollRef: RefObject<HTMLElement | null>, options: GridDragOptions) {
  const [store] = useState(createDragStore);
  const optionsRef = useRef(options);
  useLayoutEffect(() => {
    optionsRef.current = options;
  });
  const gesture = useRef<Gesture | null>(null);
  const detach = useRef<(() => void) | null>(null);

  const pointAt = useCallback(
    (clientX: number, clientY: number) => {
      const body = bodyRef.current;
      const { columnCount, gridStart, pxPerMinute } = optionsRef.current;
      if (!body) return { column: 0, minute: gridStart };
      const rect = body.getBoundingClientRect();
      const column = Math.min(columnCount - 1, Math.max(0, Math.floor(((clientX - rect.left) / rect.width) * columnCount)));
      const minute = Math.min(MINUTES_PER_DAY, Math.max(0, gridStart + (clientY - rect.top) / pxPerMinute));
      return { column, minute };
    },
    [bodyRef],
  );

  const stateFor = useCallback(
    (current: Gesture, clientX: number, clientY: number): DragState | null => {
      const { column, minute } = pointAt(clientX, clientY);
      const opts = optionsRef.current;
      if (current.kind === 'create') {
        return { kind: 'create', columnIndex: current.column, ...createSpan(current.minute, minute, opts.stepForColumn(current.column)) };
      }
      const info = opts.blockInfo(current.sessionId!, current.column);
      if (!info) return null;
      const delta = minute - current.minute;
      if (current.kind === 'resize')
        return {
          kind: 'resize',
          sessionId: current.sessionId!,
          columnIndex: current.column,
          ...resizeSpan(info.fromMin, info.toMin, delta, info.step, info.minimum),
        };
      return {
        kind: 'move',
        sessionId: current.sessionId!,
        columnIndex: opts.crossColumn ? column : current.column,
        ...moveSpan(info.fromMin, info.toMin, delta, info.step),
      };
    },
    [pointAt],
  );

  const finish = useCallback(
    (commit: boolean, event?: PointerEvent) => {
      const current = gesture.current;
      gesture.current = null;
      detach.current?.();
      detach.current = null;
      if (!current) return;
      if (current.timer !== null) window.clearTimeout(current.timer);
      if (current.element) delete current.element.dataset.dragging;
      const state = store.get();
      store.set(null);
      if (!commit || current.cancelled) return;
      const opts = optionsRef.current;
      if (!current.active) {
        // A click or a tap on an empty slot: a session of the default length there.
        if (current.kind === 'create') {
          const span = clickSpan(current.minute, opts.stepForColumn(current.column), opts.defaultMinutesForColumn(current.column));
          opts.onCreate(current.column, span.startMin, span.endMin);
        }
        return;
      }
      // The click that follows a drag must not open the block under the pointer.
      const swallow = (click: MouseEvent) => {
        click.stopPropagation();
        click.preventDefault();
      };
      window.addEventListener('click', swallow, { capture: true, once: true });
      window.setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), 0);
      const final = event ? stateFor(current, event.clientX, event.clientY) : state;
      if (!final) return;
      if (final.kind === 'create') opts.onCreate(final.columnIndex, final.startMin, final.endMin);
      else {
        const info = opts.blockInfo(final.sessionId, current.column);
        const unchanged = info && final.columnIndex === current.column && final.fromMin === info.fromMin && final.toMin === info.toMin;
        if (!unchanged) opts.onDrop(final);
      }
    },
    [stateFor, store],
  );

  const activate = useCallback(
    (current: Gesture, clientX: number, clientY: number) => {
      current.active = true;
      if (current.element) current.element.dataset.dragging = 'true';
      store.set(stateFor(current, clientX, clientY));
    },
    [stateFor, store],
  );

  const autoScroll = useCallback(
    (clientX: number, clientY: number) => {
      const scroller = scrollRef.current;
      if (!scroller) return;
      const rect = scroller.getBoundingClientRect();
      if (clientY < rect.top + EDGE_PX) scroller.scrollTop -= 12;
      else if (clientY > rect.bottom - EDGE_PX) scroller.scrollTop += 12;
      if (clientX < rect.left + EDGE_PX) scroller.scrollLeft -= 12;
      else if (clientX > rect.right - EDGE_PX) scroller.scrollLeft += 12;
    },
    [scrollRef],
  );

  const onPointerDown = useCallback(
    (event: ReactPointerEvent<HTMLElement>) => {
      const opts = optionsRef.current;
      if (!opts.enabled || gesture.current || !event.isPrimary) return;
      if (event.pointerType === 'mouse' && event.button !== 0) return;
      const target = event.target as HTMLElement;
      const block = target.closest<HTMLElement>('[data-session-id]');
      let kind: Gesture['kind'];
      if (block) {
        if (block.dataset.draggable !== 'true') return;
        kind = target.closest('[data-resize-handle]') ? 'resize' : 'move';
      } else {
        if (!target.closest('[data-column-index]') || target.closest('[data-calendar-callout]')) return;
        kind = 'create';
      }
      const point = pointAt(event.clientX, event.clientY);
      const current: Gesture = {
        kind,
        pointerId: event.pointerId,
        pointerType: event.pointerType,
        startX: event.clientX,
        startY: event.clientY,
        column: block ? Number(block.dataset.columnIndex) : point.column,
        minute: point.minute,
        sessionId: block?.dataset.sessionId ?? null,
        element: block,
        active: false,
        cancelled: false,
        timer: null,
      };
      gesture.current = current;
      if (event.pointerType === 'touch') {
        current.timer = window.setTimeout(() => {
          current.timer = null;
          if (gesture.current === current && !current.cancelled) activate(current, current.startX, current.startY);
        }, LONG_PRESS_MS);
      }

      const onMove = (move: PointerEvent) => {
        if (move.pointerId !== current.pointerId) return;
        const distance = Math.hypot(move.clientX - current.startX, move.clientY - current.startY);
        if (!current.active) {
          if (current.pointerType === 'touch') {
            // Moving before the long press ends is a scroll, not a drag.
            if (distance > TOUCH_SLOP_PX) finish(false);
            return;
          }
          if (distance < MOUSE_THRESHOLD_PX) return;
          activate(current, move.clientX, move.clientY);
        }
        move.preventDefault();
        autoScroll(move.clientX, move.clientY);
        store.set(stateFor(current, move.clientX, move.clientY));
      };
      const onUp = (up: PointerEvent) => {
        if (up.pointerId === current.pointerId) finish(true, up);
      };
      const onCancel = (cancel: PointerEvent) => {
        if (cancel.pointerId === current.pointerId) finish(false);
      };
      const onKey = (key: KeyboardEvent) => {
        if (key.key === 'Escape' && current.active) {
          key.preventDefault();
          finish(false);
        }
      };
      // While a touch drag is active the page must not scroll under the finger.
      const onTouchMove = (touch: TouchEvent) => {
        if (current.active && touch.cancelable) touch.preventDefault();
      };
      window.addEventListener('pointermove', onMove);
      window.addEventListener('pointerup', onUp);
      window.addEventListener('pointercancel', onCancel);
      window.addEventListener('keydown', onKey);
      window.addEventListener('touchmove', onTouchMove, { passive: false });
      detach.current = () => {
        window.removeEventListener('pointermove', onMove);
        window.removeEventListener('pointerup', onUp);
        window.removeEventListener('pointercancel', onCancel);
        window.removeEventListener('keydown', onKey);
        window.removeEventListener('touchmove', onTouchMove);
      };
    },
    [activate, autoScroll, finish, pointAt, stateFor, store],
  );

  useEffect(() => () => finish(false), [finish]);

  return { store, onPointerDown };
}
