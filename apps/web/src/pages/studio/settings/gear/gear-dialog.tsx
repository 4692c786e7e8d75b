import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { gearInput } from '@rsm/shared/booking-schemas';
import { SelectField } from '@/components/form/select-field.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import { amountTextSchema, minorToAmountText } from '@/lib/forms.ts';
import type { GearItem } from '@/lib/trpc/types.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useCurrentStudio } from '../../studio-context.ts';
import { CheckboxField, ResourceDialog } from '../resources/resource-settings.tsx';
import { useResourceSave } from '../resources/use-resource-save.ts';

export const GEAR_STATUSES = ['available', 'maintenance', 'retired'] as const;

/** The shared gear rules, with the daily rate typed as an amount (→ cents). */
function gearFormSchema(currency: string) {
  return gearInput
    .omit({ dailyRateCents: true })
    .extend({ dailyRate: amountTextSchema(currency) })
    .transform(({ dailyRate, ...rest }) => ({ ...rest, dailyRateCents: dailyRate }));
}

const FIELDS = ['name', 'category', 'serialNumber', 'bookable', 'status', 'dailyRate'] as const;

export function GearDialog({ item, onClose }: { item?: GearItem | undefined; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { studio } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const form = useForm({
    resolver: zodResolver(gearFormSchema(studio.currency)),
    defaultValues: {
      name: item?.name ?? '',
      category: item?.category ?? '',
      serialNumber: item?.serialNumber ?? '',
      bookable: item?.bookable ?? true,
      status: item?.status ?? 'available',
      dailyRate: item ? minorToAmountText(item.dailyRateCents, studio.currency, i18n.language) : '0',
    },
  });
  const create = useMutation(trpc.booking.createGear.mutationOptions());
  const update = useMutation(trpc.booking.updateGear.mutationOptions());
  const { formError, save } = useResourceSave({
    setError: form.setError,
    fields: FIELDS,
    rename: { dailyRateCents: 'dailyRate' },
    savedMessage: item ? 'gear.updated' : 'gear.created',
    onClose,
  });
  const { errors } = form.formState;

  return (
    <ResourceDialog
      title={item ? t('gear.editTitle', { name: item.name }) : t('gear.createTitle')}
      description={t('gear.dialogDescription')}
      submitLabel={item ? t('common.save') : t('gear.create')}
      formError={formError}
      submitting={form.formState.isSubmitting}
      onSubmit={form.handleSubmit((input) => save(() => (item ? update.mutateAsync({ ...input, id: item.id }) : create.mutateAsync(input))))}
      onClose={onClose}
    >
      <TextField
        label={t('gear.fields.name')}
        registration={form.register('name')}
        error={errors.name?.message}
        placeholder={t('gear.fields.namePlaceholder')}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('gear.fields.category')}
          registration={form.register('category')}
          error={errors.category?.message}
          placeholder={t('gear.fields.categoryPlaceholder')}
        />
        <TextField label={t('gear.fields.serialNumber')} registration={form.register('serialNumber')} error={errors.serialNumber?.message} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          control={form.control}
          name="status"
          label={t('gear.fields.status')}
          options={GEAR_STATUSES.map((status) => ({ value: status, label: t(`gear.statuses.${status}`) }))}
        />
        <TextField
          label={t('gear.fields.dailyRate', { currency: studio.currency })}
          inputMode="decimal"
          registration={form.register('dailyRate')}
          error={errors.dailyRate?.message}
        />
      </div>
      <CheckboxField label={t('gear.fields.bookable')} description={t('gear.fields.bookableHint')} registration={form.register('bookable')} />
    </ResourceDialog>
  );
}
