/**
 * "Deliverable, released when paid" for one version: staff mark or unmark it, and see whether clients'
 * downloads are locked (until the linked invoice is paid; invoices come with the money module).
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Lock, LockOpen } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useCurrentStudio } from '../../studio-context.ts';

export function DeliverableToggle({ versionId }: { versionId: string }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const { can } = useCurrentStudio();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.deliverables.status.queryOptions({ versionId }));
  const set = useMutation(trpc.deliverables.setReleaseWhenPaid.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  if (!status.data) return status.isError ? <FormError message={apiErrorMessage(t, status.error)} /> : null;
  const toggle = async (releaseWhenPaid: boolean) => {
    setError(null);
    try {
      const next = await set.mutateAsync({ versionId, releaseWhenPaid });
      queryClient.setQueryData(trpc.deliverables.status.queryKey({ versionId }), next);
    } catch (e) {
      setError(apiErrorMessage(t, e));
    }
  };
  return (
    <div className="grid gap-1" data-testid="deliverable-toggle">
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-4 accent-primary" checked={status.data.releaseWhenPaid} disabled={!can('projects:write') || set.isPending} onChange={(e) => void toggle(e.target.checked)} />
        <span>{t('sharing.deliverable.releaseWhenPaid')}</span>
        {status.data.locked ? (
          <Badge variant="outline">
            <Lock aria-hidden="true" className="size-3" />
            {t('sharing.deliverable.locked')}
          </Badge>
        ) : status.data.releaseWhenPaid ? (
          <Badge variant="success">
            <LockOpen aria-hidden="true" className="size-3" />
            {t('sharing.deliverable.released')}
          </Badge>
        ) : null}
      </label>
      {status.data.releaseWhenPaid && !status.data.invoiceId ? <p className="text-xs text-muted-foreground">{t('sharing.deliverable.noInvoice')}</p> : null}
      <FormError message={error} />
    </div>
  );
}
