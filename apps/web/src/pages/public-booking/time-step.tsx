import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { formatMinor } from '@rsm/shared/money';
import { Button } from '@/components/ui/button.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { cn } from '@/lib/cn.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { addDays, dayKeyOf, dayStart, type DayKey } from '@/pages/studio/calendar/dates.ts';
import { formatDay } from '@/pages/studio/calendar/calendar-format.ts';
import type { PublicPage } from './public-booking-layout.tsx';
import { bookingPageErrorMessage } from './public-booking-errors.ts';
import { formatDuration } from './room-step.tsx';
import { studioFormatter, TIME_OF_DAY } from '@/lib/studio-time.ts';
import { slotsByDay } from './slots-by-day.ts';

export type ChosenSlot = { roomId: string; startsAt: string; endsAt: string };

const visitorZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Step 2: a week of bookable starts from the booking engine, in the studio's time zone. */
export function TimeStep({
  page,
  roomId,
  durationMinutes,
  initialWeek,
  onBack,
  onChoose,
}: {
  page: PublicPage;
  roomId: string;
  durationMinutes: number;
  initialWeek: DayKey | null;
  onBack: () => void;
  onChoose: (slot: ChosenSlot, week: DayKey) => void;
}) {
  const { t, i18n } = useTranslation();
  const trpc = useStudioTRPC();
  const zone = page.timeZone;
  const today = dayKeyOf(new Date(), zone);
  const lastDay = addDays(today, page.bookingWindowDays);
  const [week, setWeek] = useState<DayKey>(initialWeek ?? today);
  const [chosen, setChosen] = useState<ChosenSlot | null>(null);
  const days = useMemo(() => Array.from({ length: 7 }, (_, i) => addDays(week, i)), [week]);
  const room = page.rooms.find((r) => r.id === roomId);
  // One day more than the week: a session starting late on its last day may end after midnight.
  const slots = useQuery(
    trpc.publicBooking.availability.queryOptions(
      { roomId, from: dayStart(week, zone).toISOString(), to: dayStart(addDays(week, 8), zone).toISOString(), durationMinutes },
      { retry: false },
    ),
  );
  const quote = useQuery(trpc.publicBooking.quote.queryOptions(chosen ?? { roomId, startsAt: '', endsAt: '' }, { enabled: !!chosen, retry: false }));
  const byDay = useMemo(() => slotsByDay(slots.data ?? [], zone), [slots.data, zone]);
  const time = studioFormatter(i18n.language, zone, TIME_OF_DAY);
  const otherZone = visitorZone() !== zone ? visitorZone() : null;
  const money = (cents: number) => formatMinor(cents, page.currency, i18n.language);

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-xl font-semibold">
          {t('bookingPage.public.chooseTime', { room: room?.name ?? '', duration: formatDuration(durationMinutes, t) })}
        </h2>
        <Button variant="ghost" size="sm" onClick={onBack}>
          {t('bookingPage.public.changeRoom')}
        </Button>
      </div>
      <p className="text-sm text-muted-foreground">
        {t('bookingPage.public.zoneNote', { zone })}
        {otherZone ? ` ${t('bookingPage.public.visitorZoneNote', { zone: otherZone })}` : ''}
      </p>
      <div className="flex items-center gap-2">
        <Button
          variant="outline"
          size="icon"
          disabled={week <= today}
          onClick={() => setWeek(addDays(week, -7) < today ? today : addDays(week, -7))}
          aria-label={t('bookingPage.public.previousWeek')}
        >
          <ChevronLeft aria-hidden="true" />
        </Button>
        <p className="flex-1 text-center font-medium" aria-live="polite" data-testid="week-label">
          {formatDay(week, i18n.language, { day: 'numeric', month: 'short' })} –{' '}
          {formatDay(addDays(week, 6), i18n.language, { day: 'numeric', month: 'short', year: 'numeric' })}
        </p>
        <Button
          variant="outline"
          size="icon"
          disabled={addDays(week, 7) > lastDay}
          onClick={() => setWeek(addDays(week, 7))}
          aria-label={t('bookingPage.public.nextWeek')}
          data-testid="next-week"
        >
          <ChevronRight aria-hidden="true" />
        </Button>
      </div>
      {slots.isPending ? (
        <Skeleton className="h-48 w-full" />
      ) : slots.isError ? (
        <FormError message={bookingPageErrorMessage(t, slots.error)} />
      ) : (
        <>
          {days.every((day) => !byDay.get(day)?.length) ? (
            <p className="rounded-md border bg-background p-4 text-sm text-muted-foreground">{t('bookingPage.public.noSlotsThisWeek')}</p>
          ) : null}
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            {days.map((day) => {
              const daySlots = byDay.get(day) ?? [];
              if (daySlots.length === 0) return null;
              return (
                <section
                  key={day}
                  className="grid content-start gap-2 rounded-md border bg-background p-3"
                  aria-label={formatDay(day, i18n.language, { weekday: 'long', day: 'numeric', month: 'long' })}
                >
                  <h3 className="text-sm font-medium first-letter:uppercase">
                    {formatDay(day, i18n.language, { weekday: 'long', day: 'numeric', month: 'short' })}
                  </h3>
                  <div className="flex flex-wrap gap-1.5">
                    {daySlots.map((slot) => {
                      const selected = chosen?.startsAt === slot.startsAt;
                      return (
                        <button
                          key={slot.startsAt}
                          type="button"
                          aria-pressed={selected}
                          data-testid="slot"
                          data-starts-at={slot.startsAt}
                          onClick={() => setChosen({ roomId, startsAt: slot.startsAt, endsAt: slot.endsAt })}
                          className={cn(
                            'rounded-md border px-2.5 py-1.5 text-sm tabular-nums transition-colors',
                            selected ? 'border-primary bg-primary text-primary-foreground' : 'hover:bg-accent',
                          )}
                        >
                          {time.format(new Date(slot.startsAt))}
                          {slot.nextDay ? <span className="ml-1 text-xs opacity-70"> {t('bookingPage.public.nextDay')}</span> : null}
                        </button>
                      );
                    })}
                  </div>
                </section>
              );
            })}
          </div>
        </>
      )}
      {chosen ? (
        <div className="sticky bottom-0 grid gap-2 rounded-md border bg-background p-4 shadow-sm sm:flex sm:items-center sm:justify-between">
          <div className="text-sm">
            <p className="font-medium first-letter:uppercase">
              {formatDay(dayKeyOf(new Date(chosen.startsAt), zone), i18n.language, { weekday: 'long', day: 'numeric', month: 'long' })} ·{' '}
              {time.format(new Date(chosen.startsAt))}–{time.format(new Date(chosen.endsAt))}
            </p>
            {quote.data ? (
              <p className="text-muted-foreground" data-testid="slot-quote">
                {t('bookingPage.public.price', { amount: money(quote.data.totalCents) })}
                {quote.data.depositCents > 0 ? ` · ${t('bookingPage.deposit.amount', { amount: money(quote.data.depositCents) })}` : ''}
              </p>
            ) : null}
          </div>
          <Button onClick={() => onChoose(chosen, week)} data-testid="continue-to-details">
            {t('bookingPage.public.continue')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
