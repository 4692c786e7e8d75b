import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Archive, ArchiveRestore, Pencil } from 'lucide-react';
import { formatMinor } from '@rsm/shared/money';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import type { CatalogueItem } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { rateName } from './rate-name.ts';

/** Items with their price per unit and VAT rate; edit / archive / restore when `onEdit` is given (money:manage). */
export function CatalogueList({ items, onEdit }: { items: CatalogueItem[]; onEdit: ((item: CatalogueItem) => void) | undefined }) {
  const { t, i18n } = useTranslation();
  const { studio } = useCurrentStudio();
  return (
    <Card className="py-0">
      <ul className="divide-y" data-testid="catalogue-list">
        {items.map((item) => (
          <li key={item.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 sm:flex-nowrap">
            <div className="min-w-0 flex-1 basis-full sm:basis-auto">
              <p className="flex items-center gap-2 font-medium">
                <span className="truncate">{item.name}</span>
                {item.archivedAt ? <Badge variant="outline">{t('moneySettings.archivedBadge')}</Badge> : null}
              </p>
              {item.description ? <p className="truncate text-sm text-muted-foreground">{item.description}</p> : null}
            </div>
            <span className="text-sm text-muted-foreground">{t('moneySettings.catalogue.vatShort', { rate: rateName(t, item.vatRate, i18n.language) })}</span>
            <span className="ml-auto text-right text-sm font-medium tabular-nums sm:w-40">
              {t(`moneySettings.perUnit.${item.unit}`, { amount: formatMinor(item.unitPriceCents, studio.currency, i18n.language) })}
            </span>
            {onEdit ? <ItemActions item={item} onEdit={onEdit} /> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function ItemActions({ item, onEdit }: { item: CatalogueItem; onEdit: (item: CatalogueItem) => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const refresh = async (message: string) => {
    toast(message);
    await queryClient.invalidateQueries({ queryKey: trpc.money.catalogue.pathKey() });
  };
  const onError = (error: unknown) => toast(apiErrorMessage(t, error), 'error');
  const archive = useMutation(
    trpc.money.catalogue.archive.mutationOptions({ onSuccess: () => refresh(t('moneySettings.catalogue.archived', { name: item.name })), onError }),
  );
  const restore = useMutation(
    trpc.money.catalogue.restore.mutationOptions({ onSuccess: () => refresh(t('moneySettings.catalogue.restored', { name: item.name })), onError }),
  );
  return (
    <div className="flex gap-1">
      <Button variant="ghost" size="icon" onClick={() => onEdit(item)} aria-label={t('moneySettings.catalogue.editNamed', { name: item.name })}>
        <Pencil aria-hidden="true" />
      </Button>
      {item.archivedAt ? (
        <Button variant="ghost" size="sm" onClick={() => restore.mutate({ id: item.id })} loading={restore.isPending}>
          <ArchiveRestore aria-hidden="true" />
          {t('moneySettings.restore')}
        </Button>
      ) : (
        <Button variant="ghost" size="sm" onClick={() => archive.mutate({ id: item.id })} loading={archive.isPending}>
          <Archive aria-hidden="true" />
          {t('moneySettings.archive')}
        </Button>
      )}
    </div>
  );
}
