import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { SelectField } from '@/components/form/select-field.tsx';
import type { BookingRoom, CalendarSession } from '@/lib/trpc/types.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { SessionTimeFields } from './session-fields.tsx';
import { moveFormSchema, timeFieldsOf } from './session-form.ts';
import { bookingErrorMessage, isSessionChanged } from './booking-errors.ts';

/** New times (and room) typed instead of dragged: the keyboard way to move a session. */
export function SessionMoveForm({
  session,
  rooms,
  timeZone,
  onDone,
}: {
  session: CalendarSession;
  rooms: readonly BookingRoom[];
  timeZone: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const [schema] = useState(() => moveFormSchema(timeZone));
  const form = useForm({
    resolver: zodResolver(schema),
    defaultValues: { roomId: session.roomId, ...timeFieldsOf(new Date(session.startsAt), new Date(session.endsAt), timeZone) },
  });
  const move = useMutation(trpc.sessions.move.mutationOptions());
  const room = rooms.find((candidate) => candidate.id === form.watch('roomId'));

  const reload = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.sessions.list.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.sessions.get.queryKey({ id: session.id }) }),
    ]);

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await move.mutateAsync({
        id: session.id,
        startsAt: values.startsAt,
        endsAt: values.endsAt,
        roomId: values.roomId === session.roomId ? undefined : values.roomId,
        version: session.version,
      });
      await reload();
      toast(t('calendar.moved', { title: session.title }));
      onDone();
    } catch (error) {
      setFormError(bookingErrorMessage(t, error));
      if (isSessionChanged(error)) await reload(); // show what it is now
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 rounded-md border p-3" aria-label={t('calendar.panel.editTimes')}>
      <FormError message={formError} />
      <SelectField
        control={form.control}
        name="roomId"
        label={t('calendar.fields.room')}
        options={rooms.map((option) => ({ value: option.id, label: option.name }))}
      />
      <SessionTimeFields
        registrations={{
          startDate: form.register('startDate'),
          startTime: form.register('startTime'),
          endDate: form.register('endDate'),
          endTime: form.register('endTime'),
        }}
        errors={form.formState.errors}
        timeZone={timeZone}
        step={room?.incrementMinutes ?? 30}
      />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" size="sm" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" size="sm" loading={form.formState.isSubmitting}>
          {t('calendar.panel.saveTimes')}
        </Button>
      </div>
    </form>
  );
}
