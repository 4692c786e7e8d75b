/**
 * Dragging Kanban cards with Pointer Events (mouse and pen): press a card, move a few pixels and it
 * follows the pointer; the column under the pointer and the cards' midpoints there give the drop
 * place. Touch keeps its swipe for scrolling the board: on phones cards move through their menu.
 * Escape cancels. A click right after a drag is swallowed so the card's link does not open.
 */
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { ProjectStage } from '@rsm/shared/projects-schemas';
import { dropIndex, type BoardMove } from './board-model.ts';

export interface DragView {
  id: string;
  /** Where the card would land now (null: outside every column). */
  target: { stage: ProjectStage; index: number } | null;
  x: number;
  y: number;
  width: number;
  offsetX: number;
  offsetY: number;
}

const THRESHOLD_PX = 5;

function targetAt(x: number, y: number, draggedId: string): DragView['target'] {
  const column = document.elementsFromPoint(x, y).find((el): el is HTMLElement => el instanceof HTMLElement && el.dataset.stageColumn !== undefined);
  if (!column) return null;
  const cards = [...column.querySelectorAll<HTMLElement>('[data-card-id]')].filter((el) => el.dataset.cardId !== draggedId);
  const midpoints = cards.map((el) => {
    const rect = el.getBoundingClientRect();
    return rect.top + rect.height / 2;
  });
  return { stage: column.dataset.stageColumn as ProjectStage, index: dropIndex(midpoints, y) };
}

export function useBoardDrag(enabled: boolean, onDrop: (move: BoardMove) => void) {
  const [drag, setDrag] = useState<DragView | null>(null);
  const dragRef = useRef<DragView | null>(null);
  const cleanup = useRef<(() => void) | null>(null);
  const justDragged = useRef(false);

  const update = (next: DragView | null) => {
    dragRef.current = next;
    setDrag(next);
  };

  useEffect(() => () => cleanup.current?.(), []);

  const onPointerDown = useCallback(
    (event: ReactPointerEvent<HTMLElement>, id: string) => {
      if (!enabled || event.button !== 0 || event.pointerType === 'touch') return;
      if ((event.target as HTMLElement).closest('button, [role="menuitem"], input')) return;
      const element = event.currentTarget;
      const rect = element.getBoundingClientRect();
      const start = { x: event.clientX, y: event.clientY };
      let active = false;

      const move = (e: PointerEvent) => {
        if (!active) {
          if (Math.hypot(e.clientX - start.x, e.clientY - start.y) < THRESHOLD_PX) return;
          active = true;
          document.body.style.userSelect = 'none';
        }
        e.preventDefault();
        update({
          id,
          target: targetAt(e.clientX, e.clientY, id),
          x: e.clientX,
          y: e.clientY,
          width: rect.width,
          offsetX: start.x - rect.left,
          offsetY: start.y - rect.top,
        });
      };
      const finish = (commit: boolean) => {
        const last = dragRef.current;
        stop();
        if (!active) return;
        justDragged.current = true;
        window.setTimeout(() => (justDragged.current = false), 0);
        if (commit && last?.target) onDrop({ id, stage: last.target.stage, index: last.target.index });
      };
      const up = () => finish(true);
      const cancel = () => finish(false);
      const key = (e: KeyboardEvent) => {
        if (e.key === 'Escape') finish(false);
      };
      const stop = () => {
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
        window.removeEventListener('pointercancel', cancel);
        window.removeEventListener('keydown', key);
        document.body.style.userSelect = '';
        cleanup.current = null;
        update(null);
      };
      cleanup.current?.();
      cleanup.current = stop;
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
      window.addEventListener('pointercancel', cancel);
      window.addEventListener('keydown', key);
    },
    [enabled, onDrop],
  );

  /** Capture-phase click guard for the card's link. */
  const onClickCapture = useCallback((event: React.MouseEvent) => {
    if (justDragged.current) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, []);

  return { drag, onPointerDown, onClickCapture };
}
