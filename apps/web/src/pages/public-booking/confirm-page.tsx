import { useSearchParams, Link } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CalendarCheck, CalendarClock, Hourglass } from 'lucide-react';
import { formatMinor } from '@rsm/shared/money';
import { Button } from '@/components/ui/button.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import type { RouterOutputs } from '@/lib/trpc/types.ts';
import { formatDay } from '@/pages/studio/calendar/calendar-format.ts';
import { dayKeyOf } from '@/pages/studio/calendar/dates.ts';
import { usePublicBooking, type PublicPage } from './public-booking-layout.tsx';
import { bookingPageErrorMessage, bookingPageReason } from './public-booking-errors.ts';
import { publicBookingPath } from './public-urls.ts';
import { studioFormatter, TIME_OF_DAY } from '@/lib/studio-time.ts';
import { formatDateTime } from '@/lib/studio-time.ts';

type Booked = RouterOutputs['publicBooking']['confirm'];

function useSpan(page: PublicPage) {
  const { i18n } = useTranslation();
  const time = studioFormatter(i18n.language, page.timeZone, TIME_OF_DAY);
  return (startsAt: string, endsAt: string) =>
    `${formatDay(dayKeyOf(new Date(startsAt), page.timeZone), i18n.language, { weekday: 'long', day: 'numeric', month: 'long' })} · ${time.format(new Date(startsAt))}–${time.format(new Date(endsAt))}`;
}

/**
 * The page behind the e-mailed link: it shows the request and books only when the button is pressed,
 * so a mail scanner opening the link books nothing.
 */
export function ConfirmPage() {
  const { t } = useTranslation();
  const { slug, page } = usePublicBooking();
  const trpc = useStudioTRPC();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const peek = useQuery(trpc.publicBooking.peek.queryOptions({ token }, { enabled: token.length >= 20, retry: false, refetchOnWindowFocus: false }));
  const confirm = useMutation(trpc.publicBooking.confirm.mutationOptions());
  const span = useSpan(page);
  const back = (
    <Button asChild variant="outline">
      <Link to={publicBookingPath(slug)}>{t('bookingPage.public.backToCalendar')}</Link>
    </Button>
  );

  if (confirm.data) return <Done slug={slug} page={page} booked={confirm.data} />;
  if (confirm.error) {
    return (
      <div className="grid gap-4 rounded-lg border bg-background p-6" data-testid="confirm-refused">
        <FormError message={bookingPageErrorMessage(t, confirm.error)} />
        {bookingPageReason(confirm.error) === 'slotTaken' ? <p className="text-sm text-muted-foreground">{t('bookingPage.public.pickAnother')}</p> : null}
        <div>{back}</div>
      </div>
    );
  }
  if (token.length < 20 || peek.isError) {
    return (
      <div className="grid gap-4 rounded-lg border bg-background p-6">
        <FormError message={peek.error ? bookingPageErrorMessage(t, peek.error) : t('bookingPage.errors.tokenInvalid')} />
        <div>{back}</div>
      </div>
    );
  }
  if (!peek.data) return <Skeleton className="h-40 w-full" />;
  return (
    <div className="grid gap-4 rounded-lg border bg-background p-6" data-testid="confirm-request">
      <h2 className="text-xl font-semibold">{t('bookingPage.public.confirmTitle')}</h2>
      <p>{t('bookingPage.public.confirmBody', { name: peek.data.name })}</p>
      <p className="rounded-md border p-3 text-sm font-medium first-letter:uppercase">
        {peek.data.roomName} · {span(peek.data.startsAt, peek.data.endsAt)}
      </p>
      <Button className="sm:w-fit" loading={confirm.isPending} onClick={() => confirm.mutate({ token })} data-testid="confirm-booking">
        {t('bookingPage.public.confirmButton')}
      </Button>
    </div>
  );
}

function Done({ slug, page, booked }: { slug: string; page: PublicPage; booked: Booked }) {
  const { t, i18n } = useTranslation();
  const span = useSpan(page);
  const Icon = booked.outcome === 'confirmed' ? CalendarCheck : booked.outcome === 'pending' ? Hourglass : CalendarClock;
  const money = (cents: number) => formatMinor(cents, booked.currency, i18n.language);
  const at = (iso: string) => formatDateTime(iso, i18n.language, page.timeZone);
  return (
    <div className="grid gap-4 rounded-lg border bg-background p-6" data-testid="booking-done" data-outcome={booked.outcome}>
      <div className="flex items-center gap-3">
        <Icon className="size-8 text-primary" aria-hidden="true" />
        <h2 className="text-xl font-semibold">{t(`bookingPage.public.done.${booked.outcome}.title`)}</h2>
      </div>
      <p>
        {booked.holdExpiresAt && booked.outcome !== 'confirmed'
          ? t(`bookingPage.public.done.${booked.outcome}.bodyUntil`, { until: at(booked.holdExpiresAt) })
          : t(`bookingPage.public.done.${booked.outcome}.body`)}
      </p>
      <p className="rounded-md border p-3 text-sm first-letter:uppercase">
        <span className="font-medium">{booked.roomName}</span> · {span(booked.startsAt, booked.endsAt)} · {money(booked.priceCents)}
      </p>
      {booked.depositCents > 0 ? (
        <div className="grid gap-1 rounded-md border p-3 text-sm" data-testid="deposit-instructions">
          <p className="font-medium">
            {booked.depositDueAt
              ? t('bookingPage.public.depositDue', { amount: money(booked.depositCents), date: at(booked.depositDueAt) })
              : t('bookingPage.deposit.amount', { amount: money(booked.depositCents) })}
          </p>
          {booked.transferDetails ? (
            <p className="whitespace-pre-line">{t('bookingPage.public.transferDetails', { details: booked.transferDetails })}</p>
          ) : null}
          <p className="text-muted-foreground">{t('bookingPage.public.depositConfirmed')}</p>
          {booked.depositToken ? (
            <Button asChild className="mt-2 sm:w-fit" data-testid="pay-deposit-online">
              <Link to={`${publicBookingPath(slug, 'deposit')}?token=${encodeURIComponent(booked.depositToken)}`}>{t('bookingPage.public.payOnline')}</Link>
            </Button>
          ) : null}
        </div>
      ) : null}
      <p className="text-sm text-muted-foreground">{t('bookingPage.public.emailSent')}</p>
    </div>
  );
}
