/**
 * Form-only schemas built from the shared ones: what a person types (text)
 * becomes what the API takes (integers, cents) with the same rules and keys.
 */
import { z } from 'zod';
import { centsSchema, minorUnitDigits, passwordSchema, parseAmountToMinor } from '@rsm/shared';

/** A typed amount ("12,50") parsed without floats into minor units, then the shared cents rule. */
export function amountTextSchema(currency: string) {
  return z
    .string()
    .transform((text, ctx) => {
      const minor = parseAmountToMinor(text, currency);
      if (minor === null) {
        ctx.addIssue({ code: 'custom', message: 'errors.amount_invalid' });
        return z.NEVER;
      }
      return minor;
    })
    .pipe(centsSchema);
}

/** Like amountTextSchema, but an empty box means "no amount" (null), e.g. an optional day rate. */
export function optionalAmountTextSchema(currency: string) {
  return z
    .string()
    .transform((text, ctx) => {
      if (text.trim() === '') return null;
      const minor = parseAmountToMinor(text, currency);
      if (minor === null) {
        ctx.addIssue({ code: 'custom', message: 'errors.amount_invalid' });
        return z.NEVER;
      }
      return minor;
    })
    .pipe(centsSchema.nullable());
}

/** A whole number typed in a text box, then checked by `rule` (e.g. the shared capacity rule). */
export function integerTextSchema<Rule extends z.ZodType<number, number>>(rule: Rule, invalidMessage: string) {
  return z
    .string()
    .transform((text, ctx) => {
      const trimmed = text.trim();
      if (!/^\d{1,9}$/.test(trimmed)) {
        ctx.addIssue({ code: 'custom', message: invalidMessage });
        return z.NEVER;
      }
      return Number(trimmed);
    })
    .pipe(rule);
}

/** New password typed twice, so a typo does not lock the person out. */
export const newPasswordSchema = z
  .object({ password: passwordSchema, confirmPassword: z.string() })
  .refine((values) => values.password === values.confirmPassword, { message: 'errors.passwords_do_not_match', path: ['confirmPassword'] });

/** Integer minor units back to the text a person would type, in their locale's decimal mark. */
export function minorToAmountText(minor: number, currency: string, locale: string): string {
  const digits = minorUnitDigits(currency);
  if (digits === 0) return String(minor);
  const scale = 10 ** digits;
  const decimalMark = new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  return `${Math.trunc(minor / scale)}${decimalMark}${String(minor % scale).padStart(digits, '0')}`;
}
