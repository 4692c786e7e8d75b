import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import type { Engineer } from '@/lib/trpc/types.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { AddDatedRange, DatedRangeList } from '../hours/dated-ranges.tsx';
import { WeekHoursForm } from '../hours/week-hours-form.tsx';
import { weekFromWorking, workingRowsOf } from '../hours/weekly-hours.ts';

/** One engineer's weekly working hours and time off. */
export function EngineerHoursDialog({ engineer, onClose }: { engineer: Engineer; onClose: () => void }) {
  const { t } = useTranslation();
  const { can, studio } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const hours = useQuery(trpc.booking.hours.queryOptions());
  const setHours = useMutation(trpc.booking.setEngineerHours.mutationOptions());
  const addTimeOff = useMutation(trpc.booking.addTimeOff.mutationOptions());
  const removeTimeOff = useMutation(trpc.booking.removeTimeOff.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.booking.hours.queryKey() });
  const canWrite = can('resources:write');
  const rows = hours.data?.engineerHours.filter((row) => row.engineerId === engineer.id) ?? [];
  const timeOff = hours.data?.timeOff.filter((item) => item.engineerId === engineer.id) ?? [];

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>{t('engineerHours.title', { name: engineer.name })}</DialogTitle>
          <DialogDescription>{t('engineerHours.description', { timeZone: studio.timeZone })}</DialogDescription>
        </DialogHeader>
        {hours.isPending ? (
          <Skeleton className="h-80" />
        ) : hours.isError ? (
          <FormError message={apiErrorMessage(t, hours.error)} />
        ) : (
          <>
            <section className="grid gap-2" aria-labelledby="engineer-working-hours">
              <h3 id="engineer-working-hours" className="text-sm font-medium">
                {t('engineerHours.working')}
              </h3>
              <p className="text-sm text-muted-foreground">{t('engineerHours.workingHint', { name: engineer.name })}</p>
              <WeekHoursForm
                key={JSON.stringify(rows)}
                kind="working"
                initial={weekFromWorking(rows)}
                canWrite={canWrite}
                label={t('engineerHours.working')}
                onSave={async (week) => {
                  await setHours.mutateAsync({ engineerId: engineer.id, hours: workingRowsOf(week) });
                  await refresh();
                  toast(t('engineerHours.saved', { name: engineer.name }));
                }}
              />
            </section>
            <section className="grid gap-3" aria-labelledby="engineer-time-off">
              <h3 id="engineer-time-off" className="text-sm font-medium">
                {t('engineerHours.timeOff')}
              </h3>
              <DatedRangeList
                items={timeOff}
                empty={t('engineerHours.noTimeOff')}
                canWrite={canWrite}
                testId="time-off-list"
                texts={{
                  remove: t('engineerHours.removeTimeOff'),
                  removeTitle: t('engineerHours.removeTitle'),
                  removeDescription: t('engineerHours.removeDescription', { name: engineer.name }),
                }}
                onRemove={async (item) => {
                  await removeTimeOff.mutateAsync({ id: item.id });
                  await refresh();
                  toast(t('engineerHours.timeOffRemoved'));
                }}
              />
              {canWrite ? (
                <AddDatedRange
                  openLabel={t('engineerHours.addTimeOff')}
                  label={t('engineerHours.addTimeOff')}
                  submitLabel={t('engineerHours.submitTimeOff')}
                  onSubmit={async ({ startsAt, endsAt, reason }) => {
                    await addTimeOff.mutateAsync({ engineerId: engineer.id, startsAt, endsAt, reason });
                    await refresh();
                    toast(t('engineerHours.timeOffAdded', { name: engineer.name }));
                  }}
                />
              ) : null}
            </section>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
