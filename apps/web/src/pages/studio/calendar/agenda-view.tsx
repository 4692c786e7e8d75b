import { useMemo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { CalendarX } from 'lucide-react';
import { EmptyState } from '@/components/empty-state.tsx';
import type { CalendarSession } from '@/lib/trpc/types.ts';
import { formatDay, formatTimeRange } from './calendar-format.ts';
import type { DayKey } from './dates.ts';
import { sessionsByStartDay } from './month-view.tsx';
import { moveFocusInOrder } from './focus-navigation.ts';
import { StatusTag } from './session-block.tsx';
import type { RoomLook } from './time-grid.tsx';

type AgendaViewProps = {
  days: readonly DayKey[];
  today: DayKey;
  sessions: readonly CalendarSession[];
  roomLooks: ReadonlyMap<string, RoomLook>;
  timeZone: string;
  onOpen: (sessionId: string) => void;
};

/** The week as a list, one heading per day with sessions: the phone's default view. */
export function AgendaView({ days, today, sessions, roomLooks, timeZone, onOpen }: AgendaViewProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const byDay = useMemo(() => sessionsByStartDay(sessions, timeZone), [sessions, timeZone]);
  const shown = days.filter((day) => byDay.has(day));
  if (shown.length === 0) return <EmptyState icon={CalendarX} title={t('calendar.agendaEmpty')} />;
  return (
    <div className="grid gap-5" data-testid="calendar-agenda" onKeyDown={moveFocusInOrder}>
      {shown.map((day) => (
        <section key={day} aria-labelledby={`agenda-${day}`} className="grid gap-2">
          <h2 id={`agenda-${day}`} className="text-sm font-semibold">
            {formatDay(day, locale, { weekday: 'long', day: 'numeric', month: 'long' })}
            {day === today ? <span className="ml-2 text-xs font-normal text-muted-foreground">{t('calendar.today')}</span> : null}
          </h2>
          <ul className="grid gap-2">
            {byDay.get(day)!.map((session) => {
              const room = roomLooks.get(session.roomId);
              return (
                <li key={session.id}>
                  <button
                    type="button"
                    data-session-id={session.id}
                    data-status={session.status}
                    data-queued={session.queued || undefined}
                    onClick={() => onOpen(session.id)}
                    className="calendar-block flex w-full flex-col gap-0.5 rounded-md px-3 py-2 text-left text-sm focus-visible:ring-[3px] focus-visible:ring-ring focus-visible:outline-none"
                    style={{ '--room': room?.color ?? '#64748b' } as CSSProperties}
                  >
                    <span className="flex flex-wrap items-baseline justify-between gap-x-3">
                      <span className="calendar-block-title font-medium">{session.title}</span>
                      <span className="text-xs tabular-nums">{formatTimeRange(session.startsAt, session.endsAt, locale, timeZone)}</span>
                    </span>
                    <span className="text-xs opacity-80">{[room?.name, session.clientName].filter(Boolean).join(' · ')}</span>
                    <StatusTag session={session} timeZone={timeZone} />
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
