/**
 * Credits of a track and their export for labels. The 100 % ceiling on splits is the database's
 * (trigger `track_credits_splits_total`); this module only turns its refusal into a clear answer.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { z } from 'zod';
import { formatIsrc, type CreditRole, type creditFieldsInput } from '@rsm/shared/projects-schemas';
import { AppError, notFound } from '../../platform/errors.ts';
import { pgErrorCode } from '../../platform/postgres/pg-errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../studios/studio-context.ts';
import { requireProject, type Tx } from './project-rows.ts';
import { assertSameSet, writeOrder } from './tracks.service.ts';
import { toCsv } from './csv.ts';

const k = tenant.trackCredits;
type CreditFields = z.output<typeof creditFieldsInput>;

const CHECK_VIOLATION = '23514';

/** The trigger's refusal, with the total it would have reached (in its DETAIL). */
function splitsRefusal(error: unknown): AppError | null {
  const e = error as { constraint?: string; detail?: string; cause?: { constraint?: string; detail?: string } };
  const constraint = e.constraint ?? e.cause?.constraint;
  if (pgErrorCode(error) !== CHECK_VIOLATION || constraint !== 'track_credits_splits_total') return null;
  const total = Number(e.detail ?? e.cause?.detail);
  return new AppError('CONFLICT', `The splits of this track would total ${total} %, more than 100 %`, {
    reason: 'splits_over_100',
    total: Number.isFinite(total) ? total : 0,
  });
}

async function withSplitsCheck<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw splitsRefusal(error) ?? error;
  }
}

async function assertClient(tx: Tx, clientId: string | null): Promise<void> {
  if (!clientId) return;
  const [client] = await tx.select({ id: tenant.clients.id, erasedAt: tenant.clients.erasedAt }).from(tenant.clients).where(eq(tenant.clients.id, clientId));
  // An erased client (GDPR) is only an anonymous reference: nothing new may point at it.
  if (!client || client.erasedAt) throw new AppError('BAD_REQUEST', 'This client does not exist', { reason: 'client_unknown' });
}

const fieldsOf = (input: CreditFields) => ({
  personName: input.personName,
  clientId: input.clientId,
  roles: input.roles,
  instruments: input.instruments,
  splitPercent: input.splitPercent === null ? null : input.splitPercent.toFixed(2),
});

function toCredit(row: typeof k.$inferSelect, clientName: string | null) {
  return {
    id: row.id,
    trackId: row.trackId,
    personName: row.personName,
    clientId: row.clientId,
    clientName,
    // Written only through the validated input, so every stored role is one of CREDIT_ROLES.
    roles: row.roles as CreditRole[],
    instruments: row.instruments,
    splitPercent: row.splitPercent === null ? null : Number(row.splitPercent),
    position: row.position,
  };
}

export async function listCredits(db: TenantDb, trackId: string) {
  const [track] = await db.select({ id: tenant.tracks.id }).from(tenant.tracks).where(eq(tenant.tracks.id, trackId));
  if (!track) throw notFound('track');
  const rows = await db
    .select({ credit: k, clientName: tenant.clients.name })
    .from(k)
    .leftJoin(tenant.clients, eq(tenant.clients.id, k.clientId))
    .where(eq(k.trackId, trackId))
    .orderBy(asc(k.position), asc(k.createdAt));
  return rows.map((r) => toCredit(r.credit, r.clientName));
}

export async function createCredit(db: TenantDb, actor: Actor, trackId: string, input: CreditFields): Promise<string> {
  return withSplitsCheck(() =>
    db.transaction(async (tx) => {
      // The same lock the splits trigger takes: positions are numbered under it too.
      const [track] = await tx.select({ id: tenant.tracks.id }).from(tenant.tracks).where(eq(tenant.tracks.id, trackId)).for('no key update');
      if (!track) throw notFound('track');
      await assertClient(tx, input.clientId);
      const [{ next } = { next: 1 }] = await tx
        .select({ next: sql<number>`coalesce(max(${k.position}), 0)::int + 1` })
        .from(k)
        .where(eq(k.trackId, trackId));
      const [row] = await tx
        .insert(k)
        .values({ trackId, position: next, ...fieldsOf(input) })
        .returning({ id: k.id });
      await recordAudit(tx, actor, 'credit.created', 'track', trackId, { creditId: row!.id, personName: input.personName, splitPercent: input.splitPercent });
      return row!.id;
    }),
  );
}

export async function updateCredit(db: TenantDb, actor: Actor, id: string, input: CreditFields): Promise<void> {
  await withSplitsCheck(() =>
    db.transaction(async (tx) => {
      await assertClient(tx, input.clientId);
      const [row] = await tx
        .update(k)
        .set({ ...fieldsOf(input), updatedAt: new Date() })
        .where(eq(k.id, id))
        .returning({ trackId: k.trackId });
      if (!row) throw notFound('credit');
      await recordAudit(tx, actor, 'credit.updated', 'track', row.trackId, { creditId: id, personName: input.personName, splitPercent: input.splitPercent });
    }),
  );
}

export async function deleteCredit(db: TenantDb, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(k).where(eq(k.id, id)).returning({ trackId: k.trackId, personName: k.personName });
    if (!row) throw notFound('credit');
    const rest = (await tx.select({ id: k.id }).from(k).where(eq(k.trackId, row.trackId)).orderBy(asc(k.position), asc(k.createdAt))).map((r) => r.id);
    await writeOrder(tx, 'track_credits', rest);
    await recordAudit(tx, actor, 'credit.deleted', 'track', row.trackId, { creditId: id, personName: row.personName });
  });
}

export async function reorderCredits(db: TenantDb, actor: Actor, trackId: string, ids: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    const [track] = await tx.select({ id: tenant.tracks.id }).from(tenant.tracks).where(eq(tenant.tracks.id, trackId)).for('no key update');
    if (!track) throw notFound('track');
    const current = (await tx.select({ id: k.id }).from(k).where(eq(k.trackId, trackId))).map((r) => r.id);
    assertSameSet(current, ids, 'credits_changed');
    await writeOrder(tx, 'track_credits', ids);
    await recordAudit(tx, actor, 'credit.reordered', 'track', trackId, { ids });
  });
}

const CSV_HEADER = ['Project', 'Track number', 'Track title', 'ISRC', 'Person', 'Roles', 'Instruments', 'Split %'];

/** One row per credit per track, in track then credit order; roles and instruments joined by "; ". */
export async function exportCreditsCsv(db: TenantDb, projectId: string): Promise<{ filename: string; csv: string; rows: number }> {
  const project = await requireProject(db, projectId);
  const tr = tenant.tracks;
  const rows = await db
    .select({ number: tr.position, title: tr.title, isrc: tr.isrc, credit: k })
    .from(k)
    .innerJoin(tr, eq(tr.id, k.trackId))
    .where(and(eq(tr.projectId, projectId)))
    .orderBy(asc(tr.position), asc(tr.createdAt), asc(k.position), asc(k.createdAt));
  const lines = rows.map((r) => [
    project.name,
    String(r.number),
    r.title,
    r.isrc ? formatIsrc(r.isrc) : '',
    r.credit.personName,
    r.credit.roles.map((role) => role.replaceAll('_', ' ')).join('; '),
    r.credit.instruments.join('; '),
    r.credit.splitPercent === null ? '' : Number(r.credit.splitPercent).toFixed(2),
  ]);
  const slug =
    project.name
      .normalize('NFKD')
      .replace(/[^\w]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'project';
  return { filename: `${slug}-credits.csv`, csv: toCsv([CSV_HEADER, ...lines]), rows: lines.length };
}
