import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { Textarea } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { CancellationOutcome } from '@/components/cancellation-outcome.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import type { CalendarSession } from '@/lib/trpc/types.ts';
import { RefundDeposit } from './refund-deposit.tsx';

type Props = { session: CalendarSession; open: boolean; onOpenChange: (open: boolean) => void; onCancelled: () => Promise<void> };

/** Staff cancel: the policy's outcome (refundable / kept) shown before confirming; the policy can be waived with a reason. */
export function CancelSessionDialog({ session, open, onOpenChange, onCancelled }: Props) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const [reason, setReason] = useState('');
  const [waived, setWaived] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const preview = useQuery(trpc.cancellations.preview.queryOptions({ id: session.id, waived }, { enabled: open, staleTime: 0 }));
  const cancel = useMutation(trpc.cancellations.cancel.mutationOptions());
  const needsReason = waived && reason.trim() === '';

  const changeOpen = (next: boolean) => {
    if (!next) setError(null);
    onOpenChange(next);
  };
  const confirm = async () => {
    setError(null);
    try {
      await cancel.mutateAsync({ id: session.id, reason, waived });
      changeOpen(false);
      await onCancelled();
    } catch (failure) {
      setError(apiErrorMessage(t, failure));
    }
  };

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogContent role="alertdialog">
        <DialogHeader>
          <DialogTitle>{t('calendar.cancelDialog.title', { title: session.title })}</DialogTitle>
          <DialogDescription>{t('calendar.cancelDialog.description')}</DialogDescription>
        </DialogHeader>
        {preview.isPending ? (
          <Skeleton className="h-24 w-full" />
        ) : preview.isError ? (
          <FormError message={apiErrorMessage(t, preview.error)} />
        ) : (
          <CancellationOutcome outcome={preview.data} />
        )}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4" checked={waived} onChange={(e) => setWaived(e.target.checked)} />
          {t('cancellation.staff.waive')}
        </label>
        <div className="grid gap-2">
          <Label htmlFor="staff-cancel-reason">{t(waived ? 'cancellation.staff.waiveReason' : 'cancellation.staff.reason')}</Label>
          <Textarea
            id="staff-cancel-reason"
            value={reason}
            maxLength={1000}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={needsReason || undefined}
          />
        </div>
        <FormError message={error} />
        <DialogFooter>
          <Button variant="outline" onClick={() => changeOpen(false)} disabled={cancel.isPending}>
            {t('common.cancel')}
          </Button>
          <Button variant="destructive" onClick={() => void confirm()} loading={cancel.isPending} disabled={needsReason || !preview.isSuccess}>
            {t('calendar.actions.cancelled')}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/** On a cancelled session: what the policy decided (refundable / kept), by whom, why. */
export function RecordedCancellation({ sessionId, depositInvoiceId }: { sessionId: string; depositInvoiceId: string | null }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const recorded = useQuery(trpc.cancellations.preview.queryOptions({ id: sessionId }));
  if (!recorded.data?.recorded) return null;
  const by = recorded.data.cancelledByKind;
  return (
    <section className="grid gap-2" aria-labelledby="session-cancellation">
      <h3 id="session-cancellation" className="text-sm font-medium">
        {t('cancellation.staff.recordedTitle')}
      </h3>
      <CancellationOutcome outcome={recorded.data} />
      {depositInvoiceId ? (
        <div>
          <RefundDeposit depositInvoiceId={depositInvoiceId} refundableCents={recorded.data.refundableCents} currency={recorded.data.currency} />
        </div>
      ) : null}
      <p className="text-xs text-muted-foreground">
        {by === 'client' || by === 'staff' || by === 'system' ? t(`cancellation.staff.by.${by}`) : null}
        {recorded.data.reason ? ` · ${recorded.data.reason}` : ''}
      </p>
    </section>
  );
}
