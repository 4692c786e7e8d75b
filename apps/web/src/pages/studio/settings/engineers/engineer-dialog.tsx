import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { engineerInput } from '@rsm/shared/booking-schemas';
import { TextField } from '@/components/form/text-field.tsx';
import { FormField } from '@/components/ui/form-field.tsx';
import { amountTextSchema, minorToAmountText } from '@/lib/forms.ts';
import type { Engineer } from '@/lib/trpc/types.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useCurrentStudio } from '../../studio-context.ts';
import { CheckboxField, ResourceDialog } from '../resources/resource-settings.tsx';
import { useResourceSave } from '../resources/use-resource-save.ts';

/** The shared engineer rules, with the hourly rate typed as an amount (→ cents). */
function engineerFormSchema(currency: string) {
  return engineerInput
    .omit({ hourlyRateCents: true })
    .extend({ hourlyRate: amountTextSchema(currency) })
    .transform(({ hourlyRate, ...rest }) => ({ ...rest, hourlyRateCents: hourlyRate }));
}

const FIELDS = ['name', 'email', 'bookable', 'hourlyRate', 'color'] as const;

export function EngineerDialog({ engineer, onClose }: { engineer?: Engineer | undefined; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { studio } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const form = useForm({
    resolver: zodResolver(engineerFormSchema(studio.currency)),
    defaultValues: {
      name: engineer?.name ?? '',
      email: engineer?.email ?? '',
      bookable: engineer?.bookable ?? true,
      hourlyRate: engineer ? minorToAmountText(engineer.hourlyRateCents, studio.currency, i18n.language) : '0',
      color: engineer?.color ?? '#0ea5e9',
    },
  });
  const create = useMutation(trpc.booking.createEngineer.mutationOptions());
  const update = useMutation(trpc.booking.updateEngineer.mutationOptions());
  const { formError, save } = useResourceSave({
    setError: form.setError,
    fields: FIELDS,
    rename: { hourlyRateCents: 'hourlyRate' },
    savedMessage: engineer ? 'engineers.updated' : 'engineers.created',
    onClose,
  });
  const { errors } = form.formState;

  return (
    <ResourceDialog
      title={engineer ? t('engineers.editTitle', { name: engineer.name }) : t('engineers.createTitle')}
      description={t('engineers.dialogDescription')}
      submitLabel={engineer ? t('common.save') : t('engineers.create')}
      formError={formError}
      submitting={form.formState.isSubmitting}
      onSubmit={form.handleSubmit((input) => save(() => (engineer ? update.mutateAsync({ ...input, id: engineer.id }) : create.mutateAsync(input))))}
      onClose={onClose}
    >
      <TextField label={t('engineers.fields.name')} registration={form.register('name')} error={errors.name?.message} />
      <TextField
        label={t('fields.email')}
        type="email"
        registration={form.register('email')}
        error={errors.email?.message}
        description={t('engineers.fields.emailHint')}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('engineers.fields.hourlyRate', { currency: studio.currency })}
          inputMode="decimal"
          registration={form.register('hourlyRate')}
          error={errors.hourlyRate?.message}
        />
        <FormField label={t('engineers.fields.color')} error={errors.color?.message}>
          {(control) => (
            <input type="color" className="h-9 w-16 cursor-pointer rounded-md border bg-transparent p-1" {...control} {...form.register('color')} />
          )}
        </FormField>
      </div>
      <CheckboxField label={t('engineers.fields.bookable')} description={t('engineers.fields.bookableHint')} registration={form.register('bookable')} />
    </ResourceDialog>
  );
}
