import { useEffect } from 'react';
import { Outlet, ScrollRestoration } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/lib/auth.ts';
import { applyLocale, storedLocale } from '@/i18n/index.ts';
import { isLocale } from '@/lib/options.ts';

/**
 * A logged-in user's saved language applies on any device where they have
 * not picked one explicitly.
 */
function useAccountLocale() {
  const { i18n } = useTranslation();
  const me = useMe();
  const accountLocale = me.data?.user?.locale;
  useEffect(() => {
    if (accountLocale && isLocale(accountLocale) && !storedLocale() && accountLocale !== i18n.resolvedLanguage) void applyLocale(accountLocale, false);
  }, [accountLocale, i18n]);
}

export function RootLayout() {
  const { t } = useTranslation();
  useAccountLocale();
  useEffect(() => {
    document.title = t('app.name');
  }, [t]);
  return (
    <>
      <Outlet />
      <ScrollRestoration />
    </>
  );
}
