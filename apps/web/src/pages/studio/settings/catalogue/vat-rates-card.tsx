import { useState } from 'react';
import { useMutation, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Archive, ArchiveRestore, Pencil, Plus, Star } from 'lucide-react';
import { FormError } from '@/components/form/form-error.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { cn } from '@/lib/cn.ts';
import type { VatRate } from '@/lib/trpc/types.ts';
import { rateName } from './rate-name.ts';
import { VatRateDialog } from './vat-rate-dialog.tsx';
import { VatRateLabelDialog } from './vat-rate-label-dialog.tsx';

/** The studio's VAT rates: the default offered for new items, archived rates kept for old items and documents. */
export function VatRatesCard({ rates, canWrite }: { rates: UseQueryResult<VatRate[], unknown>; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const [adding, setAdding] = useState(false);
  return (
    <Card className="mt-8" aria-labelledby="vat-rates-title">
      <CardHeader className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1.5">
          <CardTitle id="vat-rates-title">{t('moneySettings.vat.title')}</CardTitle>
          <CardDescription>{t('moneySettings.vat.description')}</CardDescription>
        </div>
        {canWrite ? (
          <Button variant="outline" onClick={() => setAdding(true)}>
            <Plus aria-hidden="true" />
            {t('moneySettings.vat.add')}
          </Button>
        ) : null}
      </CardHeader>
      <CardContent>
        {rates.isPending ? (
          <Skeleton className="h-24 w-full" />
        ) : rates.isError ? (
          <FormError message={apiErrorMessage(t, rates.error)} />
        ) : (
          <ul className="divide-y rounded-md border" data-testid="vat-rates-list">
            {rates.data.map((rate) => (
              <li key={rate.id} className={cn('flex flex-wrap items-center gap-2 px-3 py-2', rate.archivedAt && 'text-muted-foreground')}>
                <span className="font-medium tabular-nums">{rateName(t, rate, i18n.language)}</span>
                {rate.category !== 'S' ? <span className="text-sm">{t(`moneySettings.categories.${rate.category}`)}</span> : null}
                {rate.isDefault ? <Badge>{t('moneySettings.vat.defaultBadge')}</Badge> : null}
                {rate.archivedAt ? <Badge variant="outline">{t('moneySettings.archivedBadge')}</Badge> : null}
                {canWrite ? <RateActions rate={rate} /> : null}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
      {adding ? <VatRateDialog onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}

function RateActions({ rate }: { rate: VatRate }) {
  const { t, i18n } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const name = rateName(t, rate, i18n.language);
  const [renaming, setRenaming] = useState(false);
  const refresh = async (message: string) => {
    toast(message);
    // Items show their rate: both lists follow.
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.money.vatRates.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.money.catalogue.pathKey() }),
    ]);
  };
  const onError = (error: unknown) => toast(apiErrorMessage(t, error), 'error');
  const makeDefault = useMutation(
    trpc.money.vatRates.setDefault.mutationOptions({ onSuccess: () => refresh(t('moneySettings.vat.madeDefault', { name })), onError }),
  );
  const archive = useMutation(trpc.money.vatRates.archive.mutationOptions({ onSuccess: () => refresh(t('moneySettings.vat.archived', { name })), onError }));
  const restore = useMutation(trpc.money.vatRates.restore.mutationOptions({ onSuccess: () => refresh(t('moneySettings.vat.restored', { name })), onError }));
  return (
    <div className="ml-auto flex gap-1">
      <Button variant="ghost" size="icon" onClick={() => setRenaming(true)} aria-label={t('moneySettings.vat.renameNamed', { name })}>
        <Pencil aria-hidden="true" />
      </Button>
      {rate.archivedAt ? (
        <Button variant="ghost" size="sm" onClick={() => restore.mutate({ id: rate.id })} loading={restore.isPending}>
          <ArchiveRestore aria-hidden="true" />
          {t('moneySettings.restore')}
        </Button>
      ) : rate.isDefault ? null : (
        <>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => makeDefault.mutate({ id: rate.id })}
            loading={makeDefault.isPending}
            aria-label={t('moneySettings.vat.makeDefaultNamed', { name })}
          >
            <Star aria-hidden="true" />
            {t('moneySettings.vat.makeDefault')}
          </Button>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => archive.mutate({ id: rate.id })}
            loading={archive.isPending}
            aria-label={t('moneySettings.vat.archiveNamed', { name })}
          >
            <Archive aria-hidden="true" />
            {t('moneySettings.archive')}
          </Button>
        </>
      )}
      {renaming ? <VatRateLabelDialog rate={rate} onClose={() => setRenaming(false)} /> : null}
    </div>
  );
}
