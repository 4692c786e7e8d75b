import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CalendarDays } from 'lucide-react';
import { EmptyState } from '@/components/empty-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import type { CalendarSession } from '@/lib/trpc/types.ts';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useContentMark } from '@/lib/use-content-mark.ts';
import { useCurrentStudio } from '../studio-context.ts';
import { SessionUsageNotice } from '../usage/session-usage.tsx';
import { AgendaView } from './agenda-view.tsx';
import { BookingRequestsButton } from './booking-requests-button.tsx';
import { formatRangeLabel } from './calendar-format.ts';
import { CalendarToolbar, type ColumnsMode } from './calendar-toolbar.tsx';
import { shiftAnchor, viewRange, type CalendarView, type DayKey } from './dates.ts';
import { GridView, type SessionDraft } from './grid-view.tsx';
import { MonthView } from './month-view.tsx';
import { NewSessionDialog } from './new-session-dialog.tsx';
import { SessionPanel } from './session-panel.tsx';
import type { GridConflict, RoomLook } from './time-grid.tsx';
import { useCalendarData, useMoveSession } from './use-calendar-data.ts';
import { useCalendarParams } from './use-calendar-params.ts';
import { useProposedSession } from './use-proposed-session.ts';

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));
}

export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const { studio, can } = useCurrentStudio();
  const timeZone = studio.timeZone;
  const canWrite = can('sessions:write');
  const { view, date, today, go } = useCalendarParams(timeZone);
  const [roomIds, setRoomIds] = useState<string[] | null>(null);
  const [engineerIds, setEngineerIds] = useState<string[] | null>(null);
  const [columnsMode, setColumnsMode] = useState<ColumnsMode>('rooms');
  const [showCancelled, setShowCancelled] = useState(false);
  const [draft, setDraft] = useState<SessionDraft | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [conflict, setConflict] = useState<GridConflict | null>(null);

  const range = useMemo(() => viewRange(view, date, timeZone), [view, date, timeZone]);
  const { resources, sessions, listKey } = useCalendarData(range, showCancelled);
  const onRefused = useCallback((sessionId: string, message: string) => setConflict({ sessionId, message }), []);
  const { move, pendingIds } = useMoveSession(listKey, onRefused);
  useContentMark('calendar', resources.isSuccess && sessions.isSuccess);

  const allRooms = useMemo(() => resources.data?.rooms ?? [], [resources.data]);
  const allEngineers = useMemo(() => resources.data?.engineers ?? [], [resources.data]);
  const rooms = useMemo(() => (roomIds ? allRooms.filter((room) => roomIds.includes(room.id)) : allRooms), [allRooms, roomIds]);
  const engineers = useMemo(
    () => (engineerIds ? allEngineers.filter((engineer) => engineerIds.includes(engineer.id)) : allEngineers),
    [allEngineers, engineerIds],
  );
  const roomLooks = useMemo(
    () =>
      new Map<string, RoomLook>(
        allRooms.map((room) => [room.id, { name: room.name, color: room.color, step: room.incrementMinutes, minimum: room.minDurationMinutes }]),
      ),
    [allRooms],
  );
  const shown = useMemo(() => {
    const list = sessions.data ?? [];
    const roomSet = roomIds ? new Set(roomIds) : null;
    const engineerSet = engineerIds ? new Set(engineerIds) : null;
    if (!roomSet && !engineerSet) return list;
    return list.filter((session) => (!roomSet || roomSet.has(session.roomId)) && (!engineerSet || session.engineerIds.some((id) => engineerSet.has(id))));
  }, [sessions.data, roomIds, engineerIds]);
  const sessionsById = useMemo(() => new Map<string, CalendarSession>((sessions.data ?? []).map((session) => [session.id, session])), [sessions.data]);

  const openSession = useCallback((sessionId: string) => {
    setConflict(null);
    setOpenId(sessionId);
  }, []);
  const openDay = useCallback((day: DayKey) => go({ view: 'day', date: day }), [go]);
  const moveSession = useCallback(
    (request: Parameters<typeof move>[0]) => {
      setConflict(null);
      move(request);
    },
    [move],
  );
  const createAt = useCallback((next: SessionDraft) => {
    setConflict(null);
    setDraft(next);
  }, []);

  const proposeSession = useProposedSession(rooms[0], date, today, timeZone);
  const newSession = useCallback(() => {
    setConflict(null);
    void proposeSession().then(setDraft);
  }, [proposeSession]);

  useEffect(() => {
    if (!canWrite) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'n' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('[role="dialog"], [role="alertdialog"], [role="menu"]')) return;
      event.preventDefault();
      newSession();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canWrite, newSession]);

  const label = formatRangeLabel(view, range.days, date, i18n.language);
  const changeView = (next: CalendarView) => go({ view: next });

  let body;
  if (resources.isPending || (sessions.isPending && !sessions.data)) {
    body = <Skeleton className="h-96 w-full" />;
  } else if (resources.isError || sessions.isError) {
    body = <FormError message={apiErrorMessage(t, resources.error ?? sessions.error)} />;
  } else if (allRooms.length === 0) {
    body = <EmptyState icon={CalendarDays} title={t('calendar.noRoomsTitle')} description={t('calendar.noRoomsDescription')} />;
  } else if (rooms.length === 0) {
    body = (
      <EmptyState
        icon={CalendarDays}
        title={t('calendar.noRoomSelected')}
        action={
          <Button variant="outline" onClick={() => setRoomIds(null)}>
            {t('calendar.filters.allRooms')}
          </Button>
        }
      />
    );
  } else if (view === 'day' || view === 'week') {
    body = (
      <GridView
        view={view}
        days={range.days}
        today={today}
        columnsMode={columnsMode}
        rooms={rooms}
        engineers={engineers}
        sessions={shown}
        allSessions={sessions.data ?? []}
        roomLooks={roomLooks}
        timeZone={timeZone}
        canWrite={canWrite}
        pendingIds={pendingIds}
        conflict={conflict}
        onDismissConflict={() => setConflict(null)}
        onCreate={createAt}
        onMove={moveSession}
        onRefused={onRefused}
        onOpen={openSession}
        onOpenDay={openDay}
      />
    );
  } else if (view === 'month') {
    body = (
      <MonthView
        days={range.days}
        anchor={date}
        today={today}
        sessions={shown}
        roomLooks={roomLooks}
        timeZone={timeZone}
        onOpen={openSession}
        onOpenDay={openDay}
      />
    );
  } else {
    body = <AgendaView days={range.days} today={today} sessions={shown} roomLooks={roomLooks} timeZone={timeZone} onOpen={openSession} />;
  }

  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        description={t('calendar.description', { timeZone })}
        actions={canWrite ? <BookingRequestsButton onOpenSession={openSession} /> : null}
      />
      <CalendarToolbar
        view={view}
        label={label}
        onView={changeView}
        onToday={() => go({ date: today })}
        onStep={(direction) => go({ date: shiftAnchor(view, date, direction) })}
        rooms={allRooms}
        roomIds={roomIds}
        onRoomIds={setRoomIds}
        engineers={allEngineers}
        engineerIds={engineerIds}
        onEngineerIds={setEngineerIds}
        columnsMode={columnsMode}
        onColumnsMode={setColumnsMode}
        showCancelled={showCancelled}
        onShowCancelled={setShowCancelled}
        canWrite={canWrite && allRooms.length > 0}
        onNew={newSession}
        notice={canWrite ? <SessionUsageNotice /> : null}
      />
      {view === 'day' && columnsMode === 'engineers' && engineers.length === 0 && resources.data ? (
        <EmptyState icon={CalendarDays} title={t('calendar.noEngineersTitle')} description={t('calendar.noEngineersDescription')} />
      ) : (
        body
      )}
      {draft && resources.data ? <NewSessionDialog draft={draft} resources={resources.data} onClose={() => setDraft(null)} /> : null}
      {openId && resources.data ? (
        <SessionPanel sessionId={openId} listed={sessionsById.get(openId)} resources={resources.data} onClose={() => setOpenId(null)} />
      ) : null}
    </>
  );
}
