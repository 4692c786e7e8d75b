import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Repeat } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import type { CalendarSession } from '@/lib/trpc/types.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';

/** The server cancels the held and confirmed occurrences from this one on; the others keep their history. */
const CANCELLABLE = new Set<CalendarSession['status']>(['hold', 'confirmed']);

/** "Cancel this and the following occurrences", for a session that belongs to a series. */
export function SeriesCancel({ session, onCancelled }: { session: CalendarSession; onCancelled: () => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const cancel = useMutation(trpc.sessions.cancelSeriesFrom.mutationOptions());
  if (!session.seriesId || !CANCELLABLE.has(session.status)) return null;

  const run = async () => {
    const cancelled = await cancel.mutateAsync({ id: session.id });
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.sessions.list.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.sessions.get.pathKey() }),
    ]);
    toast(t('calendar.series.cancelled', { count: cancelled.length }));
    onCancelled();
  };

  return (
    <>
      <Button variant="outline" size="sm" className="self-start text-destructive" onClick={() => setConfirming(true)}>
        <Repeat aria-hidden="true" />
        {t('calendar.series.cancelFollowing')}
      </Button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('calendar.series.cancelTitle')}
        description={t('calendar.series.cancelDescription', { title: session.title })}
        confirmLabel={t('calendar.series.cancelConfirm')}
        onConfirm={run}
      />
    </>
  );
}
