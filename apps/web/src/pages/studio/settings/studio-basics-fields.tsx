import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SUPPORTED_LOCALES } from '@rsm/shared/schemas';
import { TextField } from '@/components/form/text-field.tsx';
import { SelectField } from '@/components/form/select-field.tsx';
import { currencyOptions, timeZoneOptions } from '@/lib/options.ts';
import { studioAddressPreview } from '@/lib/studio-url.ts';
import type { StudioProfileForm } from './studio-profile-form.ts';

/** Name, address (slug), time zone, currency, language: what onboarding asks and settings edit. */
export function StudioBasicsFields({ form }: { form: StudioProfileForm }) {
  const { t, i18n } = useTranslation();
  const { errors } = form.formState;
  const slug = form.watch('slug');
  const zones = useMemo(timeZoneOptions, []);
  const currencies = useMemo(() => currencyOptions(i18n.language), [i18n.language]);
  const locales = SUPPORTED_LOCALES.map((locale) => ({ value: locale, label: t(`language.${locale}`) }));

  return (
    <>
      <TextField label={t('fields.studioName')} autoComplete="organization" registration={form.register('name')} error={errors.name?.message} />
      <TextField
        label={t('fields.slug')}
        autoCapitalize="none"
        spellCheck={false}
        registration={form.register('slug')}
        error={errors.slug?.message}
        description={
          <>
            {t('fields.slugPreview')}{' '}
            <span className="font-mono text-foreground" data-testid="slug-preview">
              {studioAddressPreview(slug.trim().toLowerCase() || '…')}
            </span>
          </>
        }
      />
      <SelectField control={form.control} name="timeZone" label={t('fields.timeZone')} options={zones} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField control={form.control} name="currency" label={t('fields.currency')} options={currencies} />
        <SelectField control={form.control} name="locale" label={t('fields.studioLanguage')} options={locales} description={t('fields.studioLanguageHint')} />
      </div>
    </>
  );
}
