/**
 * What a studio's standing lets through (issue 12.2, 12.5), for every way in: staff procedures, the portal and the
 * public pages (trpc/init.ts), and the plain HTTP routes (uploads, exports). A suspended studio serves nothing; a
 * read-only one serves every read and export, and refuses every change except those a procedure declares safe
 * (`meta.readOnlyAllowed`: choosing a plan, a client logging in to the portal to read). Nothing is deleted.
 */
import { studioStanding, type Standing } from '@rsm/shared/standing';
import { PLAN_TABLE, type Plan, type PlanDefinition } from '@rsm/shared/plans';
import { limitsPlan } from '@rsm/shared/standing';
import { AppError } from '../../platform/errors.ts';
import type { StudioContext } from '../studios/studio-context.ts';

export type Audience = 'staff' | 'client' | 'public';

export const standingOf = (studio: StudioContext, now: Date): Standing => studioStanding(studio, now);

/** For the plain HTTP routes of a studio's files and pages (signed links, PDFs): a suspended studio serves none. */
export const isSuspended = (studio: StudioContext, now: Date): boolean => studioStanding(studio, now) === 'suspended';

type Billed = Pick<StudioContext, 'plan' | 'billingStatus' | 'trialEndsAt' | 'graceEndsAt' | 'suspendedAt'>;

/** The plan whose limits apply now: a studio in its trial has Pro's. */
export const limitsPlanOf = (studio: Billed, now: Date): Plan => limitsPlan(studio, now);
export const planLimitsOf = (studio: Billed, now: Date): PlanDefinition => PLAN_TABLE[limitsPlan(studio, now)];

const SUSPENDED: Record<Audience, { en: string; fr: string }> = {
  staff: {
    en: 'This studio is suspended by the platform. Its data is kept; contact support to resume it.',
    fr: 'Ce studio est suspendu par la plateforme. Ses données sont conservées ; contactez le support pour le réactiver.',
  },
  client: {
    en: 'This studio is temporarily unavailable. Please contact the studio directly.',
    fr: 'Ce studio est momentanément indisponible. Merci de contacter directement le studio.',
  },
  public: {
    en: 'This studio is temporarily unavailable. Please contact the studio directly.',
    fr: 'Ce studio est momentanément indisponible. Merci de contacter directement le studio.',
  },
};

const READ_ONLY: Record<Audience, { en: string; fr: string }> = {
  staff: {
    en: 'This studio is read-only: its trial or subscription has ended. Everything can still be seen and exported; choose a plan to make changes again.',
    fr: 'Ce studio est en lecture seule : son essai ou son abonnement est terminé. Tout reste consultable et exportable ; choisissez une formule pour modifier à nouveau.',
  },
  client: {
    en: 'The studio is not taking changes online at the moment: you can still see everything here. Please contact the studio directly.',
    fr: 'Le studio ne prend pas de modifications en ligne pour le moment : tout reste consultable ici. Merci de contacter directement le studio.',
  },
  public: {
    en: 'Online booking is paused at this studio for the moment. Please contact the studio directly to book.',
    fr: 'La réservation en ligne est suspendue pour le moment dans ce studio. Merci de contacter directement le studio pour réserver.',
  },
};

/**
 * Refuses the call when the studio's standing does not allow it: everything of a suspended studio, a change
 * (`write`) of a read-only one unless the procedure allows it.
 */
export function assertStandingAllows(studio: StudioContext, now: Date, call: { write: boolean; readOnlyAllowed?: boolean; audience: Audience }): void {
  const standing = standingOf(studio, now);
  if (standing === 'suspended') throw new AppError('STUDIO_SUSPENDED', SUSPENDED[call.audience][studio.locale], { standing });
  if (standing === 'read_only' && call.write && !call.readOnlyAllowed)
    throw new AppError('STUDIO_READ_ONLY', READ_ONLY[call.audience][studio.locale], { standing });
}
