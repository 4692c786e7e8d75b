/**
 * Input schemas shared by the server (tRPC inputs) and the web forms, so a
 * rule is written once. Messages are i18n keys: the web translates them.
 */
import { z } from 'zod';
import { text, multilineText } from './text.ts';
import { ROLES } from './roles.ts';

export const SUPPORTED_LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

export const SUPPORTED_CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'CAD', 'AUD', 'SEK', 'NOK', 'DKK', 'JPY'] as const;

export const RESERVED_SLUGS = [
  'www',
  'app',
  'api',
  'admin',
  'mail',
  'static',
  'assets',
  's',
  'portal',
  'status',
  'help',
  'docs',
  'trpc',
  'healthz',
  'readyz',
  'metrics',
];

export const emailSchema = z.string().trim().toLowerCase().email('errors.email_invalid').max(254, 'errors.email_invalid');
export const passwordSchema = z.string().min(10, 'errors.password_too_short').max(200, 'errors.password_too_long');
export const personNameSchema = text().min(1, 'errors.required').max(120, 'errors.too_long');
export const studioNameSchema = text().min(2, 'errors.studio_name_too_short').max(80, 'errors.too_long');
export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'errors.slug_too_short')
  .max(40, 'errors.slug_too_long')
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'errors.slug_invalid')
  .refine((s) => !RESERVED_SLUGS.includes(s), 'errors.slug_reserved');

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
}
export const timeZoneSchema = z.string().refine(isValidTimeZone, 'errors.timezone_invalid');
export const currencySchema = z.enum(SUPPORTED_CURRENCIES, { message: 'errors.currency_invalid' });
export const localeSchema = z.enum(SUPPORTED_LOCALES, { message: 'errors.locale_invalid' });
export const roleSchema = z.enum(ROLES, { message: 'errors.role_invalid' });

export const signUpInput = z.object({
  name: personNameSchema,
  email: emailSchema,
  password: passwordSchema,
  studioName: studioNameSchema,
  locale: localeSchema.default('en'),
});
export type SignUpInput = z.input<typeof signUpInput>;

export const logInInput = z.object({ email: emailSchema, password: z.string().min(1, 'errors.required').max(200) });
export const requestPasswordResetInput = z.object({ email: emailSchema });
export const resetPasswordInput = z.object({ token: z.string().min(20).max(200), password: passwordSchema });

export const studioProfileInput = z.object({
  name: studioNameSchema,
  slug: slugSchema,
  timeZone: timeZoneSchema,
  currency: currencySchema,
  locale: localeSchema,
  legalName: text().max(160, 'errors.too_long').default(''),
  addressLine1: text().max(160, 'errors.too_long').default(''),
  addressLine2: text().max(160, 'errors.too_long').default(''),
  postalCode: text().max(20, 'errors.too_long').default(''),
  city: text().max(80, 'errors.too_long').default(''),
  country: text().max(2, 'errors.country_invalid').default(''),
  phone: text().max(40, 'errors.too_long').default(''),
  email: z.union([z.literal(''), emailSchema]).default(''),
  website: text().max(200, 'errors.too_long').default(''),
  vatNumber: text().max(40, 'errors.too_long').default(''),
});
export type StudioProfileInput = z.input<typeof studioProfileInput>;

/** Money is entered as integer cents; forms convert a typed amount with money helpers. */
export const centsSchema = z.number().int('errors.amount_invalid').min(0, 'errors.amount_negative').max(100_000_000, 'errors.amount_too_large');

export const roomInput = z.object({
  name: text().min(1, 'errors.required').max(80, 'errors.too_long'),
  description: multilineText().max(1000, 'errors.too_long').default(''),
  hourlyRateCents: centsSchema,
  capacity: z.number().int('errors.capacity_invalid').min(1, 'errors.capacity_invalid').max(500, 'errors.capacity_invalid'),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'errors.color_invalid')
    .default('#6366f1'),
});
export type RoomInput = z.input<typeof roomInput>;
export const roomUpdateInput = roomInput.extend({ id: z.string().uuid() });
export const idInput = z.object({ id: z.string().uuid() });

export const inviteMemberInput = z.object({ email: emailSchema, role: roleSchema });
export const changeRoleInput = z.object({ userId: z.string().uuid(), role: roleSchema });
export const removeMemberInput = z.object({ userId: z.string().uuid() });
export const acceptInvitationInput = z.object({
  token: z.string().min(20).max(200),
  name: personNameSchema.optional(),
  password: passwordSchema.optional(),
});
