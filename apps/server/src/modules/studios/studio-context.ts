import type { Role } from '@rsm/shared/roles';
import type { Locale } from '@rsm/shared/schemas';
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
  onboardedAt: Date | null;
  location: TenantLocation;
}

export interface Actor {
  userId: string;
  name: string;
  email: string;
  role: Role;
}
