import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ExternalLink } from 'lucide-react';
import { PageHeader } from '@/components/page-header.tsx';
import { CopyField } from '@/components/form/copy-field.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Alert, AlertDescription } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent } from '@/components/ui/card.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { publicBookingAddress, publicBookingPath } from '@/pages/public-booking/public-urls.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { BookingPageLogo } from './booking-page-logo.tsx';
import { BookingPageRooms } from './booking-page-rooms.tsx';
import { BookingPolicyForm } from './booking-policy-form.tsx';

/** The studio's public booking page: its address, rules, deposit, cancellation policy, look and rooms. */
export function BookingPageSettingsPage() {
  const { t } = useTranslation();
  const { slug, pathTo, can } = useCurrentStudio();
  const canWrite = can('studio:write');
  const trpc = useStudioTRPC();
  const settings = useQuery(trpc.bookingPage.settings.queryOptions());

  if (settings.isPending) return <Skeleton className="h-96 w-full" />;
  if (settings.isError) return <FormError message={apiErrorMessage(t, settings.error)} />;
  const { rooms, hasOpeningHours, logoVersion, ...policy } = settings.data;
  const offered = rooms.filter((room) => room.publicBooking).length;

  return (
    <>
      <PageHeader title={t('bookingPage.settings.title')} description={t('bookingPage.settings.description')} />
      {!canWrite ? (
        <Alert className="mb-4 max-w-3xl">
          <AlertDescription>{t('bookingPage.settings.readOnly')}</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid max-w-3xl gap-6">
        <Card>
          <CardContent className="grid gap-3">
            <CopyField
              label={t('bookingPage.settings.address')}
              value={publicBookingAddress(slug)}
              copyLabel={t('bookingPage.settings.copyAddress')}
              testId="public-booking-address"
            />
            <div className="flex flex-wrap items-center gap-2">
              <Button asChild variant="outline" size="sm">
                <a href={publicBookingPath(slug)} target="_blank" rel="noreferrer">
                  <ExternalLink aria-hidden="true" />
                  {t('bookingPage.settings.preview')}
                </a>
              </Button>
              <span className="text-sm text-muted-foreground">
                {policy.publicBookingEnabled ? t('bookingPage.settings.isOn') : t('bookingPage.settings.isOff')}
              </span>
            </div>
            {!hasOpeningHours ? (
              <Alert>
                <AlertDescription>
                  {t('bookingPage.settings.noHours')}{' '}
                  <Link className="underline" to={pathTo('settings/hours')}>
                    {t('bookingPage.settings.setHours')}
                  </Link>
                </AlertDescription>
              </Alert>
            ) : null}
            {offered === 0 ? (
              <Alert>
                <AlertDescription>{t('bookingPage.settings.noRooms')}</AlertDescription>
              </Alert>
            ) : null}
          </CardContent>
        </Card>
        <BookingPageRooms rooms={rooms} disabled={!canWrite} />
        <BookingPolicyForm initial={policy} disabled={!canWrite} />
        <BookingPageLogo slug={slug} logoVersion={logoVersion} disabled={!canWrite} />
      </div>
    </>
  );
}
