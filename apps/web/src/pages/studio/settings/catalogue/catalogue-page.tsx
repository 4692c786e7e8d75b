import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Package, Plus } from 'lucide-react';
import { PageHeader } from '@/components/page-header.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ArchiveViewSwitch, ListSkeleton, type ArchiveView } from '@/components/settings/archive-view.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import type { CatalogueItem } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { CatalogueItemDialog } from './catalogue-item-dialog.tsx';
import { CatalogueList } from './catalogue-list.tsx';
import { VatRatesCard } from './vat-rates-card.tsx';

/** Settings → Catalogue & VAT: the services and products quotes are made from, and the studio's VAT rates. */
export function CataloguePage() {
  const { t } = useTranslation();
  const { can } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const items = useQuery(trpc.money.catalogue.list.queryOptions({ includeArchived: true }));
  const rates = useQuery(trpc.money.vatRates.list.queryOptions({ includeArchived: true }));
  const [view, setView] = useState<ArchiveView>('active');
  // `undefined` = dialog closed, `null` = creating, an item = editing it.
  const [editing, setEditing] = useState<CatalogueItem | null | undefined>(undefined);
  const canWrite = can('money:manage');

  const all = items.data ?? [];
  const inView = (option: ArchiveView) => all.filter((item) => (option === 'active' ? !item.archivedAt : Boolean(item.archivedAt)));
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
      <ArchiveViewSwitch
        view={view}
        onChange={setView}
        groupLabel={t('moneySettings.catalogue.filter')}
        optionLabel={(option) => t(`moneySettings.views.${option}`, { count: inView(option).length })}
      />
      {items.isPending ? (
        <ListSkeleton />
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
