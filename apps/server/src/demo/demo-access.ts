/**
 * Who can log in to the demo studio, decided once at start.
 *
 * In development the demo uses the published password (README, banner) so anyone trying the product
 * gets in at once. A production server must never hold an account whose password is printed in a public
 * README: it seeds the demo only when DEMO_SEED=true, then with a random password shown once on the
 * console, and it replaces the published password on any demo account it already holds (seeded by an
 * earlier version), logging those accounts out.
 */
import { randomBytes } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { Platform } from '../platform/platform.ts';
import { hashPassword, verifyPassword } from '../platform/security/passwords.ts';
import { deleteUserSessions } from '../modules/auth/sessions.ts';
import { DEMO_PASSWORD, DEMO_SLUG, DEMO_USERS, ensureDemoStudio } from './seed.ts';

function randomDemoPassword(): string {
  return randomBytes(15).toString('base64url');
}

/** Give every demo account still using the published password `password` instead; returns how many changed. */
export async function retirePublishedDemoPassword(platform: Platform, password: string): Promise<number> {
  const users = await platform.controlDb
    .select({ id: control.users.id, passwordHash: control.users.passwordHash })
    .from(control.users)
    .where(
      inArray(
        sql`lower(${control.users.email})`,
        DEMO_USERS.map((u) => u.email),
      ),
    );
  let changed = 0;
  let passwordHash: string | null = null;
  for (const user of users) {
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, DEMO_PASSWORD))) continue;
    passwordHash ??= await hashPassword(password);
    await platform.controlDb.update(control.users).set({ passwordHash, updatedAt: new Date() }).where(eq(control.users.id, user.id));
    await deleteUserSessions(platform.controlDb, user.id);
    changed++;
  }
  return changed;
}

/** Seed (or protect) the demo studio as the configuration says; returns the line to print, if any. */
export async function prepareDemoAtStart(platform: Platform): Promise<string | null> {
  const { config } = platform;
  const where = `${config.APP_URL}/s/${DEMO_SLUG}`;
  const owner = DEMO_USERS[0]!.email;
  if (!config.isProduction) {
    if (!config.DEMO_SEED) return null;
    await ensureDemoStudio(platform);
    return `Demo studio: ${where}  — log in as ${owner} / ${DEMO_PASSWORD}`;
  }
  const password = randomDemoPassword();
  const retired = await retirePublishedDemoPassword(platform, password);
  const created = config.DEMO_SEED ? (await ensureDemoStudio(platform, { password })).created : false;
  if (created || retired > 0) {
    const why = created ? 'created' : 'its published password was replaced';
    return `Demo studio (${why}): ${where}  — log in as ${owner} / ${password}  (random; shown only this once, every demo account has it)`;
  }
  return config.DEMO_SEED ? `Demo studio: ${where}  — password as printed when it was created` : null;
}

/** The password `npm run seed:demo` gives the demo accounts: the published one, except in production. */
export function demoPasswordForReset(platform: Platform): string {
  return platform.config.isProduction ? randomDemoPassword() : DEMO_PASSWORD;
}
