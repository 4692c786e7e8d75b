import { useCallback, useMemo, useRef, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CalendarSession } from '@/lib/trpc/types.ts';
import { cn } from '@/lib/cn.ts';
import { MINUTES_PER_DAY, minutesToTime } from './dates.ts';
import { moveFocusInGrid } from './focus-navigation.ts';
import { ConflictCallout, DragPreview, NowLine } from './grid-overlays.tsx';
import { PX_PER_MINUTE, ROW_HEIGHT, ROW_MINUTES, type ColumnSpec, type Placed } from './layout.ts';
import { SessionBlock } from './session-block.tsx';
import { isMovable } from './session-status.ts';
import { useGridDrag } from './use-grid-drag.ts';

export interface GridColumn extends ColumnSpec {
  label: string;
  sublabel?: string | undefined;
  color?: string | undefined;
  /** Clicking the header (week view) opens that day. */
  onHeaderClick?: (() => void) | undefined;
  /** Snapping step and default length for new sessions in this column. */
  step: number;
  defaultMinutes: number;
}

export interface RoomLook {
  name: string;
  color: string;
  step: number;
  minimum: number;
}

export interface GridConflict {
  sessionId: string;
  message: string;
}

type TimeGridProps = {
  label: string;
  columns: readonly GridColumn[];
  /** Narrowest a column gets before the grid scrolls sideways (rooms on a phone). */
  minColumnRem: number;
  placed: readonly (readonly Placed<CalendarSession>[])[];
  /** Per column, the spans sessions of linked rooms block there (shaded, not a drop target). */
  linked: readonly (readonly Placed<CalendarSession>[])[];
  gridStart: number;
  timeZone: string;
  rooms: ReadonlyMap<string, RoomLook>;
  showRoomNames: boolean;
  canWrite: boolean;
  crossColumn: boolean;
  pendingIds: ReadonlySet<string>;
  conflict: GridConflict | null;
  onDismissConflict: () => void;
  onCreate: (columnIndex: number, startMin: number, endMin: number) => void;
  onDrop: (drop: { kind: 'move' | 'resize'; sessionId: string; columnIndex: number; fromMin: number; toMin: number }) => void;
  onOpen: (sessionId: string) => void;
};

const FALLBACK_ROOM: RoomLook = { name: '', color: '#64748b', step: 30, minimum: 30 };

/** Rooms, engineers or days as columns, hours down the side; sessions as blocks you can drag. */
export function TimeGrid(props: TimeGridProps) {
  const {
    label,
    columns,
    minColumnRem,
    placed,
    linked,
    gridStart,
    timeZone,
    rooms,
    showRoomNames,
    canWrite,
    crossColumn,
    pendingIds,
    conflict,
    onDismissConflict,
    onCreate,
    onDrop,
    onOpen,
  } = props;
  const { t, i18n } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const height = (MINUTES_PER_DAY - gridStart) * PX_PER_MINUTE;

  const blockInfo = useCallback(
    (sessionId: string, columnIndex: number) => {
      const block = placed[columnIndex]?.find((candidate) => candidate.session.id === sessionId);
      if (!block) return undefined;
      const room = rooms.get(block.session.roomId) ?? FALLBACK_ROOM;
      return { fromMin: block.fromMin, toMin: block.toMin, step: room.step, minimum: room.minimum };
    },
    [placed, rooms],
  );
  const { store, onPointerDown } = useGridDrag(bodyRef, scrollRef, {
    enabled: canWrite,
    columnCount: columns.length,
    gridStart,
    pxPerMinute: PX_PER_MINUTE,
    crossColumn,
    stepForColumn: (index) => columns[index]?.step ?? ROW_MINUTES,
    defaultMinutesForColumn: (index) => columns[index]?.defaultMinutes ?? 60,
    blockInfo,
    onCreate,
    onDrop,
  });

  const conflictBlock = useMemo(() => {
    if (!conflict) return null;
    for (let index = 0; index < placed.length; index++) {
      const block = placed[index]!.find((candidate) => candidate.session.id === conflict.sessionId);
      if (block) return { index, block };
    }
    return null;
  }, [conflict, placed]);

  return (
    <div
      ref={scrollRef}
      role="region"
      aria-label={label}
      className="relative max-h-[calc(100dvh-16rem)] min-h-80 overflow-auto rounded-lg border bg-background"
      data-testid="calendar-grid"
    >
      <div className="flex min-w-full flex-col" style={{ minWidth: `calc(3.5rem + ${columns.length} * ${minColumnRem}rem)` }}>
        <div className="sticky top-0 z-30 flex border-b bg-background">
          <div className="sticky left-0 z-10 w-14 shrink-0 bg-background" />
          {columns.map((column) => (
            <ColumnHeader key={column.key} column={column} />
          ))}
        </div>
        <div className="flex">
          <HourGutter gridStart={gridStart} height={height} />
          <div
            ref={bodyRef}
            data-testid="calendar-body"
            data-grid-start={gridStart}
            data-px-per-minute={PX_PER_MINUTE}
            className="relative flex flex-1 select-none"
            style={{ height, '--row-height': `${ROW_HEIGHT}px` } as CSSProperties}
            onPointerDown={onPointerDown}
            onKeyDown={moveFocusInGrid}
          >
            {columns.map((column, index) => (
              <div
                key={column.key}
                data-column-index={index}
                data-testid={`calendar-column-${index}`}
                role="group"
                aria-label={column.label}
                className={cn('calendar-lines relative min-w-0 flex-1 border-l', canWrite && 'cursor-cell')}
              >
                {linked[index]?.map((block) => (
                  <LinkedBlock
                    key={`linked-${block.session.id}`}
                    block={block}
                    gridStart={gridStart}
                    roomName={(rooms.get(block.session.roomId) ?? FALLBACK_ROOM).name}
                    t={t}
                  />
                ))}
                {placed[index]?.map((block) => {
                  const room = rooms.get(block.session.roomId) ?? FALLBACK_ROOM;
                  const draggable = canWrite && isMovable(block.session.status);
                  return (
                    <SessionBlock
                      key={block.session.id}
                      session={block.session}
                      columnIndex={index}
                      top={(block.startMin - gridStart) * PX_PER_MINUTE}
                      height={Math.max(12, (block.endMin - block.startMin) * PX_PER_MINUTE - 1)}
                      left={block.lane / block.lanes}
                      width={1 / block.lanes}
                      color={room.color}
                      roomName={showRoomNames ? room.name : null}
                      pending={pendingIds.has(block.session.id)}
                      draggable={draggable}
                      resizable={draggable && block.toMin <= MINUTES_PER_DAY}
                      timeZone={timeZone}
                      locale={i18n.language}
                      t={t}
                      onOpen={onOpen}
                    />
                  );
                })}
                {conflictBlock?.index === index ? (
                  <ConflictCallout
                    message={conflict!.message}
                    top={(conflictBlock.block.endMin - gridStart) * PX_PER_MINUTE + 4}
                    alignRight={index > 0 && index >= columns.length - 2}
                    onDismiss={onDismissConflict}
                    dismissLabel={t('common.close')}
                  />
                ) : null}
              </div>
            ))}
            <DragPreview store={store} columns={columns} placed={placed} gridStart={gridStart} />
            <NowLine columns={columns} gridStart={gridStart} timeZone={timeZone} />
          </div>
        </div>
      </div>
    </div>
  );
}

/** A span a linked room's session blocks in this room: shaded and labelled, beneath the room's own blocks. */
function LinkedBlock({ block, gridStart, roomName, t }: { block: Placed<CalendarSession>; gridStart: number; roomName: string; t: TFunction }) {
  const label = t('linkedRooms.blockedBy', { room: roomName });
  return (
    <div
      data-testid="linked-block"
      data-linked-session={block.session.id}
      title={t('linkedRooms.blockedByTitle', { room: roomName, title: block.session.title })}
      className="calendar-linked pointer-events-none absolute inset-x-0 overflow-hidden border-y border-dashed border-muted-foreground/40 px-1.5 py-1 text-[0.7rem] leading-tight text-muted-foreground"
      style={{ top: (block.startMin - gridStart) * PX_PER_MINUTE, height: Math.max(12, (block.endMin - block.startMin) * PX_PER_MINUTE - 1) }}
    >
      {label}
    </div>
  );
}

function ColumnHeader({ column }: { column: GridColumn }) {
  const content = (
    <>
      {column.color ? <span className="size-2.5 shrink-0 rounded-full" style={{ backgroundColor: column.color }} aria-hidden="true" /> : null}
      <span className="truncate">{column.label}</span>
      {column.sublabel ? <span className="truncate text-xs font-normal text-muted-foreground">{column.sublabel}</span> : null}
    </>
  );
  const className = 'flex min-w-0 flex-1 items-center justify-center gap-1.5 border-l px-2 py-2 text-sm font-medium';
  return column.onHeaderClick ? (
    <button
      type="button"
      onClick={column.onHeaderClick}
      className={cn(className, 'hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none')}
    >
      {content}
    </button>
  ) : (
    <div className={className}>{content}</div>
  );
}

function HourGutter({ gridStart, height }: { gridStart: number; height: number }) {
  const hours = [];
  for (let minute = Math.ceil(gridStart / 60) * 60; minute < MINUTES_PER_DAY; minute += 60) hours.push(minute);
  return (
    <div className="sticky left-0 z-20 w-14 shrink-0 bg-background" style={{ height }} aria-hidden="true">
      {hours.map((minute) => (
        <span
          key={minute}
          className="absolute right-2 -translate-y-1/2 text-[0.7rem] text-muted-foreground tabular-nums"
          style={{ top: (minute - gridStart) * PX_PER_MINUTE }}
        >
          {minute === gridStart ? '' : minutesToTime(minute)}
        </span>
      ))}
    </div>
  );
}
