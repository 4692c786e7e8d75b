/**
 * The public booking page: the studio's settings (policy, deposit, branding) and what a visitor sends.
 * Shared by the API and the forms. Messages are i18n keys (`errors.*` shared, `bookingPage.errors.*` ours).
 */
import { z } from 'zod';
import { multilineText } from './text.ts';
import { emailSchema, personNameSchema } from './schemas.ts';
import { instantSchema } from './booking-schemas.ts';

const uuid = z.string().uuid();

export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
export const LOGO_MAX_BYTES = 512 * 1024;
export const LOGO_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoMime = (typeof LOGO_MIME_TYPES)[number];
/** A request waits this long for the visitor to confirm their e-mail address. */
export const REQUEST_CONFIRM_MINUTES = 30;
/** The public calendar asks for at most this many days at once. */
export const PUBLIC_AVAILABILITY_MAX_DAYS = 42;

export const cancellationTierSchema = z.object({
  daysBefore: z.number().int('errors.invalid_value').min(0, 'errors.invalid_value').max(365, 'errors.invalid_value'),
  refundPercent: z.number().int('errors.invalid_value').min(0, 'errors.invalid_value').max(100, 'errors.invalid_value'),
});
export type CancellationTierInput = z.infer<typeof cancellationTierSchema>;

/**
 * Tiers read from the earliest cancellation to the latest: days strictly decreasing (so unique), and the
 * refund never grows as the session gets closer.
 */
export function tierProblem(tiers: CancellationTierInput[]): { index: number; message: string } | null {
  for (let i = 1; i < tiers.length; i++) {
    const before = tiers[i - 1]!;
    const tier = tiers[i]!;
    if (tier.daysBefore >= before.daysBefore) return { index: i, message: 'bookingPage.errors.tiersOrder' };
    if (tier.refundPercent > before.refundPercent) return { index: i, message: 'bookingPage.errors.tiersRefund' };
  }
  return null;
}

export const cancellationTiersSchema = z
  .array(cancellationTierSchema)
  .max(10, 'errors.invalid_value')
  .superRefine((tiers, ctx) => {
    const problem = tierProblem(tiers);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: [problem.index, 'daysBefore'] });
  });

const hours = (max: number) => z.number().int('errors.invalid_value').min(0, 'errors.invalid_value').max(max, 'errors.invalid_value');

/**
 * Rules that contradict each other: a visitor's booking is held `holdHours` (unless it is confirmed at
 * once) and must be paid `depositDueHours` after it is made — a deposit due after the hold lapses could
 * never be paid in time. (Deadlines are also capped at the session's start when they are computed.)
 */
export function policyProblem(
  p: Pick<BookingPageSettingsInput, 'instantBooking' | 'requireApproval' | 'holdHours' | 'depositPercent' | 'depositDueHours'>,
): { path: 'depositDueHours'; message: string } | null {
  const holds = !p.instantBooking || p.requireApproval;
  if (holds && p.depositPercent > 0 && p.depositDueHours > p.holdHours) return { path: 'depositDueHours', message: 'bookingPage.errors.depositAfterHold' };
  return null;
}

const bookingPageSettingsFields = z.object({
  publicBookingEnabled: z.boolean(),
  instantBooking: z.boolean(),
  requireApproval: z.boolean(),
  holdHours: hours(720).min(1, 'errors.hold_hours_invalid'),
  depositPercent: z.number().int('errors.invalid_value').min(0, 'errors.invalid_value').max(100, 'errors.invalid_value'),
  depositDueHours: hours(24 * 60),
  transferDetails: multilineText().max(1000, 'errors.too_long'),
  cancellationTiers: cancellationTiersSchema,
  policyText: multilineText().max(4000, 'errors.too_long'),
  portalChangeCutoffHours: hours(24 * 60),
  minNoticeHours: hours(24 * 60),
  bookingWindowDays: z.number().int('errors.invalid_value').min(1, 'errors.invalid_value').max(730, 'errors.invalid_value'),
  brandColor: z.string().regex(HEX_COLOR, 'errors.color_invalid'),
  welcomeText: multilineText().max(1000, 'errors.too_long'),
});
export type BookingPageSettingsInput = z.infer<typeof bookingPageSettingsFields>;
export const bookingPageSettingsInput = bookingPageSettingsFields.superRefine((settings, ctx) => {
  const problem = policyProblem(settings);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: [problem.path] });
});

export const roomPublicInput = z.object({ id: uuid, publicBooking: z.boolean(), description: multilineText().max(1000, 'errors.too_long') });

/** A logo as base64 (the page reads the file); the server checks its real type from its first bytes. */
export const logoUploadInput = z.object({
  dataBase64: z
    .string()
    .min(8)
    .max(Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 8, 'bookingPage.errors.logoTooLarge'),
});

const slot = { roomId: uuid, startsAt: instantSchema, endsAt: instantSchema };

export const publicAvailabilityInput = z
  .object({
    roomId: uuid,
    from: instantSchema,
    to: instantSchema,
    durationMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60),
  })
  .refine((v) => Date.parse(v.to) > Date.parse(v.from) && Date.parse(v.to) - Date.parse(v.from) <= PUBLIC_AVAILABILITY_MAX_DAYS * 86_400_000, {
    message: 'errors.range_invalid',
    path: ['to'],
  });

export const publicQuoteInput = z
  .object(slot)
  .refine((v) => Date.parse(v.endsAt) > Date.parse(v.startsAt), { message: 'errors.end_before_start', path: ['endsAt'] });

/** The details form: what a visitor types. */
export const publicBookingDetailsSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  phone: z
    .string()
    .trim()
    .max(40, 'errors.too_long')
    .regex(/^[0-9+().\s-]*$/, 'bookingPage.errors.phoneInvalid'),
  message: multilineText().max(2000, 'errors.too_long'),
  policyAccepted: z.literal(true, { message: 'bookingPage.errors.policyRequired' }),
  /** A field hidden from people: only robots fill it in. */
  website: z.string().max(500).default(''),
});
export type PublicBookingDetails = z.input<typeof publicBookingDetailsSchema>;

export const publicBookingRequestInput = publicBookingDetailsSchema
  .extend({ ...slot, locale: z.enum(['en', 'fr']).default('en') })
  .refine((v) => Date.parse(v.endsAt) > Date.parse(v.startsAt), { message: 'errors.end_before_start', path: ['endsAt'] });

export const publicTokenInput = z.object({ token: z.string().min(20).max(200) });

export const decisionInput = z.object({ id: uuid, message: multilineText().max(2000, 'errors.too_long').default('') });
