import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { SUPPORTED_LOCALES, type Locale } from '@rsm/shared/schemas';
import { translations } from './resources.ts';

const STORAGE_KEY = 'rsm.locale';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** The language the visitor picked explicitly on this device, if any. */
export function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    // Private modes can refuse storage; the app still works in the default language.
    return null;
  }
}

function browserLocale(): Locale {
  const preferred = navigator.languages.find((tag) => isLocale(tag.slice(0, 2)));
  const short = preferred?.slice(0, 2);
  return isLocale(short) ? short : 'en';
}

export function currentLocale(): Locale {
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}

/** Switch the interface language; `remember` keeps the choice on this device. */
export async function applyLocale(locale: Locale, remember: boolean): Promise<void> {
  if (remember) {
    try {
      window.localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // See storedLocale: not being able to remember is not an error.
    }
  }
  document.documentElement.lang = locale;
  await i18n.changeLanguage(locale);
}

const initial = storedLocale() ?? browserLocale();
document.documentElement.lang = initial;

void i18n.use(initReactI18next).init({
  resources: { en: { translation: translations.en }, fr: { translation: translations.fr } },
  lng: initial,
  fallbackLng: 'en',
  supportedLngs: [...SUPPORTED_LOCALES],
  interpolation: { escapeValue: false },
  initAsync: false,
});

export { i18n };
