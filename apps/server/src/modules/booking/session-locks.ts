/**
 * The one lock order of the booking engine (docs/adr/0006): every writer of a session's rows takes
 *   1. the plan-limit lock, when it creates sessions (plan-limits.ts),
 *   2. one advisory lock per resource it reads or writes — old and new ranges alike — in sorted order,
 *   3. then the session rows it changes (`FOR UPDATE`),
 * and reads the session's status and "blocking" only after that, never from a snapshot taken before.
 * Two writers of the same resource therefore queue instead of deadlocking; where PostgreSQL may still
 * pick a victim (a promotion locking a waiting hold's other resources, a series), the whole transaction
 * is retried, and a retry exhausted is "busy, retry" (503), never a 500.
 */
import { eq, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError, notFound } from '../../platform/errors.ts';
import { pgErrorCode, SQLSTATE } from '../../platform/postgres/pg-errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { inTransaction, isTransaction, type TenantExecutor } from '../../platform/tenancy/tenant-tx.ts';

export type Tx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];
export type SessionRow = typeof tenant.sessions.$inferSelect;
export type SessionResourceRow = typeof tenant.sessionResources.$inferSelect;

export interface ResourceKey {
  kind: string;
  resourceId: string;
}

const keyOf = (r: ResourceKey) => `${r.kind}:${r.resourceId}`;

/**
 * Take a transaction-scoped advisory lock per resource, in sorted order. Two bookings of the same resource
 * then queue here instead of deadlocking inside the EXCLUDE check (both insert their index entry, then each
 * waits for the other). Correctness still comes from the constraint; this makes contention orderly and
 * lets a writer read a session's state knowing nobody else is rewriting that resource.
 */
export async function lockResources(tx: Tx, resources: readonly ResourceKey[]): Promise<void> {
  const keys = [...new Set(resources.map(keyOf))].sort();
  for (const key of keys) await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`);
}

const RETRYABLE = new Set<string>([SQLSTATE.deadlockDetected, SQLSTATE.serializationFailure]);
export const DEADLOCK_ATTEMPTS = 5;

/** The answer when PostgreSQL kept choosing this transaction as a deadlock victim: busy, try again. */
export function busyError(): AppError {
  return new AppError('OVERLOADED', 'The calendar is busy right now. Please retry in a moment.', { retryAfterSeconds: 1 });
}

/** Run a whole transaction again when PostgreSQL aborted it as a deadlock victim or serialization failure. */
export async function withDeadlockRetry<T>(work: () => Promise<T>, attempts = DEADLOCK_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!RETRYABLE.has(pgErrorCode(error) ?? '')) throw error;
      if (attempt >= attempts) throw busyError();
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20 * attempt));
    }
  }
}

/**
 * Run `work` in a transaction, retried as a whole on deadlock (see withDeadlockRetry). Given a caller's
 * transaction, `work` runs once in a savepoint of it: a deadlock victim's locks taken before the savepoint are
 * still held, so only the caller can retry, as a whole.
 */
export function writeTransaction<T>(db: TenantExecutor, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (isTransaction(db)) return inTransaction(db, work);
  return withDeadlockRetry(() => db.transaction(work));
}

export async function sessionResources(tx: Tx | TenantDb, sessionId: string): Promise<SessionResourceRow[]> {
  return tx.select().from(tenant.sessionResources).where(eq(tenant.sessionResources.sessionId, sessionId));
}

/**
 * Lock one session for a rewrite, in the engine's order: the resources it occupies now plus `also` (what it
 * will occupy), then its row. What is returned was read under those locks. If the session moved to other
 * resources between the first read and the locks, those are locked too (out of order, which is rare and
 * covered by the deadlock retry).
 */
export async function lockSession(
  tx: Tx,
  sessionId: string,
  also: readonly ResourceKey[] = [],
): Promise<{ session: SessionRow; resources: SessionResourceRow[] }> {
  const seen = await sessionResources(tx, sessionId);
  await lockResources(tx, [...seen, ...also]);
  const [session] = await tx.select().from(tenant.sessions).where(eq(tenant.sessions.id, sessionId)).for('update');
  if (!session) throw notFound('session');
  const resources = await sessionResources(tx, sessionId);
  const locked = new Set([...seen, ...also].map(keyOf));
  const missing = resources.filter((r) => !locked.has(keyOf(r)));
  if (missing.length) await lockResources(tx, missing);
  return { session, resources };
}

/** The optimistic-concurrency check: an edit made on an older version of the session is refused. */
export function assertVersion(session: SessionRow, expected: number | undefined): void {
  if (expected !== undefined && session.version !== expected) throw staleError(session);
}

export function staleError(session?: SessionRow): AppError {
  return new AppError('CONFLICT', 'This session was changed by someone else meanwhile; reload it', {
    reason: 'sessionChanged',
    ...(session ? { version: session.version } : {}),
  });
}
