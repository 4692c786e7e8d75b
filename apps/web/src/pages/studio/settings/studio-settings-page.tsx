import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SettingsSection } from '@/components/settings/settings-section.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import { Alert, AlertDescription } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { applyApiError } from '@/lib/trpc/errors.ts';
import { useGoToStudio } from '@/lib/studio-url.ts';
import { useCurrentStudio } from '../studio-context.ts';
import { StudioBasicsFields } from './studio-basics-fields.tsx';
import { STUDIO_PROFILE_FIELDS, profileOf, useStudioProfileForm, type StudioProfileForm } from './studio-profile-form.ts';
import { useSaveStudioProfile } from './use-save-studio-profile.ts';
import { TeamSecurityCard } from './team-security-card.tsx';
import { StudioExportCard } from './studio-export-card.tsx';

export function StudioSettingsPage() {
  const { t } = useTranslation();
  const { studio, slug, can } = useCurrentStudio();
  const toast = useToast();
  const goToStudio = useGoToStudio();
  const save = useSaveStudioProfile();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useStudioProfileForm(profileOf(studio));
  const editable = can('studio:write');

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const updated = await save.mutateAsync(values);
      form.reset(profileOf(updated));
      toast(t('studioSettings.saved'));
      // A new slug is a new address: move there so reloads and links keep working.
      if (updated.slug !== slug) await goToStudio(updated.slug, 'settings/studio', { replace: true });
    } catch (error) {
      setFormError(applyApiError(t, error, { setError: form.setError, fields: STUDIO_PROFILE_FIELDS, codeFields: { SLUG_TAKEN: 'slug' } }));
    }
  });

  return (
    <>
      <PageHeader title={t('studioSettings.title')} description={t('studioSettings.description')} />
      {editable ? null : (
        <Alert className="mb-6">
          <AlertDescription>{t('common.readOnly')}</AlertDescription>
        </Alert>
      )}
      <form onSubmit={onSubmit} noValidate>
        <fieldset disabled={!editable} className="grid gap-6">
          <FormError message={formError} />
          <SettingsSection title={t('studioSettings.general')} description={t('studioSettings.generalDescription')}>
            <StudioBasicsFields form={form} />
          </SettingsSection>
          <SettingsSection title={t('studioSettings.business')} description={t('studioSettings.businessDescription')}>
            <BusinessFields form={form} />
          </SettingsSection>
          {editable ? (
            <div className="flex justify-end">
              <Button type="submit" loading={form.formState.isSubmitting} disabled={!form.formState.isDirty}>
                {t('common.save')}
              </Button>
            </div>
          ) : null}
        </fieldset>
      </form>
      {can('security:manage') ? (
        <div className="mt-6">
          <TeamSecurityCard />
        </div>
      ) : null}
      {can('studio:export') ? (
        <div className="mt-6">
          <StudioExportCard slug={slug} />
        </div>
      ) : null}
    </>
  );
}

/** Legal identity, address and contact: printed on quotes and invoices later. */
function BusinessFields({ form }: { form: StudioProfileForm }) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('fields.legalName')} registration={form.register('legalName')} error={errors.legalName?.message} />
        <TextField label={t('fields.vatNumber')} registration={form.register('vatNumber')} error={errors.vatNumber?.message} />
      </div>
      <TextField
        label={t('fields.addressLine1')}
        autoComplete="address-line1"
        registration={form.register('addressLine1')}
        error={errors.addressLine1?.message}
      />
      <TextField
        label={t('fields.addressLine2')}
        autoComplete="address-line2"
        registration={form.register('addressLine2')}
        error={errors.addressLine2?.message}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label={t('fields.postalCode')} autoComplete="postal-code" registration={form.register('postalCode')} error={errors.postalCode?.message} />
        <TextField label={t('fields.city')} autoComplete="address-level2" registration={form.register('city')} error={errors.city?.message} />
        <TextField
          label={t('fields.country')}
          autoComplete="country"
          maxLength={2}
          placeholder="FR"
          description={t('fields.countryHint')}
          registration={form.register('country', { setValueAs: (value: string) => value.toUpperCase() })}
          error={errors.country?.message}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label={t('fields.phone')} type="tel" autoComplete="tel" registration={form.register('phone')} error={errors.phone?.message} />
        <TextField label={t('fields.contactEmail')} type="email" autoComplete="email" registration={form.register('email')} error={errors.email?.message} />
        <TextField label={t('fields.website')} type="url" autoComplete="url" registration={form.register('website')} error={errors.website?.message} />
      </div>
    </>
  );
}
