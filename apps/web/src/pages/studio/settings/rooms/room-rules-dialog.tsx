import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useController, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { roomRulesInput } from '@rsm/shared/booking-schemas';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { CheckboxList } from '@/components/form/checkbox-list.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { SelectField } from '@/components/form/select-field.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import { integerTextSchema, minorToAmountText, optionalAmountTextSchema } from '@/lib/forms.ts';
import type { BookingRoom } from '@/lib/trpc/types.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage, applyApiError, readApiError } from '@/lib/trpc/errors.ts';
import { useCurrentStudio } from '../../studio-context.ts';

const INCREMENTS = ['5', '10', '15', '30', '60'] as const;
const MINUTE_FIELDS = ['setupBufferMinutes', 'teardownBufferMinutes', 'minDurationMinutes', 'overtimeBlockMinutes'] as const;
const RATE_FIELDS = [
  ['halfDayRate', 'halfDayRateCents'],
  ['dayRate', 'dayRateCents'],
  ['hourlyRateWithEngineer', 'hourlyRateWithEngineerCents'],
] as const;

/** The shared room rules, with minutes and rates typed as text (an empty rate = not offered). */
function rulesFormSchema(currency: string) {
  const minutes = (field: (typeof MINUTE_FIELDS)[number]) => integerTextSchema(roomRulesInput.shape[field], 'errors.minutes_invalid');
  return z
    .object({
      setupBufferMinutes: minutes('setupBufferMinutes'),
      teardownBufferMinutes: minutes('teardownBufferMinutes'),
      minDurationMinutes: minutes('minDurationMinutes'),
      overtimeBlockMinutes: minutes('overtimeBlockMinutes'),
      incrementMinutes: z.enum(INCREMENTS).transform((value) => Number(value) as 5 | 10 | 15 | 30 | 60),
      halfDayRate: optionalAmountTextSchema(currency),
      dayRate: optionalAmountTextSchema(currency),
      hourlyRateWithEngineer: optionalAmountTextSchema(currency),
      linkedRoomIds: z.array(z.string()),
    })
    .transform(({ halfDayRate, dayRate, hourlyRateWithEngineer, ...rest }) => ({
      ...rest,
      halfDayRateCents: halfDayRate,
      dayRateCents: dayRate,
      hourlyRateWithEngineerCents: hourlyRateWithEngineer,
    }));
}

const FIELDS = [...MINUTE_FIELDS, 'incrementMinutes', 'halfDayRate', 'dayRate', 'hourlyRateWithEngineer', 'linkedRoomIds'] as const;
const RENAME = Object.fromEntries(RATE_FIELDS.map(([form, api]) => [api, form]));

/** A room's booking rules: buffers, lengths, rate card and linked rooms (booking.updateRoomRules). */
export function RoomRulesDialog({ roomId, roomName, onClose }: { roomId: string; roomName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const resources = useQuery(trpc.booking.all.queryOptions());
  const room = resources.data?.rooms.find((candidate) => candidate.id === roomId);
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>{t('roomRules.title', { name: roomName })}</DialogTitle>
          <DialogDescription>{t('roomRules.description')}</DialogDescription>
        </DialogHeader>
        {room && resources.data ? (
          <RulesForm room={room} otherRooms={resources.data.rooms.filter((other) => other.id !== room.id)} onClose={onClose} />
        ) : resources.isError ? (
          <FormError message={apiErrorMessage(t, resources.error)} />
        ) : resources.isPending ? (
          <Skeleton className="h-64" />
        ) : (
          <FormError message={t('errors.codes.NOT_FOUND')} />
        )}
      </DialogContent>
    </Dialog>
  );
}

function RulesForm({ room, otherRooms, onClose }: { room: BookingRoom; otherRooms: BookingRoom[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { studio } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const amount = (cents: number | null) => (cents === null ? '' : minorToAmountText(cents, studio.currency, i18n.language));
  const form = useForm({
    resolver: zodResolver(rulesFormSchema(studio.currency)),
    defaultValues: {
      setupBufferMinutes: String(room.setupBufferMinutes),
      teardownBufferMinutes: String(room.teardownBufferMinutes),
      minDurationMinutes: String(room.minDurationMinutes),
      overtimeBlockMinutes: String(room.overtimeBlockMinutes),
      incrementMinutes: (INCREMENTS.find((value) => Number(value) === room.incrementMinutes) ?? '30') as (typeof INCREMENTS)[number],
      halfDayRate: amount(room.halfDayRateCents),
      dayRate: amount(room.dayRateCents),
      hourlyRateWithEngineer: amount(room.hourlyRateWithEngineerCents),
      linkedRoomIds: room.linkedRoomIds,
    },
  });
  const linked = useController({ control: form.control, name: 'linkedRoomIds' });
  const update = useMutation(trpc.booking.updateRoomRules.mutationOptions());
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await update.mutateAsync({ id: room.id, ...values });
      toast(t('roomRules.saved', { name: room.name }));
      await queryClient.invalidateQueries({ queryKey: trpc.booking.all.queryKey() });
      onClose();
    } catch (error) {
      // Bookings that would overlap under the new rules: the server's sentence lists them (studio's language).
      if (readApiError(error).params.reason === 'roomRulesOverlap' && error instanceof Error) setFormError(error.message);
      else setFormError(applyApiError(t, error, { setError: form.setError, fields: FIELDS, rename: RENAME }));
    }
  });

  const minutesField = (name: (typeof MINUTE_FIELDS)[number]) => (
    <TextField label={t(`roomRules.fields.${name}`)} inputMode="numeric" registration={form.register(name)} error={errors[name]?.message} />
  );
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      <FormError message={formError} />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-3 text-sm font-semibold">{t('roomRules.timing')}</legend>
        {minutesField('setupBufferMinutes')}
        {minutesField('teardownBufferMinutes')}
        {minutesField('minDurationMinutes')}
        <SelectField
          control={form.control}
          name="incrementMinutes"
          label={t('roomRules.fields.incrementMinutes')}
          options={INCREMENTS.map((value) => ({ value, label: t('roomRules.minutes', { count: Number(value) }) }))}
        />
        {minutesField('overtimeBlockMinutes')}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-1 text-sm font-semibold">{t('roomRules.rates')}</legend>
        <p className="text-sm text-muted-foreground sm:col-span-2">{t('roomRules.ratesHint')}</p>
        {RATE_FIELDS.map(([name]) => (
          <TextField
            key={name}
            label={t(`roomRules.fields.${name}`, { currency: studio.currency })}
            inputMode="decimal"
            registration={form.register(name)}
            error={errors[name]?.message}
          />
        ))}
      </fieldset>
      <CheckboxList
        legend={t('roomRules.fields.linkedRoomIds')}
        items={otherRooms.map((other) => ({ id: other.id, label: other.name }))}
        value={linked.field.value}
        onChange={linked.field.onChange}
        empty={t('roomRules.noOtherRooms')}
        error={errors.linkedRoomIds?.message}
      />
      <p className="-mt-2 text-xs text-muted-foreground">{t('roomRules.linkedHint')}</p>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={form.formState.isSubmitting}>
          {t('common.save')}
        </Button>
      </DialogFooter>
    </form>
  );
}
