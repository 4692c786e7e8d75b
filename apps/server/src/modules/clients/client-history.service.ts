/**
 * What a client has done with the studio: their sessions (upcoming and past, paginated) and projects.
 * Invoices join here when the money module lands (the detail page keeps a place for them).
 */
import { and, asc, count, desc, eq, gte, lt } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { liveClient, toIso } from './clients.service.ts';

const s = tenant.sessions;

export async function clientSessions(db: TenantDb, now: Date, input: { clientId: string; when: 'upcoming' | 'past'; page: number; pageSize: number }) {
  await liveClient(db, input.clientId);
  const upcoming = input.when === 'upcoming';
  const where = and(eq(s.clientId, input.clientId), upcoming ? gte(s.endsAt, now) : lt(s.endsAt, now));
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: s.id,
        title: s.title,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        status: s.status,
        roomName: tenant.rooms.name,
        priceCents: s.priceCents,
        currency: s.currency,
      })
      .from(s)
      .innerJoin(tenant.rooms, eq(tenant.rooms.id, s.roomId))
      .where(where)
      // Upcoming: the next one first; past: the latest first.
      .orderBy(upcoming ? asc(s.startsAt) : desc(s.startsAt), asc(s.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ n: count() }).from(s).where(where),
  ]);
  return { total: total?.n ?? 0, items: rows.map((r) => ({ ...r, startsAt: toIso(r.startsAt)!, endsAt: toIso(r.endsAt)! })) };
}

export async function clientProjects(db: TenantDb, clientId: string) {
  await liveClient(db, clientId);
  const p = tenant.projects;
  const rows = await db
    .select({ id: p.id, name: p.name, type: p.type, stage: p.stage, dueDate: p.dueDate, archivedAt: p.archivedAt, createdAt: p.createdAt })
    .from(p)
    .where(eq(p.clientId, clientId))
    .orderBy(desc(p.createdAt))
    .limit(200);
  return rows.map((r) => ({ ...r, archivedAt: toIso(r.archivedAt), createdAt: toIso(r.createdAt)! }));
}
