/**
 * Drag-to-reorder for a vertical list (tracks, credits) with Pointer Events on a grip handle (mouse,
 * pen and touch: the handle has `touch-action: none`). The list shows the new order while dragging;
 * the order is committed once, on release, and Escape puts it back. Keyboard users have move up /
 * down buttons that call `moveBy`.
 */
import { useCallback, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import { dropIndex } from './board-model.ts';

export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item!);
  return next;
}

export function useReorder<T extends { id: string }>(items: readonly T[], container: RefObject<HTMLElement | null>, onCommit: (ids: string[]) => void) {
  const [preview, setPreview] = useState<T[] | null>(null);
  const [draggingId, setDraggingId] = useState<string | null>(null);
  const previewRef = useRef<T[] | null>(null);
  const shown = preview ?? items;

  const onHandlePointerDown = useCallback(
    (event: ReactPointerEvent<HTMLElement>, id: string) => {
      if (event.button !== 0) return;
      event.preventDefault();
      const original = [...items];
      previewRef.current = original;
      setPreview(original);
      setDraggingId(id);
      const move = (e: PointerEvent) => {
        const rows = [...(container.current?.querySelectorAll<HTMLElement>('[data-reorder-id]') ?? [])].filter((row) => row.dataset.reorderId !== id);
        const midpoints = rows.map((row) => {
          const rect = row.getBoundingClientRect();
          return rect.top + rect.height / 2;
        });
        const current = previewRef.current ?? original;
        const from = current.findIndex((item) => item.id === id);
        const next = moveItem(current, from, dropIndex(midpoints, e.clientY));
        if (next.some((item, i) => item.id !== current[i]?.id)) {
          previewRef.current = next;
          setPreview(next);
        }
      };
      const end = (commit: boolean) => {
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
        window.removeEventListener('pointercancel', cancel);
        window.removeEventListener('keydown', key);
        const final = previewRef.current;
        previewRef.current = null;
        setDraggingId(null);
        setPreview(null);
        if (commit && final && final.some((item, i) => item.id !== original[i]?.id)) onCommit(final.map((item) => item.id));
      };
      const up = () => end(true);
      const cancel = () => end(false);
      const key = (e: KeyboardEvent) => {
        if (e.key === 'Escape') end(false);
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
      window.addEventListener('pointercancel', cancel);
      window.addEventListener('keydown', key);
    },
    [container, items, onCommit],
  );

  const moveBy = useCallback(
    (id: string, delta: -1 | 1) => {
      const from = items.findIndex((item) => item.id === id);
      const to = from + delta;
      if (from < 0 || to < 0 || to >= items.length) return;
      onCommit(moveItem(items, from, to).map((item) => item.id));
    },
    [items, onCommit],
  );

  return { shown, draggingId, onHandlePointerDown, moveBy };
}
