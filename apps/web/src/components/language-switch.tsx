import { useTranslation } from 'react-i18next';
import { SUPPORTED_LOCALES } from '@rsm/shared/schemas';
import { useChangeLanguage } from '@/lib/use-change-language.ts';
import { cn } from '@/lib/cn.ts';

/** Compact EN / FR toggle for public pages. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const changeLanguage = useChangeLanguage();
  return (
    <div role="group" aria-label={t('language.label')} className={cn('inline-flex rounded-md border p-0.5 text-xs font-medium', className)}>
      {SUPPORTED_LOCALES.map((locale) => {
        const active = i18n.resolvedLanguage === locale;
        return (
          <button
            key={locale}
            type="button"
            lang={locale}
            aria-pressed={active}
            aria-label={t(`language.${locale}`)}
            title={t(`language.${locale}`)}
            onClick={() => void changeLanguage(locale)}
            className={cn(
              'rounded px-2 py-1 uppercase transition-colors',
              active ? 'bg-primary text-primary-foreground' : 'text-muted-foreground hover:text-foreground',
            )}
          >
            {locale}
          </button>
        );
      })}
    </div>
  );
}
