/** Arrow-key focus movement between session blocks (every block is a button with data-session-id). */
import type { KeyboardEvent } from 'react';

/** Arrow keys move focus between session blocks: up/down in a column, left/right to the nearest in the next column. */
export function moveFocusInGrid(event: KeyboardEvent<HTMLDivElement>) {
  if (!['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
  const current = (event.target as HTMLElement).closest<HTMLElement>('[data-session-id]');
  if (!current) return;
  const blocks = [...event.currentTarget.querySelectorAll<HTMLElement>('button[data-session-id]')].map((element) => ({
    element,
    column: Number(element.dataset.columnIndex),
    top: element.offsetTop,
    left: element.offsetLeft,
  }));
  const me = blocks.find((block) => block.element === current);
  if (!me) return;
  const byPosition = (a: { top: number; left: number }, b: { top: number; left: number }) => a.top - b.top || a.left - b.left;
  let next: (typeof blocks)[number] | undefined;
  if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
    const column = blocks.filter((block) => block.column === me.column).sort(byPosition);
    next = column[column.indexOf(me) + (event.key === 'ArrowDown' ? 1 : -1)];
  } else {
    const step = event.key === 'ArrowRight' ? 1 : -1;
    const columnsWithBlocks = [...new Set(blocks.map((block) => block.column))].sort((a, b) => (a - b) * step);
    const target = columnsWithBlocks.find((column) => (column - me.column) * step > 0);
    if (target !== undefined) {
      next = blocks.filter((block) => block.column === target).sort((a, b) => Math.abs(a.top - me.top) - Math.abs(b.top - me.top))[0];
    }
  }
  if (next) {
    event.preventDefault();
    next.element.focus();
    next.element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
}

/** Lists (agenda, month): arrow keys move focus to the previous or next session in reading order. */
export function moveFocusInOrder(event: KeyboardEvent<HTMLElement>) {
  const forward = event.key === 'ArrowDown' || event.key === 'ArrowRight';
  if (!forward && event.key !== 'ArrowUp' && event.key !== 'ArrowLeft') return;
  const current = (event.target as HTMLElement).closest<HTMLElement>('[data-session-id]');
  if (!current) return;
  const all = [...event.currentTarget.querySelectorAll<HTMLElement>('button[data-session-id]')];
  const next = all[all.indexOf(current) + (forward ? 1 : -1)];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}
