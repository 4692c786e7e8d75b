import { Link, Navigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useContentMark } from '@/lib/use-content-mark.ts';
import { useCurrentStudio } from '../studio-context.ts';
import { SummaryCards } from './summary-cards.tsx';
import { DashboardRooms } from './dashboard-rooms.tsx';
import { NextStepsCard } from './next-steps-card.tsx';

export function DashboardPage() {
  const { t } = useTranslation();
  const { studio, pathTo, can } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const summary = useQuery(trpc.dashboard.summary.queryOptions());
  useContentMark('dashboard', summary.isSuccess);

  // A studio that never finished onboarding has nothing to show yet.
  if (!studio.onboardedAt && can('studio:write')) return <Navigate to={pathTo('onboarding')} replace />;

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        description={t('dashboard.welcome', { studio: studio.name })}
        actions={
          can('rooms:write') ? (
            <Button asChild variant="outline">
              <Link to={pathTo('settings/rooms')}>{t('dashboard.manageRooms')}</Link>
            </Button>
          ) : null
        }
      />
      {summary.isPending ? (
        <div className="grid gap-4" role="status" aria-label={t('common.loading')}>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {[0, 1, 2, 3].map((card) => (
              <Skeleton key={card} className="h-28" />
            ))}
          </div>
          <Skeleton className="h-48" />
        </div>
      ) : summary.isError ? (
        <FormError message={apiErrorMessage(t, summary.error)} />
      ) : (
        <div className="grid gap-6">
          {can('studio:write') ? <NextStepsCard /> : null}
          <SummaryCards summary={summary.data} />
          <DashboardRooms rooms={summary.data.rooms} currency={studio.currency} />
        </div>
      )}
    </>
  );
}
