import { useState } from 'react';
import { useFieldArray, useForm, type UseFormRegisterReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Plus, Trash2 } from 'lucide-react';
import { bookingPageSettingsInput, type BookingPageSettingsInput } from '@rsm/shared/booking-page-schemas';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Input } from '@/components/ui/input.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { TextAreaField, TextField } from '@/components/form/text-field.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { translateMessageKey, applyApiError } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';

function Toggle({ label, description, registration }: { label: string; description: string; registration: UseFormRegisterReturn }) {
  return (
    <label className="flex items-start gap-3 text-sm">
      <input type="checkbox" className="mt-0.5 size-4 accent-primary" {...registration} />
      <span className="grid gap-0.5">
        <span className="font-medium">{label}</span>
        <span className="text-muted-foreground">{description}</span>
      </span>
    </label>
  );
}

const FIELDS = [
  'publicBookingEnabled',
  'instantBooking',
  'requireApproval',
  'holdHours',
  'depositPercent',
  'depositDueHours',
  'transferDetails',
  'cancellationTiers',
  'policyText',
  'portalChangeCutoffHours',
  'minNoticeHours',
  'bookingWindowDays',
  'brandColor',
  'welcomeText',
] as const;

/** The booking rules, deposit, cancellation tiers and look of the public page, validated by the shared schema. */
export function BookingPolicyForm({ initial, disabled = false }: { initial: BookingPageSettingsInput; disabled?: boolean }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const save = useMutation(trpc.bookingPage.updateSettings.mutationOptions());
  const form = useForm<BookingPageSettingsInput>({ resolver: zodResolver(bookingPageSettingsInput), defaultValues: initial });
  const tiers = useFieldArray({ control: form.control, name: 'cancellationTiers' });
  const { errors, isSubmitting } = form.formState;
  const number = (name: Parameters<typeof form.register>[0]) => form.register(name, { valueAsNumber: true });

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const saved = await save.mutateAsync(values);
      form.reset({ ...values, brandColor: saved.brandColor });
      await queryClient.invalidateQueries({ queryKey: trpc.bookingPage.settings.queryKey() });
      toast(t('bookingPage.settings.saved'));
    } catch (error) {
      setFormError(applyApiError(t, error, { setError: form.setError, fields: [...FIELDS] }));
    }
  });

  const tierError = (index: number) => {
    const entry = errors.cancellationTiers?.[index];
    const message = entry?.daysBefore?.message ?? entry?.refundPercent?.message;
    return message ? translateMessageKey(t, message) : null;
  };

  return (
    <form onSubmit={onSubmit} noValidate data-testid="booking-policy-form">
      <fieldset disabled={disabled} className="grid gap-6">
        <FormError message={formError} />
        <Card>
          <CardHeader>
            <CardTitle>{t('bookingPage.settings.bookingTitle')}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            <Toggle
              label={t('bookingPage.settings.enabled')}
              description={t('bookingPage.settings.enabledHelp')}
              registration={form.register('publicBookingEnabled')}
            />
            <Toggle
              label={t('bookingPage.settings.requireApproval')}
              description={t('bookingPage.settings.requireApprovalHelp')}
              registration={form.register('requireApproval')}
            />
            <Toggle
              label={t('bookingPage.settings.instantBooking')}
              description={t('bookingPage.settings.instantBookingHelp')}
              registration={form.register('instantBooking')}
            />
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField
                label={t('bookingPage.settings.holdHours')}
                type="number"
                inputMode="numeric"
                min={1}
                registration={number('holdHours')}
                error={errors.holdHours?.message}
              />
              <TextField
                label={t('bookingPage.settings.minNoticeHours')}
                type="number"
                inputMode="numeric"
                min={0}
                registration={number('minNoticeHours')}
                error={errors.minNoticeHours?.message}
              />
              <TextField
                label={t('bookingPage.settings.bookingWindowDays')}
                type="number"
                inputMode="numeric"
                min={1}
                registration={number('bookingWindowDays')}
                error={errors.bookingWindowDays?.message}
              />
              <TextField
                label={t('bookingPage.settings.portalChangeCutoffHours')}
                type="number"
                inputMode="numeric"
                min={0}
                registration={number('portalChangeCutoffHours')}
                error={errors.portalChangeCutoffHours?.message}
              />
            </div>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t('bookingPage.settings.depositTitle')}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField
                label={t('bookingPage.settings.depositPercent')}
                type="number"
                inputMode="numeric"
                min={0}
                max={100}
                registration={number('depositPercent')}
                error={errors.depositPercent?.message}
              />
              <TextField
                label={t('bookingPage.settings.depositDueHours')}
                type="number"
                inputMode="numeric"
                min={0}
                registration={number('depositDueHours')}
                error={errors.depositDueHours?.message}
              />
            </div>
            <TextAreaField
              label={t('bookingPage.settings.transferDetails')}
              description={t('bookingPage.settings.transferDetailsHelp')}
              rows={3}
              registration={form.register('transferDetails')}
              error={errors.transferDetails?.message}
            />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t('bookingPage.settings.policyTitle')}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            <fieldset className="grid gap-2">
              <legend className="mb-1 text-sm font-medium">{t('bookingPage.settings.tiers')}</legend>
              <p className="text-sm text-muted-foreground">{t('bookingPage.settings.tiersHelp')}</p>
              <ul className="grid gap-2">
                {tiers.fields.map((field, index) => (
                  <li key={field.id} className="grid gap-1">
                    <div className="flex flex-wrap items-center gap-2 text-sm">
                      <span>{t('bookingPage.settings.tierFrom')}</span>
                      <Input
                        className="w-20"
                        type="number"
                        inputMode="numeric"
                        min={0}
                        aria-label={t('bookingPage.settings.tierDays', { index: index + 1 })}
                        {...form.register(`cancellationTiers.${index}.daysBefore`, { valueAsNumber: true })}
                      />
                      <span>{t('bookingPage.settings.tierDaysBefore')}</span>
                      <Input
                        className="w-20"
                        type="number"
                        inputMode="numeric"
                        min={0}
                        max={100}
                        aria-label={t('bookingPage.settings.tierRefund', { index: index + 1 })}
                        {...form.register(`cancellationTiers.${index}.refundPercent`, { valueAsNumber: true })}
                      />
                      <span>{t('bookingPage.settings.tierRefunded')}</span>
                      <Button
                        type="button"
                        variant="ghost"
                        size="icon"
                        onClick={() => tiers.remove(index)}
                        aria-label={t('bookingPage.settings.removeTier', { index: index + 1 })}
                      >
                        <Trash2 aria-hidden="true" />
                      </Button>
                    </div>
                    {tierError(index) ? <p className="text-sm text-destructive">{tierError(index)}</p> : null}
                  </li>
                ))}
              </ul>
              {tiers.fields.length < 10 ? (
                <Button type="button" variant="outline" size="sm" className="w-fit" onClick={() => tiers.append({ daysBefore: 0, refundPercent: 0 })}>
                  <Plus aria-hidden="true" />
                  {t('bookingPage.settings.addTier')}
                </Button>
              ) : null}
              <p className="text-sm text-muted-foreground">{t('bookingPage.settings.belowLastTier')}</p>
            </fieldset>
            <TextAreaField
              label={t('bookingPage.settings.policyText')}
              rows={4}
              registration={form.register('policyText')}
              error={errors.policyText?.message}
            />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t('bookingPage.settings.lookTitle')}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            <TextField
              label={t('bookingPage.settings.brandColor')}
              type="color"
              className="max-w-40"
              registration={form.register('brandColor')}
              error={errors.brandColor?.message}
            />
            <TextAreaField
              label={t('bookingPage.settings.welcomeText')}
              rows={3}
              registration={form.register('welcomeText')}
              error={errors.welcomeText?.message}
            />
          </CardContent>
        </Card>

        <div className="flex justify-end">
          <Button type="submit" loading={isSubmitting} data-testid="save-booking-page">
            {t('bookingPage.settings.save')}
          </Button>
        </div>
      </fieldset>
    </form>
  );
}
