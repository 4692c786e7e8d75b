import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { wallClock, zonedTimeToInstant } from '@rsm/shared/zoned-time';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useCurrentPortal, type PortalSessionDetail } from './portal-context.ts';
import { studioFormatter, TIME_OF_DAY } from '@/lib/studio-time.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** The day in the studio's zone as `YYYY-MM-DD`, and that day's [start, next start) instants. */
function dayOf(iso: string, timeZone: string): string {
  const w = wallClock(new Date(iso), timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}
function dayRange(day: string, timeZone: string): { from: string; to: string } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const from = zonedTimeToInstant({ year: y, month: m, day: d, hour: 0, minute: 0 }, timeZone);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  const to = zonedTimeToInstant({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0 }, timeZone);
  return { from: from.toISOString(), to: to.toISOString() };
}

/** Pick a day, then a free start time of the same room and length (from the studio's availability); the server checks again. */
export function PortalReschedule({ session, onDone, onCancel }: { session: PortalSessionDetail; onDone: () => Promise<void>; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const trpc = useStudioTRPC();
  const { studio } = useCurrentPortal();
  const [day, setDay] = useState(() => dayOf(session.startsAt, studio.timeZone));
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const range = dayRange(day, studio.timeZone);
  const slots = useQuery(
    trpc.portal.rescheduleSlots.queryOptions({ id: session.id, from: range?.from ?? '', to: range?.to ?? '' }, { enabled: range !== null }),
  );
  const move = useMutation(trpc.portal.reschedule.mutationOptions());
  const time = studioFormatter(i18n.language, studio.timeZone, TIME_OF_DAY);

  const confirm = async () => {
    if (!chosen) return;
    setError(null);
    try {
      await move.mutateAsync({ id: session.id, startsAt: chosen });
      await onDone();
    } catch (failure) {
      setError(apiErrorMessage(t, failure));
      await slots.refetch();
    }
  };

  return (
    <div className="grid gap-3">
      <div className="grid gap-2 sm:max-w-xs">
        <Label htmlFor="portal-reschedule-day">{t('portal.reschedule.day')}</Label>
        <Input
          id="portal-reschedule-day"
          type="date"
          value={day}
          onChange={(e) => {
            setDay(e.target.value);
            setChosen(null);
          }}
        />
      </div>
      {slots.isFetching && !slots.data ? (
        <Skeleton className="h-10 w-full" />
      ) : slots.isError ? (
        <FormError message={apiErrorMessage(t, slots.error)} />
      ) : slots.data && slots.data.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t('portal.reschedule.none')}</p>
      ) : (
        <div role="radiogroup" aria-label={t('portal.reschedule.times')} className="grid grid-cols-2 gap-2 sm:grid-cols-3">
          {(slots.data ?? []).map((slot) => (
            <Button
              key={slot.startsAt}
              type="button"
              size="sm"
              role="radio"
              aria-checked={chosen === slot.startsAt}
              variant={chosen === slot.startsAt ? 'default' : 'outline'}
              onClick={() => setChosen(slot.startsAt)}
            >
              {time.format(new Date(slot.startsAt))} – {time.format(new Date(slot.endsAt))}
            </Button>
          ))}
        </div>
      )}
      <FormError message={error} />
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => void confirm()} disabled={!chosen} loading={move.isPending}>
          {t('portal.reschedule.confirm')}
        </Button>
        <Button variant="outline" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">{t('portal.reschedule.depositStays')}</p>
    </div>
  );
}
