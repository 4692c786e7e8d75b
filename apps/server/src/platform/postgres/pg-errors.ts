/**
 * Reading PostgreSQL errors in one place. Drizzle wraps driver errors, so the SQLSTATE may sit on the
 * error itself or on its `cause`.
 */
interface PgErrorShape {
  code?: string;
  constraint?: string;
  cause?: { code?: string; constraint?: string };
}

export const SQLSTATE = {
  uniqueViolation: '23505',
  exclusionViolation: '23P01',
  deadlockDetected: '40P01',
  serializationFailure: '40001',
  objectInUse: '55006',
  duplicateDatabase: '42P04',
} as const;

export function pgErrorCode(error: unknown): string | undefined {
  const e = error as PgErrorShape | null;
  return e?.code ?? e?.cause?.code;
}

/** A unique violation, optionally of one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as PgErrorShape | null;
  return pgErrorCode(error) === SQLSTATE.uniqueViolation && (constraint === undefined || (e?.constraint ?? e?.cause?.constraint) === constraint);
}
