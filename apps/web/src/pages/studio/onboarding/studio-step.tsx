import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { applyApiError, apiErrorMessage } from '@/lib/trpc/errors.ts';
import { browserTimeZone } from '@/lib/options.ts';
import { useGoToStudio } from '@/lib/studio-url.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useCurrentStudio } from '../studio-context.ts';
import { StudioBasicsFields } from '../settings/studio-basics-fields.tsx';
import { STUDIO_PROFILE_FIELDS, profileOf, useStudioProfileForm } from '../settings/studio-profile-form.ts';
import { useSaveStudioProfile } from '../settings/use-save-studio-profile.ts';
import { WeeklyHoursEditor } from '../settings/hours/weekly-hours-editor.tsx';
import { openingRowsOf, weekFromOpening, weekIssues, type WeekHours } from '../settings/hours/weekly-hours.ts';

/** Step 2: name, address, time zone, currency, language, and the opening hours (a new studio starts with defaults). */
export function StudioStep() {
  const { t } = useTranslation();
  const { studio, slug } = useCurrentStudio();
  const [, setParams] = useSearchParams();
  const goToStudio = useGoToStudio();
  const save = useSaveStudioProfile();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const hours = useQuery(trpc.booking.hours.queryOptions());
  const saveHours = useMutation(trpc.booking.setOpeningHours.mutationOptions());
  // Edited copy of the studio-wide week; null until the saved one has loaded.
  const [week, setWeek] = useState<WeekHours | null>(null);
  const shownWeek = week ?? (hours.data ? weekFromOpening(hours.data.opening.filter((row) => row.roomId === null)) : null);
  const hoursIssues = shownWeek ? weekIssues(shownWeek, 'opening') : [];
  const [formError, setFormError] = useState<string | null>(null);
  // A new studio most likely runs on the clock of the person setting it up.
  const form = useStudioProfileForm({ ...profileOf(studio), timeZone: browserTimeZone() ?? studio.timeZone });

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    if (hoursIssues.length > 0) {
      setFormError(t('hours.fixIssues'));
      return;
    }
    try {
      // The hours first: they live in the studio's database, reached by its current address.
      if (week) {
        await saveHours.mutateAsync({ roomId: null, hours: openingRowsOf(week) });
        await queryClient.invalidateQueries({ queryKey: trpc.booking.hours.queryKey() });
      }
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
      <section aria-labelledby="onboarding-hours" className="grid gap-2">
        <h2 id="onboarding-hours" className="text-sm font-medium">
          {t('gettingStarted.hoursTitle')}
        </h2>
        <p className="text-sm text-muted-foreground">{t('gettingStarted.hoursDescription')}</p>
        {shownWeek ? (
          <WeeklyHoursEditor kind="opening" value={shownWeek} onChange={setWeek} issues={hoursIssues} />
        ) : hours.isError ? (
          <FormError message={apiErrorMessage(t, hours.error)} />
        ) : (
          <p className="text-sm text-muted-foreground" role="status">
            {t('gettingStarted.hoursLoading')}
          </p>
        )}
      </section>
      <Button type="submit" loading={form.formState.isSubmitting}>
        {t('onboarding.studio.submit')}
      </Button>
    </form>
  );
}
