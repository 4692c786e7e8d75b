import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useController, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { CheckboxList } from '@/components/form/checkbox-list.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { TextAreaField, TextField } from '@/components/form/text-field.tsx';
import type { BookingResources, CalendarSession } from '@/lib/trpc/types.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { applyApiError } from '@/lib/trpc/errors.ts';
import { SessionClientField } from './session-client-field.tsx';
import { DETAILS_FORM_FIELDS, NO_CLIENT, detailsFormSchema } from './session-form.ts';
import { isMovable } from './session-status.ts';
import { bookingErrorMessage, isBookingRefusal, isSessionChanged } from './booking-errors.ts';

type SessionDetailsFormProps = { session: CalendarSession; resources: BookingResources; onDone: () => void };

/** Title, notes, client, engineers and gear of a booked session; a refused engineer or item is explained in place. */
export function SessionDetailsForm({ session, resources, onDone }: SessionDetailsFormProps) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    resolver: zodResolver(detailsFormSchema),
    defaultValues: {
      title: session.title,
      notes: session.notes,
      clientId: session.clientId ?? NO_CLIENT,
      engineerIds: session.engineerIds,
      gearIds: session.gearIds,
    },
  });
  const engineers = useController({ control: form.control, name: 'engineerIds' });
  const gear = useController({ control: form.control, name: 'gearIds' });
  const update = useMutation(trpc.sessions.update.mutationOptions());
  // Resources already on the session stay listed even if they are no longer bookable.
  const engineerItems = resources.engineers.filter((engineer) => engineer.bookable || session.engineerIds.includes(engineer.id));
  const gearItems = resources.gear.filter((item) => (item.bookable && item.status === 'available') || session.gearIds.includes(item.id));
  const resourcesCanChange = isMovable(session.status);
  const { errors } = form.formState;

  const reload = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.sessions.list.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.sessions.get.queryKey({ id: session.id }) }),
    ]);

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const saved = await update.mutateAsync({ id: session.id, ...values, version: session.version });
      await reload();
      toast(t('calendar.details.saved', { title: saved.title }));
      onDone();
    } catch (error) {
      if (isSessionChanged(error)) await reload(); // the panel shows the session as it is now
      if (isBookingRefusal(error)) setFormError(bookingErrorMessage(t, error));
      else setFormError(applyApiError(t, error, { setError: form.setError, fields: DETAILS_FORM_FIELDS }));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 rounded-md border p-3" aria-label={t('calendar.details.edit')}>
      <FormError message={formError} />
      <TextField label={t('calendar.fields.title')} registration={form.register('title')} error={errors.title?.message} />
      <SessionClientField
        initial={session.clientId ? { id: session.clientId, name: session.clientName ?? '' } : null}
        onChange={(id) => form.setValue('clientId', id, { shouldDirty: true })}
      />
      {resourcesCanChange ? (
        <>
          <CheckboxList
            legend={t('calendar.fields.engineers')}
            items={engineerItems.map((engineer) => ({ id: engineer.id, label: engineer.name }))}
            value={engineers.field.value}
            onChange={engineers.field.onChange}
            empty={t('calendar.fields.noEngineers')}
            error={errors.engineerIds?.message}
          />
          <CheckboxList
            legend={t('calendar.fields.gear')}
            items={gearItems.map((item) => ({ id: item.id, label: item.category ? `${item.name} · ${item.category}` : item.name }))}
            value={gear.field.value}
            onChange={gear.field.onChange}
            empty={t('calendar.fields.noGear')}
            error={errors.gearIds?.message}
          />
        </>
      ) : (
        <p className="text-sm text-muted-foreground">{t('calendar.details.resourcesFixed', { status: t(`calendar.status.${session.status}`) })}</p>
      )}
      <TextAreaField label={t('calendar.fields.notes')} rows={3} registration={form.register('notes')} error={errors.notes?.message} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" size="sm" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" size="sm" loading={form.formState.isSubmitting}>
          {t('calendar.details.save')}
        </Button>
      </div>
    </form>
  );
}
