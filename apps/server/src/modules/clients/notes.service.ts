/**
 * The notes timeline of a client: staff write notes, newest first, with author and date. Authors edit
 * and delete their own notes; owners and managers may delete anyone's (moderation), never edit them.
 */
import { and, count, desc, eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { userNames } from '../members/user-names.ts';
import type { Actor } from '../studios/studio-context.ts';
import { liveClient, toIso } from './clients.service.ts';

const n = tenant.clientNotes;
const MODERATORS = ['owner', 'manager'];

export async function listNotes(platform: Platform, db: TenantDb, actor: Actor, clientId: string, page: number, pageSize: number) {
  await liveClient(db, clientId);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(n)
      .where(eq(n.clientId, clientId))
      .orderBy(desc(n.createdAt), desc(n.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(n).where(eq(n.clientId, clientId)),
  ]);
  const names = await userNames(
    platform,
    rows.map((r) => r.authorUserId),
  );
  return {
    total: total?.n ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      body: r.body,
      authorUserId: r.authorUserId,
      authorName: r.authorUserId ? (names.get(r.authorUserId) ?? null) : null,
      createdAt: toIso(r.createdAt)!,
      updatedAt: toIso(r.updatedAt)!,
      edited: r.updatedAt.getTime() !== r.createdAt.getTime(),
      canEdit: r.authorUserId === actor.userId,
      canDelete: r.authorUserId === actor.userId || MODERATORS.includes(actor.role),
    })),
  };
}

export async function addNote(db: TenantDb, actor: Actor, clientId: string, body: string) {
  await liveClient(db, clientId);
  const [row] = await db.insert(n).values({ clientId, body, authorUserId: actor.userId }).returning({ id: n.id });
  await recordAudit(db, actor, 'client.note_added', 'client', clientId, { noteId: row!.id });
  return row!;
}

async function ownNote(db: TenantDb, actor: Actor, id: string, moderate: boolean) {
  const [note] = await db.select().from(n).where(eq(n.id, id));
  if (!note) throw notFound('note');
  if (note.authorUserId !== actor.userId && !(moderate && MODERATORS.includes(actor.role))) throw forbidden('Only the author can change this note');
  return note;
}

export async function editNote(db: TenantDb, actor: Actor, id: string, body: string) {
  const note = await ownNote(db, actor, id, false);
  await db
    .update(n)
    .set({ body, updatedAt: new Date() })
    .where(and(eq(n.id, id), eq(n.clientId, note.clientId)));
  await recordAudit(db, actor, 'client.note_edited', 'client', note.clientId, { noteId: id });
}

export async function deleteNote(db: TenantDb, actor: Actor, id: string) {
  const note = await ownNote(db, actor, id, true);
  await db.delete(n).where(eq(n.id, id));
  await recordAudit(db, actor, 'client.note_deleted', 'client', note.clientId, { noteId: id });
}
