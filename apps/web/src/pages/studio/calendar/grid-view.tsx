import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookingRoom, CalendarSession, Engineer } from '@/lib/trpc/types.ts';
import { formatDay } from './calendar-format.ts';
import { instantAt, type DayKey } from './dates.ts';
import { createColumnLayout, gridStartMinute } from './layout.ts';
import { blockingSpan, linkedBlocksByColumn } from './linked-blocks.ts';
import { TimeGrid, type GridColumn, type GridConflict, type RoomLook } from './time-grid.tsx';
import type { MoveRequest } from './use-calendar-data.ts';

export interface SessionDraft {
  roomId: string | undefined;
  engineerIds: string[];
  startsAt: Date;
  endsAt: Date;
}

type GridViewProps = {
  view: 'day' | 'week';
  days: readonly DayKey[];
  today: DayKey;
  columnsMode: 'rooms' | 'engineers';
  /** The rooms shown (filtered), in the studio's order. */
  rooms: readonly BookingRoom[];
  engineers: readonly Engineer[];
  sessions: readonly CalendarSession[];
  /** Every session of the days shown, rooms filtered out included: their linked rooms are shaded. */
  allSessions: readonly CalendarSession[];
  roomLooks: ReadonlyMap<string, RoomLook>;
  timeZone: string;
  canWrite: boolean;
  pendingIds: ReadonlySet<string>;
  conflict: GridConflict | null;
  onDismissConflict: () => void;
  onCreate: (draft: SessionDraft) => void;
  onMove: (request: MoveRequest) => void;
  /** A drop refused on the spot (over a span a linked room blocks), explained at the block. */
  onRefused: (sessionId: string, message: string) => void;
  onOpen: (sessionId: string) => void;
  onOpenDay: (day: DayKey) => void;
};

const DEFAULT_STEP = 30;

function defaultLength(room: BookingRoom | undefined): number {
  return Math.max(60, room?.minDurationMinutes ?? 60);
}

/** Day view (rooms or engineers as columns) and week view (days as columns) on one time grid. */
export function GridView(props: GridViewProps) {
  const {
    view,
    days,
    today,
    columnsMode,
    rooms,
    engineers,
    sessions,
    allSessions,
    roomLooks,
    timeZone,
    canWrite,
    pendingIds,
    conflict,
    onDismissConflict,
    onCreate,
    onMove,
    onRefused,
    onOpen,
    onOpenDay,
  } = props;
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  // In week view a new session goes to the only room shown, or the first one.
  const defaultRoom = rooms[0];

  const columns = useMemo<GridColumn[]>(() => {
    if (view === 'week') {
      return days.map((day) => ({
        key: day,
        day,
        label: formatDay(day, locale, { weekday: 'short', day: 'numeric' }),
        sublabel: day === today ? t('calendar.today') : undefined,
        onHeaderClick: () => onOpenDay(day),
        step: defaultRoom?.incrementMinutes ?? DEFAULT_STEP,
        defaultMinutes: defaultLength(defaultRoom),
      }));
    }
    const day = days[0]!;
    if (columnsMode === 'engineers') {
      return engineers.map((engineer) => ({
        key: engineer.id,
        day,
        engineerId: engineer.id,
        label: engineer.name,
        color: engineer.color,
        step: defaultRoom?.incrementMinutes ?? DEFAULT_STEP,
        defaultMinutes: defaultLength(defaultRoom),
      }));
    }
    return rooms.map((room) => ({
      key: room.id,
      day,
      roomId: room.id,
      label: room.name,
      color: room.color,
      step: room.incrementMinutes,
      defaultMinutes: defaultLength(room),
    }));
  }, [view, days, today, columnsMode, rooms, engineers, defaultRoom, locale, t, onOpenDay]);

  const [layout] = useState(createColumnLayout<CalendarSession>);
  const placed = useMemo(() => layout(sessions, columns, timeZone), [layout, sessions, columns, timeZone]);
  const sessionsById = useMemo(() => new Map(sessions.map((session) => [session.id, session])), [sessions]);
  const onlyRoomId = view === 'week' && rooms.length === 1 ? rooms[0]!.id : undefined;
  const linked = useMemo(() => linkedBlocksByColumn(allSessions, columns, timeZone, onlyRoomId), [allSessions, columns, timeZone, onlyRoomId]);
  const gridStart = useMemo(() => gridStartMinute([...placed, ...linked]), [placed, linked]);

  const handleCreate = useCallback(
    (columnIndex: number, startMin: number, endMin: number) => {
      const column = columns[columnIndex];
      if (!column) return;
      onCreate({
        roomId: column.roomId ?? defaultRoom?.id,
        engineerIds: column.engineerId ? [column.engineerId] : [],
        startsAt: instantAt(column.day, startMin, timeZone),
        endsAt: instantAt(column.day, endMin, timeZone),
      });
    },
    [columns, defaultRoom, onCreate, timeZone],
  );

  const handleDrop = useCallback(
    (drop: { kind: 'move' | 'resize'; sessionId: string; columnIndex: number; fromMin: number; toMin: number }) => {
      const column = columns[drop.columnIndex];
      const session = sessionsById.get(drop.sessionId);
      if (!column || !session) return;
      const startsAt = instantAt(column.day, drop.fromMin, timeZone);
      // A move keeps the real length (also across a DST change); a resize sets the new end.
      const endsAt =
        drop.kind === 'move'
          ? new Date(startsAt.getTime() + Date.parse(session.endsAt) - Date.parse(session.startsAt))
          : instantAt(column.day, drop.toMin, timeZone);
      const roomId = column.roomId && column.roomId !== session.roomId ? column.roomId : undefined;
      const toMin = drop.fromMin + Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000);
      const blocker = blockingSpan(linked[drop.columnIndex], drop.fromMin, toMin, session.id);
      if (blocker) {
        onRefused(session.id, t('linkedRooms.dropRefused', { room: roomLooks.get(blocker.session.roomId)?.name ?? '' }));
        return;
      }
      onMove({ id: session.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), roomId, version: session.version });
    },
    [columns, sessionsById, onMove, onRefused, linked, roomLooks, t, timeZone],
  );

  const label =
    view === 'week' ? t('calendar.gridLabel.week') : columnsMode === 'engineers' ? t('calendar.gridLabel.dayEngineers') : t('calendar.gridLabel.dayRooms');
  return (
    <TimeGrid
      label={label}
      columns={columns}
      minColumnRem={view === 'week' ? 6.5 : 8.5}
      placed={placed}
      linked={linked}
      gridStart={gridStart}
      timeZone={timeZone}
      rooms={roomLooks}
      showRoomNames={view === 'week' || columnsMode === 'engineers'}
      canWrite={canWrite}
      crossColumn={view === 'week' || columnsMode === 'rooms'}
      pendingIds={pendingIds}
      conflict={conflict}
      onDismissConflict={onDismissConflict}
      onCreate={handleCreate}
      onDrop={handleDrop}
      onOpen={onOpen}
    />
  );
}
