import type { Role } from '@rsm/shared/roles';
import type { Locale } from '@rsm/shared/schemas';
import type { BillingStatus } from '@rsm/shared/standing';
import type { control } from '@rsm/db';
import type { TenantLocation } from '../../platform/tenancy/directory.ts';

/** The studio a request acts on, resolved from the URL and a verified membership. */
export interface StudioContext {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  currency: string;
  locale: Locale;
  plan: 'starter' | 'pro' | 'enterprise';
  trialEndsAt: Date | null;
  billingStatus: BillingStatus;
  graceEndsAt: Date | null;
  suspendedAt: Date | null;
  onboardedAt: Date | null;
  location: TenantLocation;
}

export interface Actor {
  userId: string;
  name: string;
  email: string;
  role: Role;
}

/** The context of a studio from its control row and directory entry. */
export function toStudioContext(s: typeof control.studios.$inferSelect, location: TenantLocation): StudioContext {
  return {
    id: s.id,
    slug: s.slug,
    name: s.name,
    timeZone: s.timeZone,
    currency: s.currency,
    locale: s.locale === 'fr' ? 'fr' : 'en',
    plan: s.plan,
    trialEndsAt: s.trialEndsAt,
    billingStatus: s.billingStatus,
    graceEndsAt: s.graceEndsAt,
    suspendedAt: s.suspendedAt,
    onboardedAt: s.onboardedAt,
    location,
  };
}
