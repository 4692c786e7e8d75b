/** Client portal and cancellation-policy schemas, shared by the server and the web forms. */
import { z } from 'zod';
import { text, multilineText } from './text.ts';

const uuid = z.string().uuid();
const instant = z.string().datetime({ offset: true });

export const portalEmail = z.string().trim().toLowerCase().email('errors.email_invalid').max(254);
/** Same floor as staff passwords. */
export const portalPassword = z.string().min(10, 'errors.password_too_short').max(200);

export const portalRequestLinkInput = z.object({ email: portalEmail });
export const portalConfirmLinkInput = z.object({ token: z.string().min(20).max(200) });
export const portalPasswordLoginInput = z.object({ email: portalEmail, password: z.string().min(1).max(200) });
export const portalSetPasswordInput = z.object({ password: portalPassword });

export const PORTAL_LOCALES = ['', 'en', 'fr'] as const;
export const portalProfileInput = z.object({
  name: text().min(1, 'errors.required').max(200),
  phone: text().max(50),
  addressLine1: text().max(200),
  addressLine2: text().max(200),
  postalCode: text().max(20),
  city: text().max(100),
  country: text().max(100),
  locale: z.enum(PORTAL_LOCALES),
});

export const portalSessionsInput = z.object({
  when: z.enum(['upcoming', 'past']),
  /** Opaque cursor from the previous page. */
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(50).default(20),
});

export const portalCancelInput = z.object({ id: uuid, reason: multilineText().max(1000).default('') });
export const portalRescheduleInput = z.object({ id: uuid, startsAt: instant });
export const portalSlotsInput = z
  .object({ id: uuid, from: instant, to: instant })
  .refine((v) => Date.parse(v.to) > Date.parse(v.from) && Date.parse(v.to) - Date.parse(v.from) <= 31 * 86_400_000, {
    message: 'errors.range_invalid',
    path: ['to'],
  });

export const OUTCOME_BASES = ['tier', 'below_tiers', 'after_start', 'no_policy', 'nothing_paid', 'waived', 'released', 'moved'] as const;

export const cancellationOutcomeOutput = z.object({
  paidCents: z.number().int(),
  refundableCents: z.number().int(),
  keptCents: z.number().int(),
  currency: z.string(),
  basis: z.enum(OUTCOME_BASES),
  tier: z.object({ daysBefore: z.number().int(), refundPercent: z.number().int() }).nullable(),
  daysNotice: z.number().int().nullable(),
});
export type CancellationOutcomeView = z.infer<typeof cancellationOutcomeOutput>;

export const staffCancelInput = z
  .object({ id: uuid, reason: multilineText().max(1000).default(''), waived: z.boolean().default(false) })
  .refine((v) => !v.waived || v.reason.length > 0, { message: 'errors.required', path: ['reason'] });
export const staffCancelPreviewInput = z.object({ id: uuid, waived: z.boolean().default(false) });
export const rebookDepositInput = z.object({ fromSessionId: uuid, toSessionId: uuid });
export const clientPortalActivityInput = z.object({
  clientId: uuid,
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(30),
});
