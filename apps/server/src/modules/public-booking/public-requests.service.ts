/**
 * A visitor's booking, in two steps so that nobody books with someone else's address:
 *   1. `requestBooking` stores what they asked for and mails a single-use link (30 minutes). Its answer
 *      is the same whoever the address belongs to (client or not), and a filled honeypot gets that same
 *      answer with nothing done.
 *   2. `confirmBooking`, from the page behind the link (a button: a mail scanner's GET books nothing),
 *      re-checks the slot with the engine, finds the client by address or creates one, and creates the
 *      session — the EXCLUDE constraint decides between two visitors confirming the same time.
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { REQUEST_CONFIRM_MINUTES } from '@rsm/shared/booking-page-schemas';
import type { Locale } from '@rsm/shared/schemas';
import { AppError } from '../../platform/errors.ts';
import { hashToken, newToken } from '../../platform/security/tokens.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import type { Platform } from '../../platform/platform.ts';
import type { StudioContext } from '../studios/studio-context.ts';
import { assertCanCreateSessions } from '../booking/plan-limits.ts';
import { createSession, type Tx } from '../booking/sessions.service.ts';
import { bookingDeadlines } from '../booking/deadlines.ts';
import { writeTransaction } from '../booking/session-locks.ts';
import { addMinutes } from '../booking/time.ts';
import { depositOf, enabledPolicy, isBookable, publicRoom, SLOT_TAKEN_MESSAGE } from './public-page.service.ts';

export interface BookingRequestInput {
  roomId: string;
  startsAt: Date;
  endsAt: Date;
  name: string;
  email: string;
  phone: string;
  message: string;
  locale: 'en' | 'fr';
  website: string;
}

export function slotTaken(): AppError {
  return new AppError('CONFLICT', SLOT_TAKEN_MESSAGE, { reason: 'slotTaken' });
}

/** Store the request and return the token to mail, or null for a robot (honeypot filled). */
export async function requestBooking(db: TenantDb, studio: StudioContext, now: Date, input: BookingRequestInput, ip: string) {
  await enabledPolicy(db);
  const room = await publicRoom(db, input.roomId);
  if (input.website.trim() !== '') return null;
  await pruneRequests(db, now);
  if (!(await isBookable(db, studio, now, input))) throw slotTaken();
  const token = newToken();
  await db.insert(tenant.bookingRequests).values({
    tokenHash: hashToken(token),
    roomId: room.id,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    name: input.name,
    email: input.email,
    phone: input.phone,
    message: input.message,
    locale: input.locale,
    policyAcceptedAt: now,
    ip,
    expiresAt: addMinutes(now, REQUEST_CONFIRM_MINUTES),
  });
  return { token, roomName: room.name };
}

type RequestRow = typeof tenant.bookingRequests.$inferSelect;

async function liveRequest(db: Pick<TenantDb, 'select'>, token: string, now: Date, lock = false): Promise<RequestRow> {
  const query = db
    .select()
    .from(tenant.bookingRequests)
    .where(and(eq(tenant.bookingRequests.tokenHash, hashToken(token)), isNull(tenant.bookingRequests.usedAt), gt(tenant.bookingRequests.expiresAt, now)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new AppError('TOKEN_INVALID', 'This link has expired or was already used. Please choose your time again.');
  return row;
}

/** What the confirm page shows before the button is pressed. Reading it consumes nothing. */
export async function peekRequest(db: TenantDb, now: Date, token: string) {
  await enabledPolicy(db);
  const request = await liveRequest(db, token, now);
  const [room] = await db.select({ name: tenant.rooms.name }).from(tenant.rooms).where(eq(tenant.rooms.id, request.roomId));
  return {
    roomId: request.roomId,
    roomName: room?.name ?? '',
    startsAt: request.startsAt,
    endsAt: request.endsAt,
    name: request.name,
    expiresAt: request.expiresAt,
  };
}

/**
 * The client with this address (case-insensitive), else a new one — in one statement, so two confirmations
 * with one address at once cannot make two clients: the unique index on lower(email) (erased clients aside)
 * turns the second insert into an update of the first. A client who had been archived is active again; the
 * stored name and details win over what the visitor typed this time.
 */
async function findOrCreateClient(tx: Tx, request: RequestRow): Promise<string> {
  const result = await tx.execute<{ id: string }>(sql`
    INSERT INTO ${tenant.clients} (name, email, phone, locale)
    VALUES (${request.name}, ${request.email}, ${request.phone}, ${request.locale})
    ON CONFLICT (lower(email)) WHERE email <> '' AND erased_at IS NULL
    DO UPDATE SET archived_at = NULL, updated_at = now()
    RETURNING id`);
  return result.rows[0]!.id;
}

export type ConfirmOutcome = 'confirmed' | 'hold' | 'pending';

const REQUEST_TITLE: Record<Locale, string> = { en: 'Booking request', fr: 'Demande de réservation' };

/** A booking's title names no one: "Booking request — Studio A", in the studio's language. */
export const requestTitle = (locale: Locale, roomName: string) => `${REQUEST_TITLE[locale]} — ${roomName}`;

export async function confirmBooking(platform: Platform, db: TenantDb, studio: StudioContext, now: Date, token: string) {
  const policy = await enabledPolicy(db);
  // The engine's answer now (hours, closures, notice, window, other bookings, room still offered);
  // between two visitors confirming at once, the EXCLUDE constraint decides below.
  const asked = await liveRequest(db, token, now);
  if (!(await isBookable(db, studio, now, asked))) throw slotTaken();
  return writeTransaction(db, async (tx) => {
    const request = await liveRequest(tx, token, now, true);
    const room = await publicRoom(tx, request.roomId);
    const clientId = await findOrCreateClient(tx, request);
    const instant = policy.instantBooking && !policy.requireApproval;
    let created;
    try {
      created = await createSession(tx, studio, null, {
        roomId: room.id,
        startsAt: request.startsAt,
        endsAt: request.endsAt,
        // The visitor's details stay in the client record (views show the client's name from there): a copy
        // in free text would outlive an erasure.
        title: requestTitle(studio.locale, room.name),
        notes: '',
        clientId,
        status: instant ? 'confirmed' : 'hold',
        holdHours: policy.holdHours,
        now,
        guard: (inner) => assertCanCreateSessions(inner, studio, now, 1, platform),
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'CONFLICT') throw slotTaken();
      throw error;
    }
    const depositCents = depositOf(created.session.priceCents, policy.depositPercent);
    // The visitor's link to pay the deposit online (no account needed); a request waiting for approval gets its
    // link when it is approved. Only the token's hash is stored.
    const depositToken = depositCents > 0 && !policy.requireApproval ? newToken() : null;
    const deadlines = bookingDeadlines({
      now,
      startsAt: request.startsAt,
      holdMinutes: instant ? null : policy.holdHours * 60,
      depositDueHours: depositCents > 0 ? policy.depositDueHours : null,
    });
    const [session] = await tx
      .update(tenant.sessions)
      .set({
        source: 'public',
        approvalStatus: policy.requireApproval ? 'pending' : null,
        requestMessage: request.message,
        depositCents,
        depositDueAt: deadlines.depositDueAt,
        depositLinkHash: depositToken ? hashToken(depositToken) : null,
        policyAcceptedAt: request.policyAcceptedAt,
        policySnapshot: {
          cancellationTiers: policy.cancellationTiers,
          policyText: policy.policyText,
          depositPercent: policy.depositPercent,
          depositDueHours: policy.depositDueHours,
          holdHours: policy.holdHours,
        },
      })
      .where(eq(tenant.sessions.id, created.session.id))
      .returning();
    await tx.update(tenant.bookingRequests).set({ usedAt: now, sessionId: session!.id }).where(eq(tenant.bookingRequests.id, request.id));
    const outcome: ConfirmOutcome = policy.requireApproval ? 'pending' : instant ? 'confirmed' : 'hold';
    return { session: session!, request, roomName: room.name, outcome, transferDetails: policy.transferDetails, depositToken };
  });
}

/** Forget requests nobody confirmed (kept a day for rate-limit forensics). */
export async function pruneRequests(db: TenantDb, now: Date): Promise<void> {
  await db.delete(tenant.bookingRequests).where(sql`${tenant.bookingRequests.expiresAt} < ${addMinutes(now, -24 * 60).toISOString()}`);
}
