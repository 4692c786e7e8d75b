import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { studioProfileInput, type StudioProfileInput } from '@rsm/shared/schemas';
import type { Studio } from '@/lib/trpc/types.ts';
import { isCurrency, isLocale } from '@/lib/options.ts';

/** The editable profile of a studio, as the shared `studioProfileInput` expects it. */
export function profileOf(studio: Studio): StudioProfileInput {
  return {
    name: studio.name,
    slug: studio.slug,
    timeZone: studio.timeZone,
    // Unknown values (should not happen) fall back to a valid choice the user can see and change.
    currency: isCurrency(studio.currency) ? studio.currency : 'EUR',
    locale: isLocale(studio.locale) ? studio.locale : 'en',
    legalName: studio.legalName,
    addressLine1: studio.addressLine1,
    addressLine2: studio.addressLine2,
    postalCode: studio.postalCode,
    city: studio.city,
    country: studio.country,
    phone: studio.phone,
    email: studio.email,
    website: studio.website,
    vatNumber: studio.vatNumber,
  };
}

/**
 * One form type for onboarding and settings: onboarding shows only the basics
 * but submits the whole profile, so nothing already saved is blanked.
 */
export function useStudioProfileForm(defaultValues: StudioProfileInput) {
  return useForm({ resolver: zodResolver(studioProfileInput), defaultValues });
}

export type StudioProfileForm = ReturnType<typeof useStudioProfileForm>;

export const STUDIO_PROFILE_FIELDS = Object.keys(studioProfileInput.shape) as (keyof StudioProfileInput)[];
