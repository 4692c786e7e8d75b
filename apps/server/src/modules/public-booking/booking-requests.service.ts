/**
 * The studio's side of booking requests: the pending list, approve (confirmed at once when no deposit is
 * asked, else the hold lasts until the deposit is received), decline (the slot is freed, the reason kept),
 * and the deposit received (the hold becomes a confirmed session). Status changes go through the booking
 * engine's transitionLocked inside one transaction that holds the session's locks (engine lock order), so
 * the slot is taken or freed under the same locks and constraint as any other change.
 */
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import type { TenantExecutor } from '../../platform/tenancy/tenant-tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor, StudioContext } from '../studios/studio-context.ts';
import { asWanted, refusingOverlaps, transitionLocked } from '../booking/session-changes.service.ts';
import { lockSession, sessionResources, writeTransaction, type Tx } from '../booking/session-locks.ts';
import { holdExpiry } from '../booking/deadlines.ts';
import type { Platform } from '../../platform/platform.ts';
import { expireDepositCheckoutsOrLog } from '../money/payments/deposit-checkouts.ts';

const PAGE_SIZE = 100;

export async function listPendingRequests(db: TenantDb, input: { offset: number }) {
  const pending = and(eq(tenant.sessions.approvalStatus, 'pending'), eq(tenant.sessions.status, 'hold'));
  const rows = await db
    .select({
      session: tenant.sessions,
      roomName: tenant.rooms.name,
      client: { id: tenant.clients.id, name: tenant.clients.name, email: tenant.clients.email, phone: tenant.clients.phone },
    })
    .from(tenant.sessions)
    .innerJoin(tenant.rooms, eq(tenant.rooms.id, tenant.sessions.roomId))
    .leftJoin(tenant.clients, eq(tenant.clients.id, tenant.sessions.clientId))
    .where(pending)
    .orderBy(asc(tenant.sessions.startsAt), asc(tenant.sessions.id))
    .limit(PAGE_SIZE)
    .offset(input.offset);
  const [total] = await db.select({ n: count() }).from(tenant.sessions).where(pending);
  return {
    total: total?.n ?? 0,
    items: rows.map(({ session, roomName, client }) => ({
      id: session.id,
      title: session.title,
      roomId: session.roomId,
      roomName,
      startsAt: session.startsAt.toISOString(),
      endsAt: session.endsAt.toISOString(),
      clientId: client?.id ?? null,
      clientName: client?.name ?? null,
      clientEmail: client?.email ?? null,
      clientPhone: client?.phone ?? null,
      message: session.requestMessage,
      priceCents: session.priceCents,
      depositCents: session.depositCents,
      currency: session.currency,
      holdExpiresAt: session.holdExpiresAt?.toISOString() ?? null,
      createdAt: session.createdAt.toISOString(),
    })),
  };
}

type Locked = Awaited<ReturnType<typeof lockSession>>;

/** Lock the request's session (engine lock order) and check it still waits for an answer. */
async function lockPending(tx: Tx, id: string): Promise<Locked> {
  const locked = await lockSession(tx, id);
  if (locked.session.approvalStatus !== 'pending' || locked.session.status !== 'hold')
    throw new AppError('CONFLICT', 'This request was already answered or has lapsed', { reason: 'notPending' });
  return locked;
}

/** Record the decision on the locked session: two staff answering at once cannot both win. */
async function recordDecision(tx: Tx, id: string, decision: 'approved' | 'declined', message: string) {
  const [row] = await tx
    .update(tenant.sessions)
    .set({ approvalStatus: decision, decisionMessage: message, updatedAt: new Date() })
    .where(eq(tenant.sessions.id, id))
    .returning();
  return row!;
}

/** Approve, in one transaction under the session's locks: confirmed at once, or held until the deposit arrives. */
export async function approveRequest(db: TenantDb, studio: StudioContext, actor: Actor, id: string, message: string) {
  // A request waiting behind another hold cannot be confirmed while that hold blocks: say what is in the way.
  return refusingOverlaps(
    db,
    studio,
    id,
    async () => asWanted(await sessionResources(db, id)),
    () => approveLocked(db, studio, actor, id, message),
  );
}

function approveLocked(db: TenantDb, studio: StudioContext, actor: Actor, id: string, message: string) {
  return writeTransaction(db, async (tx) => {
    const locked = await lockPending(tx, id);
    let session = await recordDecision(tx, id, 'approved', message);
    // No deposit to wait for: the booking is confirmed now. Otherwise it stays a hold until the deposit arrives.
    if (session.depositCents === 0)
      session = await transitionLocked(tx, studio, actor, { ...locked, session }, 'confirmed', message ? `approved: ${message}` : 'approved');
    else if (session.depositDueAt && session.holdExpiresAt && session.depositDueAt > session.holdExpiresAt) {
      // A booking made under older settings: the hold lasts until the deposit is due (never past the start).
      const [extended] = await tx
        .update(tenant.sessions)
        .set({ holdExpiresAt: holdExpiry(session.depositDueAt, 0, session.startsAt) })
        .where(eq(tenant.sessions.id, id))
        .returning();
      session = extended!;
    }
    await recordAudit(tx, actor, 'booking_request.approved', 'session', id, { message });
    return session;
  });
}

/** Decline, in one transaction under the session's locks; the freed slot goes to the waiting list. */
export async function declineRequest(db: TenantDb, studio: StudioContext, actor: Actor, id: string, message: string, now: Date) {
  return writeTransaction(db, async (tx) => {
    const locked = await lockPending(tx, id);
    const session = await recordDecision(tx, id, 'declined', message);
    // The studio said no: whatever the visitor already paid comes back in full (the policy's tiers are for
    // the client's own cancellations), recorded by the cancellation module with the message as the reason.
    const cancelled = await transitionLocked(tx, studio, actor, { ...locked, session }, 'cancelled', message ? `declined: ${message}` : 'declined', {
      byKind: 'staff',
      reason: message || 'Request declined',
      waived: true,
      now,
    });
    await recordAudit(tx, actor, 'booking_request.declined', 'session', id, { message });
    return cancelled;
  });
}

/**
 * The studio received the deposit (by hand, or paid online: actor null, from the payment recorder): recorded and, for a hold, confirmed — one transaction under the
 * session's locks, the receipt written only if none is recorded yet. A second click (or two staff at once)
 * changes nothing and says so; a hold that cannot be confirmed (its slot taken) records no receipt.
 * Given a caller's transaction, all of it joins that transaction (the online deposit recorder records the deposit
 * invoice, its payment and this in one): a refusal rolls back only this part.
 */
export async function markDepositReceived(db: TenantExecutor, studio: StudioContext, actor: Actor | null, id: string, now: Date) {
  return refusingOverlaps(
    db,
    studio,
    id,
    async () => asWanted(await sessionResources(db, id)),
    () =>
      writeTransaction(db, async (tx) => {
        const locked = await lockSession(tx, id);
        const { session } = locked;
        if (session.depositCents <= 0) throw new AppError('BAD_REQUEST', 'No deposit is asked for this session', { reason: 'noDeposit' });
        if (session.depositReceivedAt) return { session: { ...session, promoted: [] }, alreadyRecorded: true, confirmedNow: false };
        if (session.approvalStatus === 'pending')
          throw new AppError('BAD_REQUEST', 'Approve the request before recording its deposit', { reason: 'approveFirst' });
        if (session.status !== 'hold' && session.status !== 'confirmed')
          throw new AppError('BAD_REQUEST', `A ${session.status.replace('_', ' ')} session takes no deposit`, { reason: 'notActive', status: session.status });
        const [marked] = await tx
          .update(tenant.sessions)
          .set({ depositReceivedAt: now, updatedAt: new Date() })
          .where(and(eq(tenant.sessions.id, id), isNull(tenant.sessions.depositReceivedAt)))
          .returning();
        const confirmedNow = session.status === 'hold';
        const result = confirmedNow
          ? await transitionLocked(tx, studio, actor, { ...locked, session: marked! }, 'confirmed', 'deposit received')
          : { ...marked!, promoted: [] };
        await recordAudit(tx, actor, 'session.deposit_received', 'session', id, { depositCents: session.depositCents });
        return { session: result, alreadyRecorded: false, confirmedNow };
      }),
  );
}

/**
 * Staff record the deposit received by hand (sessions.markDepositReceived): `markDepositReceived`, then the
 * deposit's payment pages still open on Stripe are expired, so the client can no longer pay it online as well.
 * A page paid anyway (the client was on it at that moment) is a second payment: the recorder refunds it in full,
 * credits it and tells the client (money-payment-recorder.ts).
 */
export async function recordDepositByHand(platform: Platform, db: TenantDb, studio: StudioContext, actor: Actor, id: string) {
  const result = await markDepositReceived(db, studio, actor, id, platform.clock.now());
  await expireDepositCheckoutsOrLog(platform, studio.id, db, { kind: 'booking_deposit', id });
  return result;
}
