/** Inputs of two-factor sign-in and the account's security page, shared by the server and the web forms. */
import { z } from 'zod';

/** A 6-digit authenticator code, or a backup code (xxxxx-xxxxx, case and dashes free). */
export const secondFactorCodeSchema = z
  .string()
  .trim()
  .min(1, 'errors.required')
  .max(20)
  .regex(/^(\d{6}|[A-Za-z0-9]{5}[\s-]?[A-Za-z0-9]{5})$/, 'twoFactor.errors.codeFormat');

export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'twoFactor.errors.totpFormat');

export const verifyTwoFactorInput = z.object({
  challenge: z.string().min(20).max(200),
  code: secondFactorCodeSchema,
  rememberDevice: z.boolean().default(false),
});

export const confirmEnrolmentInput = z.object({ code: totpCodeSchema });

/** Proof that the person at the keyboard owns the account: a current code (or backup code), or the password. */
export const twoFactorProofInput = z.union([z.object({ code: secondFactorCodeSchema }), z.object({ password: z.string().min(1, 'errors.required').max(200) })]);
