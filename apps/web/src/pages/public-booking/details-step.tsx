import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { publicBookingDetailsSchema } from '@rsm/shared/booking-page-schemas';
import { Button } from '@/components/ui/button.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { TextAreaField, TextField } from '@/components/form/text-field.tsx';
import { applyApiError, translateMessageKey } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { formatDay } from '@/pages/studio/calendar/calendar-format.ts';
import { dayKeyOf } from '@/pages/studio/calendar/dates.ts';
import type { PublicPage } from './public-booking-layout.tsx';
import { bookingPageReason } from './public-booking-errors.ts';
import { PolicySummary } from './policy-summary.tsx';
import type { ChosenSlot } from './time-step.tsx';
import { studioFormatter, TIME_OF_DAY } from '@/lib/studio-time.ts';

// The checkbox starts unticked: the form holds a boolean, the shared rule still requires `true`.
const detailsForm = publicBookingDetailsSchema.extend({
  policyAccepted: z.boolean().refine((value) => value, { message: 'bookingPage.errors.policyRequired' }),
});
type DetailsValues = z.input<typeof detailsForm>;

/** Step 3: who is booking. The policy is shown and must be accepted; a hidden field catches robots. */
export function DetailsStep({
  page,
  slot,
  onBack,
  onSent,
  onSlotTaken,
}: {
  page: PublicPage;
  slot: ChosenSlot;
  onBack: () => void;
  onSent: (email: string) => void;
  onSlotTaken: () => void;
}) {
  const { t, i18n } = useTranslation();
  const trpc = useStudioTRPC();
  const request = useMutation(trpc.publicBooking.request.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<DetailsValues>({
    resolver: zodResolver(detailsForm),
    defaultValues: { name: '', email: '', phone: '', message: '', policyAccepted: false, website: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const time = studioFormatter(i18n.language, page.timeZone, TIME_OF_DAY);
  const room = page.rooms.find((r) => r.id === slot.roomId);

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await request.mutateAsync({
        ...slot,
        ...values,
        policyAccepted: true,
        website: values.website ?? '',
        locale: i18n.resolvedLanguage === 'fr' ? 'fr' : 'en',
      });
      onSent(values.email);
    } catch (error) {
      if (bookingPageReason(error) === 'slotTaken') return onSlotTaken();
      setFormError(applyApiError(t, error, { setError: form.setError, fields: ['name', 'email', 'phone', 'message', 'policyAccepted'] }));
    }
  });

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-xl font-semibold">{t('bookingPage.public.yourDetails')}</h2>
        <Button variant="ghost" size="sm" onClick={onBack}>
          {t('bookingPage.public.changeTime')}
        </Button>
      </div>
      <p className="rounded-md border bg-background p-3 text-sm first-letter:uppercase" data-testid="chosen-slot">
        {room?.name} · {formatDay(dayKeyOf(new Date(slot.startsAt), page.timeZone), i18n.language, { weekday: 'long', day: 'numeric', month: 'long' })} ·{' '}
        {time.format(new Date(slot.startsAt))}–{time.format(new Date(slot.endsAt))}
      </p>
      <form onSubmit={onSubmit} noValidate className="grid gap-4">
        <FormError message={formError} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t('bookingPage.public.name')} autoComplete="name" registration={form.register('name')} error={errors.name?.message} />
          <TextField
            label={t('bookingPage.public.email')}
            type="email"
            autoComplete="email"
            registration={form.register('email')}
            error={errors.email?.message}
          />
          <TextField label={t('bookingPage.public.phone')} type="tel" autoComplete="tel" registration={form.register('phone')} error={errors.phone?.message} />
        </div>
        <TextAreaField label={t('bookingPage.public.message')} rows={3} registration={form.register('message')} error={errors.message?.message} />
        {/* Robots fill every field; people never see this one (off-screen, out of the tab order, unnamed for readers). */}
        <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
          <label>
            Website
            <input type="text" tabIndex={-1} autoComplete="off" {...form.register('website')} />
          </label>
        </div>
        <PolicySummary page={page} />
        <div className="grid gap-1">
          <label className="flex items-start gap-3 text-sm">
            <input
              type="checkbox"
              className="mt-0.5 size-4 accent-primary"
              aria-invalid={Boolean(errors.policyAccepted)}
              {...form.register('policyAccepted')}
              data-testid="accept-policy"
            />
            <span>{t('bookingPage.public.acceptPolicy')}</span>
          </label>
          {errors.policyAccepted?.message ? <p className="text-sm text-destructive">{translateMessageKey(t, errors.policyAccepted.message)}</p> : null}
        </div>
        <p className="text-sm text-muted-foreground">{t('bookingPage.public.emailCheckNote')}</p>
        <Button type="submit" loading={isSubmitting} className="sm:w-fit" data-testid="send-request">
          {t('bookingPage.public.sendRequest')}
        </Button>
      </form>
    </div>
  );
}
