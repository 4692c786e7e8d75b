/**
 * The studio's side of booking requests: the pending list, approve (confirmed at once when no deposit is
 * asked, else the hold lasts until the deposit is received), decline (the slot is freed, the reason kept),
 * and the deposit received (the hold becomes a confirmed session). Status changes go through the booking
 * engine's changeSessionStatus, so the slot is taken or freed under the same locks and constraint.
 */
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError, notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor, StudioContext } from '../studios/studio-context.ts';
import { changeSessionStatus } from '../booking/sessions.service.ts';
import { asWanted, refusingOverlaps, transitionLocked } from '../booking/session-changes.service.ts';
import { lockSession, sessionResources, writeTransaction } from '../booking/session-locks.ts';

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

async function loadSession(db: TenantDb, id: string) {
  const [session] = await db.select().from(tenant.sessions).where(eq(tenant.sessions.id, id));
  if (!session) throw notFound('session');
  return session;
}

async function loadPending(db: TenantDb, id: string) {
  const session = await loadSession(db, id);
  if (session.approvalStatus !== 'pending' || session.status !== 'hold')
    throw new AppError('CONFLICT', 'This request was already answered or has lapsed', { reason: 'notPending' });
  return session;
}

/** Mark the decision only if the request is still pending: two staff answering at once cannot both win. */
async function recordDecision(db: TenantDb, id: string, decision: 'approved' | 'declined', message: string) {
  const [row] = await db
    .update(tenant.sessions)
    .set({ approvalStatus: decision, decisionMessage: message, updatedAt: new Date() })
    .where(and(eq(tenant.sessions.id, id), eq(tenant.sessions.approvalStatus, 'pending')))
    .returning();
  if (!row) throw new AppError('CONFLICT', 'This request was already answered or has lapsed', { reason: 'notPending' });
  return row;
}

export async function approveRequest(db: TenantDb, studio: StudioContext, actor: Actor, id: string, message: string) {
  const pending = await loadPending(db, id);
  let session = await recordDecision(db, id, 'approved', message);
  // No deposit to wait for: the booking is confirmed now. Otherwise it stays a hold until the deposit arrives.
  if (pending.depositCents === 0) session = await changeSessionStatus(db, studio, actor, id, 'confirmed', message ? `approved: ${message}` : 'approved');
  else if (session.depositDueAt && session.holdExpiresAt && session.depositDueAt > session.holdExpiresAt) {
    // The hold lasts at least until the deposit is due, so the client has the time they were given.
    const [extended] = await db.update(tenant.sessions).set({ holdExpiresAt: session.depositDueAt }).where(eq(tenant.sessions.id, id)).returning();
    session = extended ?? session;
  }
  await recordAudit(db, actor, 'booking_request.approved', 'session', id, { message });
  return session;
}

export async function declineRequest(db: TenantDb, studio: StudioContext, actor: Actor, id: string, message: string, now: Date) {
  await loadPending(db, id);
  await recordDecision(db, id, 'declined', message);
  // The studio said no: whatever the visitor already paid comes back in full (the policy's tiers are for
  // the client's own cancellations), recorded by the cancellation module with the message as the reason.
  const session = await changeSessionStatus(db, studio, actor, id, 'cancelled', message ? `declined: ${message}` : 'declined', {
    byKind: 'staff',
    reason: message || 'Request declined',
    waived: true,
    now,
  });
  await recordAudit(db, actor, 'booking_request.declined', 'session', id, { message });
  return session;
}

/**
 * The studio received the deposit: recorded and, for a hold, confirmed — one transaction under the
 * session's locks, the receipt written only if none is recorded yet. A second click (or two staff at once)
 * changes nothing and says so; a hold that cannot be confirmed (its slot taken) records no receipt.
 */
export async function markDepositReceived(db: TenantDb, studio: StudioContext, actor: Actor, id: string, now: Date) {
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
        if (session.approvalStatus === 'pending') throw new AppError('BAD_REQUEST', 'Approve the request before recording its deposit', { reason: 'approveFirst' });
        if (session.status !== 'hold' && session.status !== 'confirmed')
          throw new AppError('BAD_REQUEST', `A ${session.status.replace('_', ' ')} session takes no deposit`, { reason: 'notActive', status: session.status });
        const [marked] = await tx
          .update(tenant.sessions)
          .set({ depositReceivedAt: now, updatedAt: new Date() })
          .where(and(eq(tenant.sessions.id, id), isNull(tenant.sessions.depositReceivedAt)))
          .returning();
        const confirmedNow = session.status === 'hold';
        const result = confirmedNow ? await transitionLocked(tx, studio, actor, { ...locked, session: marked! }, 'confirmed', 'deposit received') : { ...marked!, promoted: [] };
        await recordAudit(tx, actor, 'session.deposit_received', 'session', id, { depositCents: session.depositCents });
        return { session: result, alreadyRecorded: false, confirmedNow };
      }),
  );
}
