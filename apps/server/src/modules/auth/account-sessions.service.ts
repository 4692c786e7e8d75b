/**
 * A user's own sign-in sessions, for the account's security page: list and revoke. Every statement is
 * scoped to the caller's user id, so a session id of someone else matches nothing (NOT_FOUND, unchanged).
 * Deleting the row is the revocation: the auth_sessions trigger tells every server's cache at once.
 */
import { and, desc, eq, gt, ne } from 'drizzle-orm';
import { control } from '@rsm/db';
import { notFound } from '../../platform/errors.ts';
import type { ControlDb } from '../../platform/postgres/control-db.ts';
import { hashToken } from '../../platform/security/tokens.ts';

export interface AccountSession {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

export async function listOwnSessions(db: ControlDb, userId: string, currentToken: string | null): Promise<AccountSession[]> {
  const currentHash = currentToken ? hashToken(currentToken) : null;
  const rows = await db
    .select({
      id: control.authSessions.id,
      tokenHash: control.authSessions.tokenHash,
      userAgent: control.authSessions.userAgent,
      ip: control.authSessions.ip,
      createdAt: control.authSessions.createdAt,
      lastSeenAt: control.authSessions.lastSeenAt,
    })
    .from(control.authSessions)
    .where(and(eq(control.authSessions.userId, userId), gt(control.authSessions.expiresAt, new Date())))
    .orderBy(desc(control.authSessions.lastSeenAt));
  return rows.map(({ tokenHash, ...row }) => ({ ...row, current: tokenHash === currentHash }));
}

export async function revokeOwnSession(db: ControlDb, userId: string, sessionId: string): Promise<void> {
  const deleted = await db
    .delete(control.authSessions)
    .where(and(eq(control.authSessions.id, sessionId), eq(control.authSessions.userId, userId)))
    .returning({ id: control.authSessions.id });
  if (deleted.length === 0) throw notFound('Session');
}

/** "Sign out everywhere else": every session of the user but the one making the request. */
export async function revokeOtherSessions(db: ControlDb, userId: string, currentToken: string): Promise<number> {
  const deleted = await db
    .delete(control.authSessions)
    .where(and(eq(control.authSessions.userId, userId), ne(control.authSessions.tokenHash, hashToken(currentToken))))
    .returning({ id: control.authSessions.id });
  return deleted.length;
}
