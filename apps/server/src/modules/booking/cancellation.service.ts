/**
 * Applies the cancellation policy (cancellation-policy.ts) to sessions: the outcome of every cancel —
 * staff, client (portal) or system (hold expiry) — is written on the session in the transaction that
 * cancels it, for the money issue to act on. Also carries a paid deposit over to a rebooked session.
 */
import { and, eq, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError, notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import type { Actor } from '../studios/studio-context.ts';
import { amountPaidCents, computeCancellation, tierRecord, type CancellationOutcome, type PolicyTier } from './cancellation-policy.ts';

type Tx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];
type SessionRow = typeof tenant.sessions.$inferSelect;

export type CancelledByKind = 'staff' | 'client' | 'system';

export interface CancelOptions {
  byKind: CancelledByKind;
  reason?: string;
  /** Staff only: full refund whatever the tiers; a reason is required. */
  waived?: boolean;
  /** The studio's business clock. */
  now: Date;
}

export interface PortalPolicy {
  tiers: PolicyTier[];
  portalChangeCutoffHours: number;
  policyText: string;
}

/** The studio's policy row (created with the studio; defaults if a very old tenant lacks it). */
export async function loadPolicy(db: TenantDb | Tx): Promise<PortalPolicy> {
  const [row] = await db
    .select({ tiers: tenant.bookingPolicy.cancellationTiers, cutoff: tenant.bookingPolicy.portalChangeCutoffHours, text: tenant.bookingPolicy.policyText })
    .from(tenant.bookingPolicy)
    .where(eq(tenant.bookingPolicy.id, 1));
  return { tiers: row?.tiers ?? [], portalChangeCutoffHours: row?.cutoff ?? 24, policyText: row?.text ?? '' };
}

/** The outcome a cancel would have now (nothing written). */
export function outcomeFor(
  session: SessionRow,
  tiers: PolicyTier[],
  timeZone: string,
  options: Pick<CancelOptions, 'now' | 'waived' | 'byKind'>,
): CancellationOutcome {
  const paidCents = amountPaidCents(session);
  if (options.byKind === 'system') {
    // The studio released the time itself: nothing can be kept.
    return {
      ...computeCancellation({ tiers, startsAt: session.startsAt, cancelledAt: options.now, timeZone, paidCents, waived: true }),
      basis: paidCents ? 'released' : 'nothing_paid',
    };
  }
  return computeCancellation({ tiers, startsAt: session.startsAt, cancelledAt: options.now, timeZone, paidCents, waived: options.waived ?? false });
}

/**
 * Record the outcome on a session the caller has just cancelled inside `tx` (its row is locked by that
 * update). Tiers are read in the same transaction, so the outcome matches the policy in force.
 */
export async function recordCancellation(tx: Tx, session: SessionRow, timeZone: string, options: CancelOptions): Promise<SessionRow> {
  if (options.waived && options.byKind !== 'staff') throw new AppError('FORBIDDEN', 'Only the studio can waive its cancellation policy');
  const reason = (options.reason ?? '').trim();
  if (options.waived && !reason) throw new AppError('BAD_REQUEST', 'Say why the policy is waived', { field: 'reason' });
  const { tiers } = await loadPolicy(tx);
  const outcome = outcomeFor(session, tiers, timeZone, options);
  const [updated] = await tx
    .update(tenant.sessions)
    .set({
      cancelledAt: options.now,
      cancelledByKind: options.byKind,
      cancellationReason: reason,
      refundableCents: outcome.refundableCents,
      keptCents: outcome.keptCents,
      cancellationTier: tierRecord(outcome),
      updatedAt: new Date(),
    })
    .where(eq(tenant.sessions.id, session.id))
    .returning();
  return updated!;
}

/**
 * Carry the paid deposit of a cancelled session over to another session of the same client: the new one
 * gets the deposit as received (depositMovedFromId points back), the old one refunds and keeps nothing
 * ("moved"). Both rows are locked in id order, and a deposit can move once only.
 */
export async function rebookDeposit(db: TenantDb, actor: Actor | null, fromId: string, toId: string, now: Date) {
  if (fromId === toId) throw new AppError('BAD_REQUEST', 'Choose another session to move the deposit to');
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{ id: string }>(sql`SELECT id FROM sessions WHERE id IN (${fromId}, ${toId}) ORDER BY id FOR UPDATE`);
    if (rows.rows.length !== 2) throw notFound('session');
    const [from] = await tx.select().from(tenant.sessions).where(eq(tenant.sessions.id, fromId));
    const [to] = await tx.select().from(tenant.sessions).where(eq(tenant.sessions.id, toId));
    if (!from || !to) throw notFound('session');
    if (from.status !== 'cancelled') throw new AppError('BAD_REQUEST', 'Only the deposit of a cancelled session can be moved');
    const paid = amountPaidCents(from);
    if (paid === 0) throw new AppError('BAD_REQUEST', 'This session has no received deposit to move');
    const moved = (from.cancellationTier as { basis?: string } | null)?.basis === 'moved';
    const [already] = await tx.select({ id: tenant.sessions.id }).from(tenant.sessions).where(eq(tenant.sessions.depositMovedFromId, fromId)).limit(1);
    if (moved || already) throw new AppError('CONFLICT', 'This deposit was already moved to another session');
    if (to.status === 'cancelled' || to.status === 'completed' || to.status === 'no_show')
      throw new AppError('BAD_REQUEST', 'Move the deposit to a session that is still to come');
    if (to.depositReceivedAt || to.depositMovedFromId) throw new AppError('CONFLICT', 'That session already has a deposit received');
    if (from.clientId !== to.clientId) throw new AppError('BAD_REQUEST', 'The deposit can only move to a session of the same client');
    if (from.currency !== to.currency) throw new AppError('BAD_REQUEST', 'The sessions are in different currencies');
    const [updatedTo] = await tx
      .update(tenant.sessions)
      .set({ depositCents: paid, depositReceivedAt: now, depositDueAt: null, depositMovedFromId: fromId, updatedAt: new Date() })
      .where(and(eq(tenant.sessions.id, toId)))
      .returning();
    const previous = (from.cancellationTier ?? {}) as Record<string, unknown>;
    await tx
      .update(tenant.sessions)
      .set({ refundableCents: 0, keptCents: 0, cancellationTier: { ...previous, basis: 'moved', movedToId: toId, paidCents: paid }, updatedAt: new Date() })
      .where(eq(tenant.sessions.id, fromId));
    await tx.insert(tenant.auditLog).values({
      actorUserId: actor?.userId ?? null,
      action: 'session.deposit_moved',
      entity: 'session',
      entityId: toId,
      details: { fromSessionId: fromId, amountCents: paid },
    });
    return updatedTo!;
  });
}
