/** Choices offered in studio forms, labelled in the reader's language. */
import { SUPPORTED_CURRENCIES, SUPPORTED_LOCALES, isValidTimeZone, type Locale } from '@rsm/shared/schemas';
import type { SelectOption } from '@/components/form/select-field.tsx';

export type Currency = (typeof SUPPORTED_CURRENCIES)[number];

export function isCurrency(value: string): value is Currency {
  return (SUPPORTED_CURRENCIES as readonly string[]).includes(value);
}

export function isLocale(value: string): value is Locale {
  return (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

export function currencyOptions(displayLocale: string): SelectOption[] {
  const names = new Intl.DisplayNames([displayLocale], { type: 'currency' });
  return SUPPORTED_CURRENCIES.map((code) => ({ value: code, label: `${code} — ${names.of(code) ?? code}` }));
}

let cachedTimeZones: string[] | null = null;

/** Every IANA zone the browser knows that the server also accepts. */
export function timeZones(): string[] {
  if (!cachedTimeZones) {
    const known = Intl.supportedValuesOf('timeZone').filter(isValidTimeZone);
    cachedTimeZones = known.includes('UTC') ? known : ['UTC', ...known];
  }
  return cachedTimeZones;
}

export function timeZoneOptions(): SelectOption[] {
  return timeZones().map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }));
}

export function browserTimeZone(): string | null {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return isValidTimeZone(zone) ? zone : null;
}
