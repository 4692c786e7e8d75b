/**
 * A client's sessions in the portal: their own and those of the companies they may see. Every read
 * filters by those client ids, so another client's session is "not found" whatever its id. What a client
 * sees is shaped here: no internal notes, no other client's name, no staff data.
 *
 * Cancel and reschedule go through the same services as staff (changeSessionStatus / moveSession): the
 * policy is applied and the EXCLUDE constraint decides conflicts. The portal adds its own rule: changes
 * only up to `portalChangeCutoffHours` before the start.
 */
import { and, asc, desc, eq, gt, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError, notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import type { StudioContext } from '../studios/studio-context.ts';
import type { PortalClient } from '../../trpc/portal-procedure.ts';
import { loadPolicy, outcomeFor } from '../booking/cancellation.service.ts';
import { changeSessionStatus, moveSession } from '../booking/sessions.service.ts';
import { loadAvailabilityInput } from '../booking/availability.loader.ts';
import { freeSlots } from '../booking/availability.ts';
import { addMinutes } from '../booking/time.ts';

type SessionRow = typeof tenant.sessions.$inferSelect;

const CHANGEABLE = ['hold', 'confirmed'] as const;

export const visibleClientIds = (client: PortalClient) => [client.id, ...client.companyIds];

/** `acceptsCards`: the studio takes card payments now (a deposit due can then be paid online). */
async function views(db: TenantDb, client: PortalClient, rows: SessionRow[], acceptsCards = false) {
  const roomIds = [...new Set(rows.map((r) => r.roomId))];
  const companyIds = [...new Set(rows.map((r) => r.clientId).filter((id): id is string => !!id && id !== client.id))];
  const rooms = roomIds.length
    ? await db.select({ id: tenant.rooms.id, name: tenant.rooms.name }).from(tenant.rooms).where(inArray(tenant.rooms.id, roomIds))
    : [];
  // Only the client's own companies can appear here (rows are filtered by visibleClientIds).
  const companies = companyIds.length
    ? await db.select({ id: tenant.clients.id, name: tenant.clients.name }).from(tenant.clients).where(inArray(tenant.clients.id, companyIds))
    : [];
  const roomNames = new Map(rooms.map((r) => [r.id, r.name]));
  const companyNames = new Map(companies.map((c) => [c.id, c.name]));
  return rows.map((s) => ({
    id: s.id,
    title: s.title,
    roomName: roomNames.get(s.roomId) ?? '',
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    status: s.status,
    holdExpiresAt: s.holdExpiresAt?.toISOString() ?? null,
    priceCents: s.priceCents,
    currency: s.currency,
    depositCents: s.depositCents,
    depositReceived: s.depositReceivedAt !== null,
    /** A "Pay deposit" button: a deposit due and unpaid on an active booking the studio approved, card payments on. */
    payDepositOnline:
      acceptsCards && s.depositCents > 0 && s.depositReceivedAt === null && (s.status === 'hold' || s.status === 'confirmed') && s.approvalStatus !== 'pending',
    depositMoved: s.depositMovedFromId !== null,
    /** null: the client's own session; else the company it was booked for. */
    companyName: s.clientId && s.clientId !== client.id ? (companyNames.get(s.clientId) ?? null) : null,
    cancelledAt: s.cancelledAt?.toISOString() ?? null,
    refundableCents: s.refundableCents,
    keptCents: s.keptCents,
  }));
}
export type PortalSessionView = Awaited<ReturnType<typeof views>>[number];

export async function portalSessionView(db: TenantDb, client: PortalClient, row: SessionRow): Promise<PortalSessionView> {
  const [view] = await views(db, client, [row]);
  return view!;
}

function parseCursor(cursor: string | null | undefined) {
  if (!cursor) return null;
  const [at, id] = cursor.split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('BAD_REQUEST', 'Invalid cursor');
  return { at: date, id };
}

/** Upcoming (not yet ended, soonest first) or past (ended, latest first), keyset-paginated on (starts_at, id). */
export async function listPortalSessions(
  db: TenantDb,
  client: PortalClient,
  input: { when: 'upcoming' | 'past'; cursor?: string | null; limit: number },
  now: Date,
  acceptsCards = false,
) {
  const s = tenant.sessions;
  const after = parseCursor(input.cursor);
  const upcoming = input.when === 'upcoming';
  const keyset = after
    ? upcoming
      ? or(gt(s.startsAt, after.at), and(eq(s.startsAt, after.at), sql`${s.id} > ${after.id}`))
      : or(lt(s.startsAt, after.at), and(eq(s.startsAt, after.at), sql`${s.id} < ${after.id}`))
    : undefined;
  const rows = await db
    .select()
    .from(s)
    .where(and(inArray(s.clientId, visibleClientIds(client)), upcoming ? gt(s.endsAt, now) : lte(s.endsAt, now), keyset))
    .orderBy(...(upcoming ? [asc(s.startsAt), asc(s.id)] : [desc(s.startsAt), desc(s.id)]))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: await views(db, client, page, acceptsCards),
    nextCursor: rows.length > input.limit && last ? `${last.startsAt.toISOString()}|${last.id}` : null,
  };
}

/** One of the client's visible sessions, or NOT_FOUND (the same for another client's id and a missing one). */
export async function loadVisibleSession(db: TenantDb, client: PortalClient, id: string): Promise<SessionRow> {
  const [row] = await db
    .select()
    .from(tenant.sessions)
    .where(and(eq(tenant.sessions.id, id), inArray(tenant.sessions.clientId, visibleClientIds(client))));
  if (!row) throw notFound('session');
  return row;
}

export async function portalSessionDetail(db: TenantDb, client: PortalClient, id: string, now: Date, acceptsCards = false) {
  const row = await loadVisibleSession(db, client, id);
  const policy = await loadPolicy(db);
  const [view] = await views(db, client, [row], acceptsCards);
  const changeable = changeRefusal(row, policy.portalChangeCutoffHours, now) === null;
  return { ...view!, canChange: changeable, cutoffHours: policy.portalChangeCutoffHours, policyText: policy.policyText, tiers: policy.tiers };
}

/** Why the portal refuses to change this session now, or null. */
function changeRefusal(row: SessionRow, cutoffHours: number, now: Date): AppError | null {
  if (!(CHANGEABLE as readonly string[]).includes(row.status))
    return new AppError('BAD_REQUEST', 'This session can no longer be changed here', { status: row.status });
  if (row.startsAt.getTime() <= now.getTime()) return new AppError('BAD_REQUEST', 'This session has already started', { status: 'started' });
  if (row.startsAt.getTime() - now.getTime() < cutoffHours * 3_600_000) {
    return new AppError('FORBIDDEN', `Changes in the portal close ${cutoffHours} hours before the session; contact the studio`, { cutoffHours });
  }
  return null;
}

export async function previewPortalCancel(db: TenantDb, studio: StudioContext, client: PortalClient, id: string, now: Date) {
  const row = await loadVisibleSession(db, client, id);
  const { tiers } = await loadPolicy(db);
  return { ...outcomeFor(row, tiers, studio.timeZone, { byKind: 'client', now }), currency: row.currency };
}

export async function cancelFromPortal(db: TenantDb, studio: StudioContext, client: PortalClient, id: string, reason: string, now: Date) {
  const row = await loadVisibleSession(db, client, id);
  const policy = await loadPolicy(db);
  const refusal = changeRefusal(row, policy.portalChangeCutoffHours, now);
  if (refusal) throw refusal;
  return changeSessionStatus(db, studio, null, id, 'cancelled', `cancelled by the client in the portal${reason ? `: ${reason}` : ''}`, {
    byKind: 'client',
    reason,
    now,
  });
}

/** Free start times for the same room and length, from the booking availability engine (the session's own slot counts as free). */
export async function rescheduleSlots(db: TenantDb, studio: StudioContext, client: PortalClient, id: string, range: { from: Date; to: Date }, now: Date) {
  const row = await loadVisibleSession(db, client, id);
  const policy = await loadPolicy(db);
  const refusal = changeRefusal(row, policy.portalChangeCutoffHours, now);
  if (refusal) throw refusal;
  return slotsFor(db, studio, row, range, now, policy.portalChangeCutoffHours);
}

async function slotsFor(db: TenantDb, studio: StudioContext, row: SessionRow, range: { from: Date; to: Date }, now: Date, cutoffHours: number) {
  const minutes = Math.round((row.endsAt.getTime() - row.startsAt.getTime()) / 60_000);
  const [engineer] = await db
    .select({ id: tenant.sessionResources.resourceId })
    .from(tenant.sessionResources)
    .where(and(eq(tenant.sessionResources.sessionId, row.id), eq(tenant.sessionResources.kind, 'engineer')))
    .limit(1);
  const input = await loadAvailabilityInput(db, {
    roomId: row.roomId,
    engineerId: engineer?.id,
    from: range.from,
    to: range.to,
    timeZone: studio.timeZone,
    now,
    durationMinutes: minutes,
    minimumNoticeMinutes: cutoffHours * 60,
    bookingWindowDays: 365,
  });
  // The session's own blocked ranges are not in its way.
  const ownRoom = {
    start: addMinutes(row.startsAt, -input.room.setupBufferMinutes).getTime(),
    end: addMinutes(row.endsAt, input.room.teardownBufferMinutes).getTime(),
  };
  input.busy = input.busy.filter((b) => !(b.startsAt.getTime() === ownRoom.start && b.endsAt.getTime() === ownRoom.end));
  if (input.engineer)
    input.engineer.busy = input.engineer.busy.filter((b) => !(b.startsAt.getTime() === row.startsAt.getTime() && b.endsAt.getTime() === row.endsAt.getTime()));
  return freeSlots(input).filter((slot) => slot.startsAt.getTime() !== row.startsAt.getTime());
}

/**
 * Move the session to a new start (same room, same length). The slot is re-checked against the
 * availability engine (opening hours, closures, notice), then moveSession writes it under the resource
 * locks and the EXCLUDE constraint refuses any overlap that slipped in meanwhile. The deposit stays.
 */
export async function rescheduleFromPortal(db: TenantDb, studio: StudioContext, client: PortalClient, id: string, startsAt: Date, now: Date) {
  const row = await loadVisibleSession(db, client, id);
  const policy = await loadPolicy(db);
  const refusal = changeRefusal(row, policy.portalChangeCutoffHours, now);
  if (refusal) throw refusal;
  const minutes = Math.round((row.endsAt.getTime() - row.startsAt.getTime()) / 60_000);
  const endsAt = addMinutes(startsAt, minutes);
  const slots = await slotsFor(db, studio, row, { from: startsAt, to: endsAt }, now, policy.portalChangeCutoffHours);
  if (!slots.some((s) => s.startsAt.getTime() === startsAt.getTime())) throw new AppError('CONFLICT', 'This time is no longer free; choose another one');
  // The version checked above: a session changed meanwhile (moved by the studio) is refused, not overwritten.
  const moved = await moveSession(db, studio, null, id, { startsAt, endsAt, version: row.version });
  return { session: moved, previousStartsAt: row.startsAt, previousEndsAt: row.endsAt };
}
