/**
 * Platform operators are named by OPERATOR_EMAILS, never obtained by signing
 * up (sign-up refuses those addresses). A missing operator account is created
 * at start with OPERATOR_INITIAL_PASSWORD.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { Config } from '../config/env.ts';
import type { Platform } from './platform.ts';
import { hashPassword } from './security/passwords.ts';

export const DEV_OPERATOR_EMAIL = 'operator@localhost.test';

/**
 * In development with no operator configured, a local operator account lets
 * the person trying the product read the outbox. Its random password is kept
 * in DATA_DIR (never in logs of a production server: production has no default).
 */
export function applyDevelopmentOperator(config: Config): { email: string; password: string } | null {
  if (config.NODE_ENV !== 'development' || config.OPERATOR_EMAILS.length > 0) return null;
  const file = join(config.DATA_DIR, 'dev-operator.json');
  let password: string;
  if (existsSync(file)) password = (JSON.parse(readFileSync(file, 'utf8')) as { password: string }).password;
  else {
    password = randomBytes(12).toString('base64url');
    writeFileSync(file, JSON.stringify({ email: DEV_OPERATOR_EMAIL, password }), { mode: 0o600 });
  }
  config.OPERATOR_EMAILS = [DEV_OPERATOR_EMAIL];
  config.OPERATOR_INITIAL_PASSWORD = password;
  return { email: DEV_OPERATOR_EMAIL, password };
}

export async function ensureOperatorAccounts(platform: Platform): Promise<void> {
  for (const email of platform.config.OPERATOR_EMAILS) {
    const [user] = await platform.controlDb
      .select({ id: control.users.id })
      .from(control.users)
      .where(sql`lower(${control.users.email}) = ${email.toLowerCase()}`)
      .limit(1);
    if (user) continue;
    if (!platform.config.OPERATOR_INITIAL_PASSWORD) {
      platform.logger.warn({ email }, 'operator account missing: set OPERATOR_INITIAL_PASSWORD to create it at start');
      continue;
    }
    await platform.controlDb
      .insert(control.users)
      .values({ email: email.toLowerCase(), name: 'Platform operator', passwordHash: await hashPassword(platform.config.OPERATOR_INITIAL_PASSWORD) });
    platform.logger.info({ email }, 'operator account created');
  }
}
