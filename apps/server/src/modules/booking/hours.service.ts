/**
 * When things can be booked: weekly opening hours (whole studio, or a room's own), dated closures,
 * engineers' working hours and time off. Read by availability; edited from the settings pages.
 */
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError, notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../studios/studio-context.ts';

const hhmm = (t: string) => t.slice(0, 5);

/**
 * A new studio's weekly hours until its owner changes them (onboarding shows them): without any, every
 * day is closed and neither availability nor the booking page offers anything. Monday to Saturday,
 * 10:00–22:00 — recording studios run late, and Sunday is the common day off.
 */
export const DEFAULT_OPENING_HOURS = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opensAt: '10:00', closesAt: '22:00' }));

/** Written once, when the studio's database is created; existing studios are never changed behind their back. */
export async function writeDefaultOpeningHours(db: Pick<TenantDb, 'insert'>): Promise<void> {
  await db.insert(tenant.openingHours).values(DEFAULT_OPENING_HOURS.map((h) => ({ ...h, roomId: null })));
}

export async function listHours(db: TenantDb, now: Date) {
  const recent = new Date(now.getTime() - 30 * 86_400_000);
  const opening = await db.select().from(tenant.openingHours).orderBy(asc(tenant.openingHours.weekday), asc(tenant.openingHours.opensAt));
  const closures = await db.select().from(tenant.closures).where(gt(tenant.closures.endsAt, recent)).orderBy(asc(tenant.closures.startsAt));
  const engineerHours = await db.select().from(tenant.engineerHours).orderBy(asc(tenant.engineerHours.weekday), asc(tenant.engineerHours.startsAt));
  const timeOff = await db.select().from(tenant.engineerTimeOff).where(gt(tenant.engineerTimeOff.endsAt, recent)).orderBy(asc(tenant.engineerTimeOff.startsAt));
  return {
    opening: opening.map((o) => ({ id: o.id, roomId: o.roomId, weekday: o.weekday, opensAt: hhmm(o.opensAt), closesAt: hhmm(o.closesAt) })),
    closures: closures.map((c) => ({ id: c.id, roomId: c.roomId, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString(), reason: c.reason })),
    engineerHours: engineerHours.map((h) => ({ id: h.id, engineerId: h.engineerId, weekday: h.weekday, startsAt: hhmm(h.startsAt), endsAt: hhmm(h.endsAt) })),
    timeOff: timeOff.map((t) => ({ id: t.id, engineerId: t.engineerId, startsAt: t.startsAt.toISOString(), endsAt: t.endsAt.toISOString(), reason: t.reason })),
  };
}

async function assertRoom(db: TenantDb, roomId: string | null) {
  if (roomId === null) return;
  const [room] = await db.select({ id: tenant.rooms.id }).from(tenant.rooms).where(eq(tenant.rooms.id, roomId));
  if (!room) throw notFound('room');
}

async function assertEngineer(db: TenantDb, engineerId: string) {
  const [engineer] = await db.select({ id: tenant.engineers.id }).from(tenant.engineers).where(eq(tenant.engineers.id, engineerId));
  if (!engineer) throw notFound('engineer');
}

/** Replace the weekly hours of the studio (roomId null) or of one room (an empty list: the room follows the studio). */
export async function setOpeningHours(db: TenantDb, actor: Actor, roomId: string | null, hours: { weekday: number; opensAt: string; closesAt: string }[]) {
  await assertRoom(db, roomId);
  await db.transaction(async (tx) => {
    await tx.delete(tenant.openingHours).where(roomId === null ? isNull(tenant.openingHours.roomId) : eq(tenant.openingHours.roomId, roomId));
    if (hours.length) await tx.insert(tenant.openingHours).values(hours.map((h) => ({ ...h, roomId })));
    await recordAudit(tx, actor, 'hours.updated', 'opening_hours', roomId, { days: hours.length });
  });
}

export async function addClosure(db: TenantDb, actor: Actor, input: { roomId: string | null; startsAt: Date; endsAt: Date; reason: string }) {
  await assertRoom(db, input.roomId);
  const [row] = await db.insert(tenant.closures).values(input).returning();
  await recordAudit(db, actor, 'closure.added', 'closure', row!.id, { reason: input.reason });
  return { id: row!.id, roomId: row!.roomId, startsAt: row!.startsAt.toISOString(), endsAt: row!.endsAt.toISOString(), reason: row!.reason };
}

export async function removeClosure(db: TenantDb, actor: Actor, id: string) {
  const [row] = await db.delete(tenant.closures).where(eq(tenant.closures.id, id)).returning();
  if (!row) throw notFound('closure');
  await recordAudit(db, actor, 'closure.removed', 'closure', id, {});
}

export async function setEngineerHours(db: TenantDb, actor: Actor, engineerId: string, hours: { weekday: number; startsAt: string; endsAt: string }[]) {
  await assertEngineer(db, engineerId);
  if (hours.some((h) => h.endsAt <= h.startsAt)) throw new AppError('BAD_REQUEST', 'Working hours must end after they start');
  await db.transaction(async (tx) => {
    await tx.delete(tenant.engineerHours).where(eq(tenant.engineerHours.engineerId, engineerId));
    if (hours.length) await tx.insert(tenant.engineerHours).values(hours.map((h) => ({ ...h, engineerId })));
    await recordAudit(tx, actor, 'engineer.hours_updated', 'engineer', engineerId, { days: hours.length });
  });
}

export async function addTimeOff(db: TenantDb, actor: Actor, input: { engineerId: string; startsAt: Date; endsAt: Date; reason: string }) {
  await assertEngineer(db, input.engineerId);
  const [row] = await db.insert(tenant.engineerTimeOff).values(input).returning();
  await recordAudit(db, actor, 'engineer.time_off_added', 'engineer', input.engineerId, { reason: input.reason });
  return { id: row!.id, engineerId: row!.engineerId, startsAt: row!.startsAt.toISOString(), endsAt: row!.endsAt.toISOString(), reason: row!.reason };
}

export async function removeTimeOff(db: TenantDb, actor: Actor, id: string) {
  const [row] = await db.delete(tenant.engineerTimeOff).where(eq(tenant.engineerTimeOff.id, id)).returning();
  if (!row) throw notFound('time off');
  await recordAudit(db, actor, 'engineer.time_off_removed', 'engineer', row.engineerId, {});
}

export async function archiveResource(db: TenantDb, actor: Actor, kind: 'engineer' | 'gear', id: string) {
  const table = kind === 'engineer' ? tenant.engineers : tenant.gearItems;
  const [row] = await db
    .update(table)
    .set({ archivedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(table.id, id), isNull(table.archivedAt)))
    .returning({ id: table.id });
  if (!row) throw notFound(kind);
  await recordAudit(db, actor, `${kind}.archived`, kind, id, {});
}
