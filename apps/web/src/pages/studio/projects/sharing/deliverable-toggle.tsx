/**
 * "Deliverable, released when paid" for one version: staff mark or unmark it, link the invoice that releases it
 * (people who manage money: the studio's issued invoices), and see whether clients' downloads are locked (until
 * that invoice is paid).
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Lock, LockOpen } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { inputClassName } from '@/components/ui/input.tsx';
import { formatMinor } from '@rsm/shared/money';
import { FormError } from '@/components/form/form-error.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useCurrentStudio } from '../../studio-context.ts';

export function DeliverableToggle({ versionId }: { versionId: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useStudioTRPC();
  const { can } = useCurrentStudio();
  const canLink = can('projects:write') && can('money:manage');
  const queryClient = useQueryClient();
  const status = useQuery(trpc.deliverables.status.queryOptions({ versionId }));
  const set = useMutation(trpc.deliverables.setReleaseWhenPaid.mutationOptions());
  const invoices = useQuery({
    ...trpc.money.documents.list.queryOptions({ kinds: ['invoice', 'final_invoice'], limit: 200 }),
    enabled: canLink && status.data?.releaseWhenPaid === true,
  });
  const [error, setError] = useState<string | null>(null);
  if (!status.data) return status.isError ? <FormError message={apiErrorMessage(t, status.error)} /> : null;
  const toggle = async (releaseWhenPaid: boolean, invoiceId?: string | null) => {
    setError(null);
    try {
      const next = await set.mutateAsync({ versionId, releaseWhenPaid, ...(invoiceId !== undefined ? { invoiceId } : {}) });
      queryClient.setQueryData(trpc.deliverables.status.queryKey({ versionId }), next);
    } catch (e) {
      setError(apiErrorMessage(t, e));
    }
  };
  return (
    <div className="grid gap-1" data-testid="deliverable-toggle">
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          className="size-4 accent-primary"
          checked={status.data.releaseWhenPaid}
          disabled={!can('projects:write') || set.isPending}
          onChange={(e) => void toggle(e.target.checked)}
        />
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
      {status.data.releaseWhenPaid && canLink ? (
        <label className="grid gap-1 text-sm">
          <span>{t('sharing.deliverable.invoice')}</span>
          <select
            className={inputClassName}
            value={status.data.invoiceId ?? ''}
            disabled={set.isPending}
            onChange={(e) => void toggle(true, e.target.value || null)}
          >
            <option value="">{t('sharing.deliverable.noInvoiceOption')}</option>
            {(invoices.data ?? [])
              .filter((doc) => doc.number !== null || doc.id === status.data.invoiceId)
              .map((doc) => (
                <option key={doc.id} value={doc.id}>
                  {`${doc.number ?? '—'} · ${doc.clientName} · ${formatMinor(doc.grossCents, doc.currency, i18n.language)}`}
                </option>
              ))}
          </select>
        </label>
      ) : null}
      {status.data.releaseWhenPaid && !status.data.invoiceId ? <p className="text-xs text-muted-foreground">{t('sharing.deliverable.noInvoice')}</p> : null}
      <FormError message={error} />
    </div>
  );
}
