/** Sessions as the calendar and the session panel see them: resources and client names joined in bulk. */
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { tenant } from '@rsm/db';
import { SESSION_STATUSES } from '@rsm/shared/booking-schemas';
import type { TenantDb } from '../../platform/tenancy/directory.ts';

type SessionRow = typeof tenant.sessions.$inferSelect;

export const sessionOutput = z.object({
  id: z.string(),
  title: z.string(),
  notes: z.string(),
  roomId: z.string(),
  clientId: z.string().nullable(),
  clientName: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(SESSION_STATUSES),
  /** A hold waiting behind another hold: it does not block the calendar yet. */
  queued: z.boolean(),
  holdExpiresAt: z.string().nullable(),
  priceCents: z.number().int(),
  currency: z.string(),
  engineerIds: z.array(z.string()),
  gearIds: z.array(z.string()),
  /** The rooms linked to this session's room, which it blocks too (a booth beside its live room): shaded on their columns. */
  linkedRoomIds: z.array(z.string()),
  seriesId: z.string().nullable(),
  /** Who asked for it ('staff' | 'public' | 'portal'), a request waiting for approval, the deposit asked and received. */
  source: z.string(),
  approvalStatus: z.string().nullable(),
  requestMessage: z.string(),
  decisionMessage: z.string(),
  depositCents: z.number().int(),
  depositDueAt: z.string().nullable(),
  depositReceivedAt: z.string().nullable(),
  /** The deposit invoice issued when the deposit was paid online (null when paid by hand or not paid). */
  depositInvoiceId: z.string().nullable(),
  /** Sent back with a move or an edit: refused if the session changed meanwhile. */
  version: z.number().int(),
});
export type SessionView = z.infer<typeof sessionOutput>;

export async function toSessionViews(db: TenantDb, rows: SessionRow[]): Promise<SessionView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const clientIds = [...new Set(rows.map((r) => r.clientId).filter((id): id is string => id !== null))];
  // one connection: one query after the other
  const resources = await db
    .select({
      sessionId: tenant.sessionResources.sessionId,
      kind: tenant.sessionResources.kind,
      resourceId: tenant.sessionResources.resourceId,
      blocking: tenant.sessionResources.blocking,
      primary: tenant.sessionResources.primary,
    })
    .from(tenant.sessionResources)
    .where(inArray(tenant.sessionResources.sessionId, ids));
  const clients = clientIds.length
    ? await db.select({ id: tenant.clients.id, name: tenant.clients.name }).from(tenant.clients).where(inArray(tenant.clients.id, clientIds))
    : [];
  const bySession = new Map<string, typeof resources>();
  for (const r of resources) bySession.set(r.sessionId, [...(bySession.get(r.sessionId) ?? []), r]);
  const clientNames = new Map(clients.map((c) => [c.id, c.name]));
  return rows.map((row) => {
    const own = bySession.get(row.id) ?? [];
    return {
      id: row.id,
      title: row.title,
      notes: row.notes,
      roomId: row.roomId,
      clientId: row.clientId,
      clientName: row.clientId ? (clientNames.get(row.clientId) ?? null) : null,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      status: row.status,
      queued: row.status === 'hold' && !own.some((r) => r.blocking),
      holdExpiresAt: row.holdExpiresAt?.toISOString() ?? null,
      priceCents: row.priceCents,
      currency: row.currency,
      engineerIds: own.filter((r) => r.kind === 'engineer').map((r) => r.resourceId),
      gearIds: own.filter((r) => r.kind === 'gear').map((r) => r.resourceId),
      linkedRoomIds: own.filter((r) => r.kind === 'room' && !r.primary && r.blocking).map((r) => r.resourceId),
      seriesId: row.seriesId,
      source: row.source,
      approvalStatus: row.approvalStatus,
      requestMessage: row.requestMessage,
      decisionMessage: row.decisionMessage,
      depositCents: row.depositCents,
      depositDueAt: row.depositDueAt?.toISOString() ?? null,
      depositReceivedAt: row.depositReceivedAt?.toISOString() ?? null,
      depositInvoiceId: row.depositInvoiceId,
      version: row.version,
    };
  });
}
