import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { applyApiError } from '@/lib/trpc/errors.ts';
import { browserTimeZone } from '@/lib/options.ts';
import { useGoToStudio } from '@/lib/studio-url.ts';
import { useCurrentStudio } from '../studio-context.ts';
import { StudioBasicsFields } from '../settings/studio-basics-fields.tsx';
import { STUDIO_PROFILE_FIELDS, profileOf, useStudioProfileForm } from '../settings/studio-profile-form.ts';
import { useSaveStudioProfile } from '../settings/use-save-studio-profile.ts';

/** Step 2: name, address, time zone, currency, language. */
export function StudioStep() {
  const { t } = useTranslation();
  const { studio, slug } = useCurrentStudio();
  const [, setParams] = useSearchParams();
  const goToStudio = useGoToStudio();
  const save = useSaveStudioProfile();
  const [formError, setFormError] = useState<string | null>(null);
  // A new studio most likely runs on the clock of the person setting it up.
  const form = useStudioProfileForm({ ...profileOf(studio), timeZone: browserTimeZone() ?? studio.timeZone });

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const updated = await save.mutateAsync(values);
      if (updated.slug !== slug) await goToStudio(updated.slug, 'onboarding?step=room', { replace: true });
      else setParams({ step: 'room' });
    } catch (error) {
      setFormError(applyApiError(t, error, { setError: form.setError, fields: STUDIO_PROFILE_FIELDS, codeFields: { SLUG_TAKEN: 'slug' } }));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      <FormError message={formError} />
      <StudioBasicsFields form={form} />
      <Button type="submit" loading={form.formState.isSubmitting}>
        {t('onboarding.studio.submit')}
      </Button>
    </form>
  );
}
