/**
 * The storage quota of uploads, arbitrated by the studio's database so that it holds across app servers
 * (table `upload_reservations`, whose comment says why it lives in the tenant database):
 * - admitting an upload locks the studio's quota (a transaction-scoped advisory lock in its own database), reads
 *   stored plus reserved bytes, and records the reservation — two uploads started at the same instant on two
 *   servers are admitted one after the other, and the second sees the first;
 * - each chunk received pushes the reservation's expiry back; an upload abandoned (on a server that may never
 *   come back) stops counting UPLOAD_EXPIRY_MS after its last activity, the same delay after which its staged
 *   files are removed;
 * - finishing drops the reservation in the transaction that records the stored file (`recordVersion`);
 *   cancelling or discarding drops it at once.
 * Framework-free: the tus wiring (upload-gateway.ts) calls these with the studio's database.
 */
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';

/** Unfinished uploads (and their reservations) lapse after this long without activity. */
export const UPLOAD_EXPIRY_MS = 24 * 3600 * 1000;

type Db = Pick<TenantDb, 'execute'>;

/** Bytes stored plus bytes reserved by live reservations, read in one statement (one snapshot). */
export async function storageUsage(db: Db): Promise<{ storedBytes: number; reservedBytes: number; usedBytes: number }> {
  const result = await db.execute<{ stored: string; reserved: string }>(sql`
    SELECT (SELECT coalesce(sum(${tenant.storedFiles.sizeBytes}), 0) FROM ${tenant.storedFiles}) AS stored,
           (SELECT coalesce(sum(${tenant.uploadReservations.sizeBytes}), 0) FROM ${tenant.uploadReservations}
             WHERE ${tenant.uploadReservations.expiresAt} > now()) AS reserved`);
  const storedBytes = Number(result.rows[0]?.stored ?? 0);
  const reservedBytes = Number(result.rows[0]?.reserved ?? 0);
  return { storedBytes, reservedBytes, usedBytes: storedBytes + reservedBytes };
}

export interface ReservationRequest {
  uploadId: string;
  sizeBytes: number;
  userId: string;
  quotaBytes: number;
  /** How long the reservation holds without activity. */
  holdMs: number;
}

/**
 * Admit an upload against the quota and record its reservation, or throw LIMIT_REACHED with the figures
 * (`usedBytes`, `quotaBytes`, `remainingBytes`, `sizeBytes`). Admissions of one studio run one at a time,
 * whichever server runs them. An upload that still holds a live reservation is admitted again as is.
 */
/** Returns the studio's usage with this reservation, or null when the upload already held its space. */
export async function reserveStorage(db: TenantDb, request: ReservationRequest): Promise<number | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('plan-limit:storage'))`);
    const r = tenant.uploadReservations;
    await tx.delete(r).where(lte(r.expiresAt, sql`now()`));
    const expiresAt = sql`now() + ${`${request.holdMs} milliseconds`}::interval`;
    const [held] = await tx
      .update(r)
      .set({ expiresAt })
      .where(and(eq(r.uploadId, request.uploadId), gt(r.expiresAt, sql`now()`)))
      .returning({ id: r.uploadId });
    if (held) return null;
    const { usedBytes } = await storageUsage(tx);
    if (usedBytes + request.sizeBytes > request.quotaBytes) {
      throw new AppError('LIMIT_REACHED', 'This file does not fit in the studio storage of your plan', {
        usedBytes,
        quotaBytes: request.quotaBytes,
        remainingBytes: Math.max(0, request.quotaBytes - usedBytes),
        sizeBytes: request.sizeBytes,
      });
    }
    await tx.insert(r).values({ uploadId: request.uploadId, sizeBytes: request.sizeBytes, userId: request.userId, expiresAt });
    return usedBytes + request.sizeBytes;
  });
}

/** Push a live reservation's expiry back; false when there is none (never made, released, or lapsed). */
export async function extendReservation(db: Pick<TenantDb, 'update'>, uploadId: string, holdMs: number): Promise<boolean> {
  const r = tenant.uploadReservations;
  const rows = await db
    .update(r)
    .set({ expiresAt: sql`now() + ${`${holdMs} milliseconds`}::interval` })
    .where(and(eq(r.uploadId, uploadId), gt(r.expiresAt, sql`now()`)))
    .returning({ id: r.uploadId });
  return rows.length > 0;
}

/** Give the space back (finished, cancelled, discarded). Safe to repeat. */
export async function releaseReservation(db: Pick<TenantDb, 'delete'>, uploadId: string): Promise<void> {
  await db.delete(tenant.uploadReservations).where(eq(tenant.uploadReservations.uploadId, uploadId));
}
