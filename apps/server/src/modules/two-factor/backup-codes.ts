/**
 * One-time backup codes: 10 at enrolment, shown once. Only a keyed hash of each is stored (two-factor-keys.ts);
 * using one marks it used in the same statement that finds it, so two requests cannot both spend it.
 */
import { randomInt } from 'node:crypto';
import { and, count, eq, isNull } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { ControlDb, ControlTx } from '../../platform/postgres/control-db.ts';
import type { TwoFactorKeys } from '../../platform/security/two-factor-keys.ts';

export const BACKUP_CODE_COUNT = 10;
/** No 0/o, 1/l/i: codes are typed from paper. 10 characters of 31 ≈ 49 bits. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function newBackupCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What the user typed, in the one form that is hashed: case, spaces and dashes do not matter. */
export function normalizeBackupCode(typed: string): string {
  const clean = typed.toLowerCase().replace(/[\s-]/g, '');
  return clean.length === 10 ? `${clean.slice(0, 5)}-${clean.slice(5)}` : clean;
}

export function looksLikeBackupCode(typed: string): boolean {
  return /^[a-z0-9]{5}-[a-z0-9]{5}$/.test(normalizeBackupCode(typed));
}

type Db = ControlDb | ControlTx;

/** Replaces every code of the user (used or not) with a fresh set, returned in clear this once. */
export async function replaceBackupCodes(db: Db, keys: TwoFactorKeys, userId: string): Promise<string[]> {
  const codes = Array.from({ length: BACKUP_CODE_COUNT }, newBackupCode);
  await db.delete(control.twoFactorBackupCodes).where(eq(control.twoFactorBackupCodes.userId, userId));
  await db.insert(control.twoFactorBackupCodes).values(codes.map((code) => ({ userId, codeHash: keys.hashBackupCode(code) })));
  return codes;
}

export async function spendBackupCode(db: ControlDb, keys: TwoFactorKeys, userId: string, typed: string): Promise<boolean> {
  const codeHash = keys.hashBackupCode(normalizeBackupCode(typed));
  const spent = await db
    .update(control.twoFactorBackupCodes)
    .set({ usedAt: new Date() })
    .where(
      and(eq(control.twoFactorBackupCodes.userId, userId), eq(control.twoFactorBackupCodes.codeHash, codeHash), isNull(control.twoFactorBackupCodes.usedAt)),
    )
    .returning({ id: control.twoFactorBackupCodes.id });
  return spent.length > 0;
}

export async function backupCodesLeft(db: ControlDb, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(control.twoFactorBackupCodes)
    .where(and(eq(control.twoFactorBackupCodes.userId, userId), isNull(control.twoFactorBackupCodes.usedAt)));
  return row?.n ?? 0;
}
