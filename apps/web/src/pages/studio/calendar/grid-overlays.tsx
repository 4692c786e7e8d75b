import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { X } from 'lucide-react';
import type { CalendarSession } from '@/lib/trpc/types.ts';
import { cn } from '@/lib/cn.ts';
import { MINUTES_PER_DAY, dayKeyOf, minutesFromDay, minutesToTime, type DayKey } from './dates.ts';
import { PX_PER_MINUTE, type Placed } from './layout.ts';
import type { GridColumn } from './time-grid.tsx';
import type { DragState, DragStore } from './use-grid-drag.ts';

/** The range being created, or the block's new place, while the pointer moves. */
export function DragPreview({
  store,
  columns,
  placed,
  gridStart,
}: {
  store: DragStore;
  columns: readonly GridColumn[];
  placed: readonly (readonly Placed<CalendarSession>[])[];
  gridStart: number;
}) {
  const { t } = useTranslation();
  const state: DragState | null = useSyncExternalStore(store.subscribe, store.get);
  if (!state) return null;
  const startMin = state.kind === 'create' ? state.startMin : state.fromMin;
  const endMin = state.kind === 'create' ? state.endMin : state.toMin;
  const shownStart = Math.max(gridStart, startMin);
  const shownEnd = Math.min(MINUTES_PER_DAY, endMin);
  const session = state.kind === 'create' ? null : placed.flat().find((block) => block.session.id === state.sessionId)?.session;
  const count = columns.length;
  const timeText = `${minutesToTime(((startMin % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY)}–${minutesToTime(endMin > MINUTES_PER_DAY ? endMin - MINUTES_PER_DAY : endMin)}`;
  return (
    <div
      aria-hidden="true"
      data-testid="calendar-drag-preview"
      className="pointer-events-none absolute z-40 rounded-md border-2 border-primary bg-primary/10 px-1.5 py-0.5 text-xs font-medium shadow-lg"
      style={{
        top: (shownStart - gridStart) * PX_PER_MINUTE,
        height: Math.max(12, (shownEnd - shownStart) * PX_PER_MINUTE),
        left: `calc(${(state.columnIndex / count) * 100}% + 2px)`,
        width: `calc(${100 / count}% - 4px)`,
      }}
    >
      <span className="block truncate">{session?.title ?? t('calendar.newSession')}</span>
      <span className="block tabular-nums">{timeText}</span>
      {session && columns[state.columnIndex] ? <span className="block truncate text-muted-foreground">{columns[state.columnIndex]!.label}</span> : null}
    </div>
  );
}

/** A refused move, explained where the block is (role=alert: announced at once). */
export function ConflictCallout({
  message,
  top,
  alignRight,
  onDismiss,
  dismissLabel,
}: {
  message: string;
  top: number;
  alignRight: boolean;
  onDismiss: () => void;
  dismissLabel: string;
}) {
  return (
    <div
      role="alert"
      data-calendar-callout
      data-testid="calendar-conflict"
      className={cn(
        'absolute z-40 flex w-64 max-w-[80vw] items-start gap-2 rounded-md border border-destructive/50 bg-background p-2 text-xs text-destructive shadow-lg',
        alignRight ? 'right-1' : 'left-1',
      )}
      style={{ top }}
    >
      <p className="flex-1">{message}</p>
      <button
        type="button"
        onClick={onDismiss}
        className="rounded-sm opacity-70 hover:opacity-100 focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
        aria-label={dismissLabel}
      >
        <X className="size-3.5" aria-hidden="true" />
      </button>
    </div>
  );
}

/** A line at the current time in today's columns; re-renders itself once a minute, nothing else. */
export function NowLine({ columns, gridStart, timeZone }: { columns: readonly GridColumn[]; gridStart: number; timeZone: string }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  const today: DayKey = dayKeyOf(now, timeZone);
  const minute = minutesFromDay(today, now, timeZone);
  if (minute < gridStart) return null;
  const count = columns.length;
  return (
    <>
      {columns.map((column, index) =>
        column.day === today ? (
          <div
            key={column.key}
            aria-hidden="true"
            className="pointer-events-none absolute z-20 h-0.5 bg-destructive"
            style={{ top: (minute - gridStart) * PX_PER_MINUTE, left: `${(index / count) * 100}%`, width: `${100 / count}%` }}
          />
        ) : null,
      )}
    </>
  );
}
