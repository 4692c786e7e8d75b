import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Package, Plus } from 'lucide-react';
import { PageHeader } from '@/components/page-header.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { cn } from '@/lib/cn.ts';
import type { CatalogueItem } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { CatalogueItemDialog } from './catalogue-item-dialog.tsx';
import { CatalogueList } from './catalogue-list.tsx';
import { VatRatesCard } from './vat-rates-card.tsx';

type View = 'active' | 'archived';

/** Settings → Catalogue & VAT: the services and products quotes are made from, and the studio's VAT rates. */
export function CataloguePage() {
  const { t } = useTranslation();
  const { can } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const items = useQuery(trpc.money.catalogue.list.queryOptions({ includeArchived: true }));
  const rates = useQuery(trpc.money.vatRates.list.queryOptions({ includeArchived: true }));
  const [view, setView] = useState<View>('active');
  // `undefined` = dialog closed, `null` = creating, an item = editing it.
  const [editing, setEditing] = useState<CatalogueItem | null | undefined>(undefined);
  const canWrite = can('money:manage');

  const all = items.data ?? [];
  const inView = (option: View) => all.filter((item) => (option === 'active' ? !item.archivedAt : Boolean(item.archivedAt)));
  const shown = inView(view);

  return (
    <>
      <PageHeader
        title={t('moneySettings.catalogue.title')}
        description={t('moneySettings.catalogue.description')}
        actions={
          canWrite && rates.data ? (
            <Button onClick={() => setEditing(null)}>
              <Plus aria-hidden="true" />
              {t('moneySettings.catalogue.add')}
            </Button>
          ) : null
        }
      />
      <div role="group" aria-label={t('moneySettings.catalogue.filter')} className="mb-4 inline-flex rounded-md border p-0.5 text-sm">
        {(['active', 'archived'] as const).map((option) => (
          <button
            key={option}
            type="button"
            aria-pressed={view === option}
            onClick={() => setView(option)}
            className={cn('rounded px-3 py-1', view === option ? 'bg-primary text-primary-foreground' : 'text-muted-foreground hover:text-foreground')}
          >
            {t(`moneySettings.views.${option}`, { count: inView(option).length })}
          </button>
        ))}
      </div>
      {items.isPending ? (
        <div className="grid gap-2" role="status" aria-label={t('common.loading')}>
          {[0, 1, 2].map((row) => (
            <Skeleton key={row} className="h-16 w-full" />
          ))}
        </div>
      ) : items.isError ? (
        <FormError message={apiErrorMessage(t, items.error)} />
      ) : shown.length === 0 ? (
        <EmptyState
          icon={Package}
          title={view === 'active' ? t('moneySettings.catalogue.emptyTitle') : t('moneySettings.catalogue.emptyArchived')}
          description={view === 'active' ? t('moneySettings.catalogue.emptyDescription') : undefined}
        />
      ) : (
        <CatalogueList items={shown} onEdit={canWrite ? setEditing : undefined} />
      )}
      <VatRatesCard rates={rates} canWrite={canWrite} />
      {editing !== undefined && rates.data ? (
        <CatalogueItemDialog item={editing ?? undefined} rates={rates.data} onClose={() => setEditing(undefined)} />
      ) : null}
    </>
  );
}
