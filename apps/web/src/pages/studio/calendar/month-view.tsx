import { useMemo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarSession } from '@/lib/trpc/types.ts';
import { cn } from '@/lib/cn.ts';
import { formatDay, formatTime } from './calendar-format.ts';
import type { DayKey } from './dates.ts';
import { wallSpan } from './layout.ts';
import { moveFocusInOrder } from './focus-navigation.ts';
import type { RoomLook } from './time-grid.tsx';

const CHIPS_PER_DAY = 3;

/** Sessions grouped by the studio day they start on, each day in start order. */
export function sessionsByStartDay(sessions: readonly CalendarSession[], timeZone: string): Map<DayKey, CalendarSession[]> {
  const byDay = new Map<DayKey, CalendarSession[]>();
  for (const session of sessions) {
    const day = wallSpan(session, timeZone).startDay;
    const list = byDay.get(day);
    if (list) list.push(session);
    else byDay.set(day, [session]);
  }
  for (const list of byDay.values()) list.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return byDay;
}

type MonthViewProps = {
  days: readonly DayKey[];
  anchor: DayKey;
  today: DayKey;
  sessions: readonly CalendarSession[];
  roomLooks: ReadonlyMap<string, RoomLook>;
  timeZone: string;
  onOpen: (sessionId: string) => void;
  onOpenDay: (day: DayKey) => void;
};

export function MonthView({ days, anchor, today, sessions, roomLooks, timeZone, onOpen, onOpenDay }: MonthViewProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const byDay = useMemo(() => sessionsByStartDay(sessions, timeZone), [sessions, timeZone]);
  const month = anchor.slice(0, 7);
  return (
    <div
      role="region"
      aria-label={t('calendar.gridLabel.month')}
      className="overflow-hidden rounded-lg border bg-background"
      data-testid="calendar-month"
      onKeyDown={moveFocusInOrder}
    >
      <div className="grid grid-cols-7 border-b bg-muted/50">
        {days.slice(0, 7).map((day) => (
          <div key={day} className="px-2 py-1.5 text-center text-xs font-medium text-muted-foreground">
            <span aria-hidden="true">{formatDay(day, locale, { weekday: 'short' })}</span>
            <span className="sr-only">{formatDay(day, locale, { weekday: 'long' })}</span>
          </div>
        ))}
      </div>
      {[0, 1, 2, 3, 4, 5].map((week) => (
        <div key={week} className="grid grid-cols-7 border-b last:border-b-0">
          {days.slice(week * 7, week * 7 + 7).map((day) => {
            const own = byDay.get(day) ?? [];
            const hidden = own.length - CHIPS_PER_DAY;
            return (
              <div
                key={day}
                className={cn(
                  'flex min-h-24 min-w-0 flex-col gap-0.5 border-l p-1 first:border-l-0',
                  !day.startsWith(month) && 'bg-muted/40 text-muted-foreground',
                )}
              >
                <button
                  type="button"
                  onClick={() => onOpenDay(day)}
                  aria-label={t('calendar.openDay', { day: formatDay(day, locale, { weekday: 'long', day: 'numeric', month: 'long' }) })}
                  className={cn(
                    'flex size-6 items-center justify-center self-end rounded-full text-xs tabular-nums hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none',
                    day === today && 'bg-primary font-semibold text-primary-foreground hover:bg-primary/90',
                  )}
                >
                  {Number(day.slice(8))}
                </button>
                {own.slice(0, CHIPS_PER_DAY).map((session) => (
                  <button
                    key={session.id}
                    type="button"
                    data-session-id={session.id}
                    data-status={session.status}
                    data-queued={session.queued || undefined}
                    onClick={() => onOpen(session.id)}
                    className="calendar-block truncate rounded-sm px-1 py-px text-left text-[0.7rem] leading-tight focus-visible:ring-[3px] focus-visible:ring-ring focus-visible:outline-none"
                    style={{ '--room': roomLooks.get(session.roomId)?.color ?? '#64748b' } as CSSProperties}
                  >
                    <span className="tabular-nums">{formatTime(session.startsAt, locale, timeZone)}</span>{' '}
                    <span className="calendar-block-title">{session.title}</span>
                    {session.status === 'hold' ? (
                      <span className="sr-only"> — {session.queued ? t('calendar.status.queued') : t('calendar.status.hold')}</span>
                    ) : null}
                  </button>
                ))}
                {hidden > 0 ? (
                  <button
                    type="button"
                    onClick={() => onOpenDay(day)}
                    className="truncate rounded-sm px-1 text-left text-[0.7rem] text-muted-foreground hover:bg-accent"
                  >
                    {t('calendar.more', { count: hidden })}
                  </button>
                ) : null}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
