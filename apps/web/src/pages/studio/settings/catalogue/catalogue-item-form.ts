import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { catalogueItemInput, type CatalogueItemInput } from '@rsm/shared/money-schemas';
import { amountTextSchema, minorToAmountText } from '@/lib/forms.ts';
import type { CatalogueItem } from '@/lib/trpc/types.ts';

/** The shared item rules, with the unit price typed as text. */
function itemFormSchema(currency: string) {
  return catalogueItemInput.omit({ unitPriceCents: true }).extend({ unitPrice: amountTextSchema(currency) });
}

export function useCatalogueItemForm(currency: string, item: CatalogueItem | undefined, defaultRateId: string) {
  const { i18n } = useTranslation();
  return useForm({
    resolver: zodResolver(itemFormSchema(currency)),
    defaultValues: {
      name: item?.name ?? '',
      description: item?.description ?? '',
      unit: item?.unit ?? 'hour',
      unitPrice: item ? minorToAmountText(item.unitPriceCents, currency, i18n.language) : '',
      vatRateId: item?.vatRate.id ?? defaultRateId,
    },
  });
}

export type CatalogueItemForm = ReturnType<typeof useCatalogueItemForm>;
type ItemFormOutput = Parameters<Parameters<CatalogueItemForm['handleSubmit']>[0]>[0];

export function toCatalogueItemInput({ unitPrice, ...rest }: ItemFormOutput): CatalogueItemInput {
  return { ...rest, unitPriceCents: unitPrice };
}

export const ITEM_FORM_FIELDS = ['name', 'description', 'unit', 'unitPrice', 'vatRateId'] as const;
export const ITEM_FIELD_RENAME = { unitPriceCents: 'unitPrice' } as const;
