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
import type { PortalSessionDetail } from './portal-context.ts';

type Props = { session: PortalSessionDetail; open: boolean; onOpenChange: (open: boolean) => void; onCancelled: () => Promise<void> };

/** Shows what the policy refunds and keeps before the client confirms. */
export function PortalCancelDialog({ session, open, onOpenChange, onCancelled }: Props) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const preview = useQuery(trpc.portal.cancellationPreview.queryOptions({ id: session.id }, { enabled: open, staleTime: 0 }));
  const cancel = useMutation(trpc.portal.cancel.mutationOptions());
  const confirm = async () => {
    setError(null);
    try {
      await cancel.mutateAsync({ id: session.id, reason });
      onOpenChange(false);
      await onCancelled();
    } catch (failure) {
      setError(apiErrorMessage(t, failure));
    }
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent role="alertdialog">
        <DialogHeader>
          <DialogTitle>{t('portal.cancel.title', { title: session.title })}</DialogTitle>
          <DialogDescription>{t('portal.cancel.description')}</DialogDescription>
        </DialogHeader>
        {preview.isPending ? (
          <Skeleton className="h-24 w-full" />
        ) : preview.isError ? (
          <FormError message={apiErrorMessage(t, preview.error)} />
        ) : (
          <CancellationOutcome outcome={preview.data} />
        )}
        <div className="grid gap-2">
          <Label htmlFor="portal-cancel-reason">{t('portal.cancel.reason')}</Label>
          <Textarea id="portal-cancel-reason" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
        </div>
        <FormError message={error} />
        <DialogFooter>
          <Button variant="outline" onClick={() => onOpenChange(false)} disabled={cancel.isPending}>
            {t('portal.cancel.keep')}
          </Button>
          <Button variant="destructive" onClick={() => void confirm()} loading={cancel.isPending} disabled={!preview.isSuccess}>
            {t('portal.cancel.confirm')}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
