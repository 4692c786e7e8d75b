/**
 * A safety net under the schemas' `text()` / `multilineText()` (packages/shared/src/text.ts): no procedure
 * input may hold a character that no text needs — NUL and the other C0 controls except tab, LF and CR, and
 * DEL — in any string or key, whatever its schema (passwords, tokens, search boxes, CSV). PostgreSQL refuses
 * NUL with an error (a 500 before this) and control characters corrupt logs and calendar feeds. Answered as a
 * validation error on the field, like the schemas' own refusals.
 */
import { TRPCError } from '@trpc/server';
import { z, type ZodError } from 'zod';
import { CONTROL_CHARACTERS_MESSAGE, NEVER_ALLOWED } from '@rsm/shared/text';

const MAX_DEPTH = 32;

/** The path of the first string (or key) holding a forbidden character, or null. */
export function findControlCharacter(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return NEVER_ALLOWED.test(value) ? path : null;
  if (value === null || typeof value !== 'object' || path.length > MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlCharacter(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (NEVER_ALLOWED.test(key)) return [...path, key];
    const found = findControlCharacter(item, [...path, key]);
    if (found) return found;
  }
  return null;
}

/** A ZodError made by zod itself (one built with `new ZodError` is not an Error, and tRPC would not keep it as the cause). */
function fieldError(path: (string | number)[]): ZodError {
  const schema = z.unknown().superRefine((_value, ctx) => ctx.addIssue({ code: 'custom', path, message: CONTROL_CHARACTERS_MESSAGE }));
  return schema.safeParse(undefined).error!;
}

export function refuseControlCharacters(input: unknown): void {
  const path = findControlCharacter(input);
  if (!path) return;
  const cause = fieldError(path);
  throw new TRPCError({ code: 'BAD_REQUEST', message: 'The text sent contains control characters (such as NUL); remove them.', cause });
}
