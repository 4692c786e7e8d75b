/**
 * Running a service's writes either on their own or inside a caller's transaction. A service that takes a
 * `TenantExecutor` opens its transaction with `inTransaction`: on a plain connection that is a transaction of its
 * own (committed when the service returns, as before); given a caller's transaction it is a SAVEPOINT inside it, so
 * everything the service wrote commits or rolls back with the caller's work (the online deposit recorder issues,
 * records the payment and confirms the hold in one transaction: money-payment-recorder.ts). A failure inside the
 * savepoint rolls back only the service's part; the caller decides whether to go on.
 */
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { TenantDb } from './directory.ts';

/** A transaction on a studio's database (the callback argument of `TenantDb.transaction`). */
export type TenantTx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];
/** A studio's database, or a transaction already open on it. */
export type TenantExecutor = TenantDb | TenantTx;

/** Whether `db` is a caller's transaction (work then joins it through a savepoint). */
export function isTransaction(db: TenantExecutor): db is TenantTx {
  return db instanceof PgTransaction;
}

/** `work` in a transaction of its own, or in a savepoint of the caller's transaction. */
export function inTransaction<T>(db: TenantExecutor, work: (tx: TenantTx) => Promise<T>): Promise<T> {
  // Both kinds have the same `transaction(work)`; the union of their generic signatures is not callable as such.
  return (db as TenantDb).transaction(work);
}
