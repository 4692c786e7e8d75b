import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CATALOGUE_UNITS } from '@rsm/shared/money-schemas';
import { FormError } from '@/components/form/form-error.tsx';
import { SelectField } from '@/components/form/select-field.tsx';
import { TextAreaField, TextField } from '@/components/form/text-field.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { applyApiError } from '@/lib/trpc/errors.ts';
import type { CatalogueItem, VatRate } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { ITEM_FIELD_RENAME, ITEM_FORM_FIELDS, toCatalogueItemInput, useCatalogueItemForm } from './catalogue-item-form.ts';
import { rateName } from './rate-name.ts';

/** Create a catalogue item (no `item`) or edit one. Only active rates are offered, plus the item's own if archived. */
export function CatalogueItemDialog({ item, rates, onClose }: { item?: CatalogueItem; rates: VatRate[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { studio } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const offered = rates.filter((rate) => !rate.archivedAt || rate.id === item?.vatRate.id);
  const form = useCatalogueItemForm(studio.currency, item, offered.find((rate) => rate.isDefault)?.id ?? '');
  const create = useMutation(trpc.money.catalogue.create.mutationOptions());
  const update = useMutation(trpc.money.catalogue.update.mutationOptions());
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const input = toCatalogueItemInput(values);
      const saved = item ? await update.mutateAsync({ ...input, id: item.id }) : await create.mutateAsync(input);
      toast(t(item ? 'moneySettings.catalogue.updated' : 'moneySettings.catalogue.created', { name: saved.name }));
      await queryClient.invalidateQueries({ queryKey: trpc.money.catalogue.pathKey() });
      onClose();
    } catch (error) {
      setFormError(
        applyApiError(t, error, {
          setError: form.setError,
          fields: ITEM_FORM_FIELDS,
          rename: ITEM_FIELD_RENAME,
          codeFields: { VAT_RATE_ARCHIVED: 'vatRateId' },
        }),
      );
    }
  });

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{item ? t('moneySettings.catalogue.editTitle', { name: item.name }) : t('moneySettings.catalogue.createTitle')}</DialogTitle>
          <DialogDescription>{t('moneySettings.catalogue.dialogDescription')}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <FormError message={formError} />
          <TextField
            label={t('moneySettings.catalogue.name')}
            placeholder={t('moneySettings.catalogue.namePlaceholder')}
            registration={form.register('name')}
            error={errors.name?.message}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label={t('moneySettings.catalogue.unitPrice', { currency: studio.currency })}
              inputMode="decimal"
              placeholder="60,00"
              registration={form.register('unitPrice')}
              error={errors.unitPrice?.message}
            />
            <SelectField
              control={form.control}
              name="unit"
              label={t('moneySettings.catalogue.unit')}
              options={CATALOGUE_UNITS.map((unit) => ({ value: unit, label: t(`moneySettings.units.${unit}`) }))}
            />
          </div>
          <SelectField
            control={form.control}
            name="vatRateId"
            label={t('moneySettings.catalogue.vatRate')}
            placeholder={t('moneySettings.catalogue.chooseRate')}
            options={offered.map((rate) => ({ value: rate.id, label: rateName(t, rate, i18n.language) }))}
          />
          <TextAreaField
            label={t('moneySettings.catalogue.itemDescription')}
            rows={3}
            registration={form.register('description')}
            error={errors.description?.message}
          />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={form.formState.isSubmitting}>
              {item ? t('common.save') : t('moneySettings.catalogue.create')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
