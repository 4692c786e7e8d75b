import { useMutation } from '@tanstack/react-query';
import type { Locale } from '@rsm/shared/schemas';
import { applyLocale } from '@/i18n/index.ts';
import { useMe } from './auth.ts';
import { useTRPC } from './trpc/global.ts';

/**
 * Changes the interface language at once, remembers it on this device, and
 * saves it on the account (e-mails are then sent in it) when logged in.
 */
export function useChangeLanguage() {
  const trpc = useTRPC();
  const me = useMe();
  const saveLocale = useMutation(trpc.auth.setLocale.mutationOptions());
  const loggedIn = Boolean(me.data?.user);
  return async (locale: Locale) => {
    await applyLocale(locale, true);
    if (loggedIn) saveLocale.mutate({ locale });
  };
}
