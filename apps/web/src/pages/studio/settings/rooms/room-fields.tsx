import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '@/components/form/text-field.tsx';
import { FormField } from '@/components/ui/form-field.tsx';
import type { RoomForm } from './room-form.ts';

export function RoomFields({ form, currency }: { form: RoomForm; currency: string }) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  return (
    <>
      <TextField
        label={t('rooms.fields.name')}
        registration={form.register('name')}
        error={errors.name?.message}
        placeholder={t('rooms.fields.namePlaceholder')}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('rooms.fields.hourlyRate', { currency })}
          inputMode="decimal"
          registration={form.register('hourlyRate')}
          error={errors.hourlyRate?.message}
          placeholder="45,00"
        />
        <TextField label={t('rooms.fields.capacity')} inputMode="numeric" registration={form.register('capacity')} error={errors.capacity?.message} />
      </div>
      <TextAreaField label={t('rooms.fields.description')} rows={3} registration={form.register('description')} error={errors.description?.message} />
      <FormField label={t('rooms.fields.color')} error={errors.color?.message}>
        {(control) => <input type="color" className="h-9 w-16 cursor-pointer rounded-md border bg-transparent p-1" {...control} {...form.register('color')} />}
      </FormField>
    </>
  );
}
