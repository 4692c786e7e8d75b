/**
 * Staff log-in sessions: an opaque random token in an httpOnly cookie, its
 * hash in the control database. Sliding expiry: active sessions are extended.
 */
import { and, eq, gt, lt } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { ControlDb } from '../../platform/postgres/control-db.ts';
import type { Platform } from '../../platform/platform.ts';
import { hashToken, newToken } from '../../platform/security/tokens.ts';

export const SESSION_COOKIE = 'rsm_session';
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
const EXTEND_AFTER_MS = 24 * 3600 * 1000;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  locale: string;
  /** Two-factor sign-in is active: studios that require it let this user in. */
  twoFactorEnabled: boolean;
}

export async function createSession(
  db: ControlDb,
  userId: string,
  meta: { userAgent: string | null; ip: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db
    .insert(control.authSessions)
    .values({ tokenHash: hashToken(token), userId, expiresAt, userAgent: meta.userAgent?.slice(0, 300) ?? null, ip: meta.ip });
  return { token, expiresAt };
}

interface SessionRow extends Omit<SessionUser, 'twoFactorEnabled'> {
  totpEnabledAt: Date | null;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** The user behind a session cookie; answered from the control cache while the session is unchanged. */
export async function findSessionUser(platform: Pick<Platform, 'controlDb' | 'controlCache'>, token: string): Promise<SessionUser | null> {
  const db = platform.controlDb;
  const tokenHash = hashToken(token);
  const row = await platform.controlCache.session<SessionRow>({
    key: `session:${tokenHash}`,
    tagsOf: (r) => ({ userId: r.id }),
    load: async () => {
      const [found] = await db
        .select({
          id: control.users.id,
          email: control.users.email,
          name: control.users.name,
          locale: control.users.locale,
          totpEnabledAt: control.users.totpEnabledAt,
          lastSeenAt: control.authSessions.lastSeenAt,
          expiresAt: control.authSessions.expiresAt,
        })
        .from(control.authSessions)
        .innerJoin(control.users, eq(control.users.id, control.authSessions.userId))
        .where(and(eq(control.authSessions.tokenHash, tokenHash), gt(control.authSessions.expiresAt, new Date())))
        .limit(1);
      return found ?? null;
    },
  });
  if (!row || row.expiresAt.getTime() <= Date.now()) return null;
  if (Date.now() - row.lastSeenAt.getTime() > EXTEND_AFTER_MS) {
    await db
      .update(control.authSessions)
      .set({ lastSeenAt: new Date(), expiresAt: new Date(Date.now() + SESSION_TTL_MS) })
      .where(eq(control.authSessions.tokenHash, tokenHash));
  }
  return { id: row.id, email: row.email, name: row.name, locale: row.locale, twoFactorEnabled: row.totpEnabledAt !== null };
}

export async function deleteSession(db: ControlDb, token: string): Promise<void> {
  await db.delete(control.authSessions).where(eq(control.authSessions.tokenHash, hashToken(token)));
}

export async function deleteUserSessions(db: ControlDb, userId: string): Promise<void> {
  await db.delete(control.authSessions).where(eq(control.authSessions.userId, userId));
}

export async function pruneExpiredSessions(db: ControlDb): Promise<void> {
  await db.delete(control.authSessions).where(lt(control.authSessions.expiresAt, new Date()));
}
