/** How comments look on the waveform: region ids, colours, and the numbered marker label (clickable). */
import type { PlayerMarker } from './waveform-player.tsx';
import type { ReviewThread } from './review-types.ts';

export const MARKER_PREFIX = 'comment-';
export const SELECTION_ID = 'selection';
export const MARKER_COLORS = {
  open: 'rgba(234, 88, 12, 0.22)',
  resolved: 'rgba(100, 116, 139, 0.18)',
  point: '#ea580c',
  pointResolved: '#64748b',
  selection: 'rgba(37, 99, 235, 0.25)',
};

export function markerContent(marker: PlayerMarker): HTMLElement {
  const el = document.createElement('span');
  el.textContent = String(marker.index);
  el.title = marker.label;
  el.setAttribute('data-testid', 'comment-marker');
  el.setAttribute('data-comment-id', marker.id);
  el.setAttribute('data-at-ms', String(marker.atMs));
  // Pointer shortcut only: the comment list's numbered buttons are the keyboard and screen-reader way to seek.
  el.setAttribute('aria-hidden', 'true');
  Object.assign(el.style, {
    display: 'inline-block',
    minWidth: '1.25rem',
    padding: '0 0.25rem',
    borderRadius: '0.25rem',
    font: '600 11px/1.25rem system-ui, sans-serif',
    textAlign: 'center',
    color: '#fff',
    cursor: 'pointer',
    background: marker.resolved ? MARKER_COLORS.pointResolved : MARKER_COLORS.point,
  });
  return el;
}

/** The waveform markers of a version's threads: numbered in time order, deleted ones left out. */
export function threadMarkers(threads: ReviewThread[]): PlayerMarker[] {
  return threads.flatMap((thread, i) =>
    thread.deleted
      ? []
      : [
          {
            id: thread.id,
            atMs: thread.atMs,
            endMs: thread.endMs,
            label: `${thread.author.name}: ${thread.body}`,
            index: i + 1,
            resolved: thread.resolvedAt !== null,
          },
        ],
  );
}
