import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMinor } from '@rsm/shared/money';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Label } from '@/components/ui/label.tsx';
import type { PublicPage } from './public-booking-layout.tsx';

type PublicRoom = PublicPage['rooms'][number];

/** Lengths offered for a room: from its minimum, in its steps, up to a long day. */
export function durationOptions(room: Pick<PublicRoom, 'minDurationMinutes' | 'incrementMinutes'>): number[] {
  const step = room.incrementMinutes;
  const first = Math.ceil(room.minDurationMinutes / step) * step;
  const options: number[] = [];
  for (let minutes = first; minutes <= Math.max(first, 12 * 60) && options.length < 48; minutes += step) options.push(minutes);
  return options;
}

export function formatDuration(minutes: number, t: (key: string, options?: Record<string, unknown>) => string): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('bookingPage.public.minutes', { count: rest });
  return rest === 0 ? t('bookingPage.public.hours', { count: hours }) : t('bookingPage.public.hoursMinutes', { hours, minutes: rest });
}

/** Step 1: the rooms the studio offers, with their rates, and how long. */
export function RoomStep({ page, onChoose }: { page: PublicPage; onChoose: (roomId: string, durationMinutes: number) => void }) {
  const { t } = useTranslation();
  if (page.rooms.length === 0) return <p className="text-muted-foreground">{t('bookingPage.public.noRooms')}</p>;
  return (
    <div className="grid gap-4">
      <h2 className="text-xl font-semibold">{t('bookingPage.public.chooseRoom')}</h2>
      <ul className="grid gap-4 md:grid-cols-2">
        {page.rooms.map((room) => (
          <RoomCard key={room.id} room={room} currency={page.currency} onChoose={onChoose} />
        ))}
      </ul>
    </div>
  );
}

function RoomCard({ room, currency, onChoose }: { room: PublicRoom; currency: string; onChoose: (roomId: string, durationMinutes: number) => void }) {
  const { t, i18n } = useTranslation();
  const options = durationOptions(room);
  const [duration, setDuration] = useState(options[Math.min(options.length - 1, Math.max(0, options.indexOf(120)))] ?? options[0]!);
  const money = (cents: number) => formatMinor(cents, currency, i18n.language);
  const selectId = `duration-${room.id}`;
  return (
    <li>
      <Card className="h-full" data-testid="public-room">
        <CardHeader>
          <CardTitle as="h3" className="flex items-center gap-2">
            <span className="size-3 rounded-full" style={{ backgroundColor: room.color }} aria-hidden="true" />
            {room.name}
          </CardTitle>
          {room.description ? <CardDescription className="whitespace-pre-line">{room.description}</CardDescription> : null}
        </CardHeader>
        <CardContent className="grid gap-3">
          <ul className="grid gap-1 text-sm">
            <li>{t('bookingPage.public.rateHourly', { amount: money(room.hourlyRateCents) })}</li>
            {room.halfDayRateCents !== null ? <li>{t('bookingPage.public.rateHalfDay', { amount: money(room.halfDayRateCents) })}</li> : null}
            {room.dayRateCents !== null ? <li>{t('bookingPage.public.rateDay', { amount: money(room.dayRateCents) })}</li> : null}
            {room.hourlyRateWithEngineerCents !== null ? (
              <li>{t('bookingPage.public.rateWithEngineer', { amount: money(room.hourlyRateWithEngineerCents) })}</li>
            ) : null}
            <li className="text-muted-foreground">{t('bookingPage.public.minimum', { duration: formatDuration(room.minDurationMinutes, t) })}</li>
          </ul>
          <div className="grid gap-2">
            <Label htmlFor={selectId}>{t('bookingPage.public.duration')}</Label>
            <select
              id={selectId}
              className="h-9 rounded-md border bg-background px-3 text-sm"
              value={duration}
              onChange={(event) => setDuration(Number(event.target.value))}
            >
              {options.map((minutes) => (
                <option key={minutes} value={minutes}>
                  {formatDuration(minutes, t)}
                </option>
              ))}
            </select>
          </div>
          <Button onClick={() => onChoose(room.id, duration)}>{t('bookingPage.public.seeTimes')}</Button>
        </CardContent>
      </Card>
    </li>
  );
}
