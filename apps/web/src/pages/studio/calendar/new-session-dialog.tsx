import { useMemo, useState } from 'react';
import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useController, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { formatMinor } from '@rsm/shared/money';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { CheckboxList } from '@/components/form/checkbox-list.tsx';
import { SelectField } from '@/components/form/select-field.tsx';
import { TextAreaField, TextField } from '@/components/form/text-field.tsx';
import type { BookingResources } from '@/lib/trpc/types.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { applyApiError } from '@/lib/trpc/errors.ts';
import { useDebouncedValue } from '@/lib/use-debounced-value.ts';
import { useCurrentStudio } from '../studio-context.ts';
import type { SessionDraft } from './grid-view.tsx';
import { SessionClientField } from './session-client-field.tsx';
import { RepeatSection } from './repeat-section.tsx';
import { SessionTimeFields } from './session-fields.tsx';
import { DEFAULT_HOLD_HOURS, NO_CLIENT, SESSION_FIELD_RENAME, SESSION_FORM_FIELDS, readTimes, sessionFormSchema, timeFieldsOf } from './session-form.ts';
import { useSeriesBooking } from './use-series-booking.ts';
import { bookingErrorMessage, isBookingRefusal } from './booking-errors.ts';
import { AvailabilityNotice } from './availability-notice.tsx';

type NewSessionDialogProps = {
  draft: SessionDraft;
  resources: BookingResources;
  onClose: () => void;
};

/** Book a session. Mounted only while open, so every opening starts from its draft. */
export function NewSessionDialog({ draft, resources, onClose }: NewSessionDialogProps) {
  const { t, i18n } = useTranslation();
  const { studio } = useCurrentStudio();
  const timeZone = studio.timeZone;
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const [schema] = useState(() => sessionFormSchema(timeZone));
  const [initialTimes] = useState(() => timeFieldsOf(draft.startsAt, draft.endsAt, timeZone));
  const form = useForm({
    resolver: zodResolver(schema),
    defaultValues: {
      title: '',
      roomId: draft.roomId ?? resources.rooms[0]?.id ?? '',
      ...initialTimes,
      engineerIds: draft.engineerIds,
      gearIds: [],
      clientId: NO_CLIENT,
      status: 'confirmed' as const,
      holdHours: String(DEFAULT_HOLD_HOURS),
      queueBehindHolds: false,
      notes: '',
    },
  });
  const create = useMutation(trpc.sessions.create.mutationOptions());
  const engineers = useController({ control: form.control, name: 'engineerIds' });
  const gear = useController({ control: form.control, name: 'gearIds' });
  const [roomId, startDate, startTime, endDate, endTime, engineerIds, gearIds, clientId, status] = useWatch({
    control: form.control,
    name: ['roomId', 'startDate', 'startTime', 'endDate', 'endTime', 'engineerIds', 'gearIds', 'clientId', 'status'],
  });
  const room = resources.rooms.find((candidate) => candidate.id === roomId);

  // The live price: asked again 300 ms after the last change, never for an incomplete form.
  const quoteInput = useMemo(() => {
    const times = readTimes({ startDate, startTime, endDate, endTime }, timeZone);
    if (!roomId || !times || times.endsAt <= times.startsAt) return null;
    return {
      roomId,
      startsAt: times.startsAt.toISOString(),
      endsAt: times.endsAt.toISOString(),
      engineerIds,
      gearIds,
      clientId: clientId === NO_CLIENT ? null : clientId,
    };
  }, [roomId, startDate, startTime, endDate, endTime, engineerIds, gearIds, clientId, timeZone]);
  const debouncedQuote = useDebouncedValue(quoteInput, 300);
  const quote = useQuery(trpc.sessions.quote.queryOptions(debouncedQuote ?? skipToken, { retry: false, placeholderData: keepPreviousData }));
  const series = useSeriesBooking({ firstDay: startDate, firstDefaultDay: initialTimes.startDate, slot: quoteInput, timeZone });

  const onSubmit = form.handleSubmit(async (input) => {
    setFormError(null);
    try {
      if (series.enabled) {
        const outcome = await series.book(input);
        if (outcome.kind === 'refused') {
          setFormError(outcome.message);
          return;
        }
        toast(t('calendar.repeat.booked', { count: outcome.count, title: input.title.trim() }));
      } else {
        const session = await create.mutateAsync(input);
        toast(t('calendar.created', { title: session.title }));
      }
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.sessions.list.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.sessions.usage.queryKey() }),
      ]);
      onClose();
    } catch (error) {
      // A refused overlap, a room rule or the plan's limit is explained in the server's terms, inside the dialog.
      if (isBookingRefusal(error)) setFormError(bookingErrorMessage(t, error));
      else setFormError(applyApiError(t, error, { setError: form.setError, fields: SESSION_FORM_FIELDS, rename: SESSION_FIELD_RENAME }));
    }
  });

  const { errors } = form.formState;
  const bookableEngineers = resources.engineers.filter((engineer) => engineer.bookable);
  const bookableGear = resources.gear.filter((item) => item.bookable && item.status === 'available');
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>{t('calendar.newSession')}</DialogTitle>
          <DialogDescription>{t('calendar.newSessionDescription')}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <TextField
            label={t('calendar.fields.title')}
            registration={form.register('title')}
            error={errors.title?.message}
            placeholder={t('calendar.fields.titlePlaceholder')}
            autoFocus
          />
          <SelectField
            control={form.control}
            name="roomId"
            label={t('calendar.fields.room')}
            options={resources.rooms.map((option) => ({ value: option.id, label: option.name }))}
          />
          <SessionTimeFields
            registrations={{
              startDate: form.register('startDate'),
              startTime: form.register('startTime'),
              endDate: form.register('endDate'),
              endTime: form.register('endTime'),
            }}
            errors={errors}
            timeZone={timeZone}
            step={room?.incrementMinutes ?? 30}
          />
          <CheckboxList
            legend={t('calendar.fields.engineers')}
            items={bookableEngineers.map((engineer) => ({ id: engineer.id, label: engineer.name }))}
            value={engineers.field.value}
            onChange={engineers.field.onChange}
            empty={t('calendar.fields.noEngineers')}
          />
          <CheckboxList
            legend={t('calendar.fields.gear')}
            items={bookableGear.map((item) => ({ id: item.id, label: item.category ? `${item.name} · ${item.category}` : item.name }))}
            value={gear.field.value}
            onChange={gear.field.onChange}
            empty={t('calendar.fields.noGear')}
          />
          <SessionClientField initial={null} onChange={(id) => form.setValue('clientId', id, { shouldDirty: true })} />
          <fieldset className="grid gap-2">
            <legend className="mb-2 text-sm font-medium">{t('calendar.fields.status')}</legend>
            <div className="flex flex-wrap gap-4">
              {(['confirmed', 'hold'] as const).map((option) => (
                <label key={option} className="flex items-center gap-2 text-sm">
                  <input type="radio" value={option} className="size-4 accent-primary" {...form.register('status')} />
                  {t(`calendar.status.${option}`)}
                </label>
              ))}
            </div>
          </fieldset>
          {status === 'hold' ? (
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField
                label={t('calendar.fields.holdHours')}
                inputMode="numeric"
                registration={form.register('holdHours')}
                error={errors.holdHours?.message}
                description={t('calendar.fields.holdHoursHint')}
              />
              {/* Each occurrence of a series is booked as its own hold, never queued. */}
              {series.enabled ? null : (
                <label className="flex items-center gap-2 self-center text-sm">
                  <input type="checkbox" className="size-4 accent-primary" {...form.register('queueBehindHolds')} />
                  {t('calendar.fields.queueBehindHolds')}
                </label>
              )}
            </div>
          ) : null}
          <TextAreaField label={t('calendar.fields.notes')} rows={3} registration={form.register('notes')} error={errors.notes?.message} />
          <RepeatSection
            form={series.form}
            issues={series.issues}
            timeZone={timeZone}
            occurrences={series.check.data}
            loading={series.check.isFetching}
            error={series.check.error ? bookingErrorMessage(t, series.check.error) : null}
            choices={series.choices}
            onChoice={series.choose}
          />
          {/* A refusal says why the time cannot be booked: a hint about opening hours beside it would only blur it. */}
          {formError ? null : <AvailabilityNotice slot={debouncedQuote} />}
          <QuoteLine
            quote={quote.data}
            error={quote.error ? bookingErrorMessage(t, quote.error) : null}
            loading={quote.isFetching}
            locale={i18n.language}
            perSession={series.enabled}
          />
          {/* Where the eyes are after pressing the button: a refusal at the top of a long dialog scrolls out of view. */}
          <FormError message={formError} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={form.formState.isSubmitting}>
              {series.enabled
                ? series.plan
                  ? t('calendar.repeat.submit', { count: series.plan.booked })
                  : t('calendar.repeat.submitUnknown')
                : t('calendar.create')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

type QuoteLineProps = {
  quote: { totalCents: number; currency: string } | undefined;
  error: string | null;
  loading: boolean;
  locale: string;
  perSession: boolean;
};

function QuoteLine({ quote, error, loading, locale, perSession }: QuoteLineProps) {
  const { t } = useTranslation();
  return (
    <div className="flex items-baseline justify-between gap-3 rounded-md bg-muted/50 px-3 py-2 text-sm" aria-live="polite" data-testid="session-quote">
      <span className="text-muted-foreground">{perSession ? t('calendar.repeat.pricePerSession') : t('calendar.price')}</span>
      {error ? (
        <span className="text-right text-destructive">{error}</span>
      ) : quote ? (
        <span className={loading ? 'font-semibold tabular-nums opacity-60' : 'font-semibold tabular-nums'}>
          {formatMinor(quote.totalCents, quote.currency, locale)}
        </span>
      ) : (
        <span className="text-muted-foreground">—</span>
      )}
    </div>
  );
}
