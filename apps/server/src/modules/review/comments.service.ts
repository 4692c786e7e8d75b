/**
 * Timestamped comments on a version: a point (`atMs`) or a range (`atMs`–`endMs`), threads of one
 * level (a reply to a reply joins the root's thread), resolve / reopen on the thread root, soft delete.
 *
 * The author is always passed in by the caller: staff procedures pass the logged-in member, the share
 * page / portal pass an already authorised client. So this file decides what an author may do, never
 * who the author is.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { CommentCreateInput, CommentVisibility } from '@rsm/shared/review-schemas';
import { AppError, notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadVersion } from './versions.service.ts';

export interface CommentAuthor {
  kind: 'staff' | 'client';
  /** Control-database user id (staff) or tenant client id (client). */
  id: string;
  name: string;
}

type Row = typeof tenant.versionComments.$inferSelect;

/** Review activity goes to the studio's audit log too; a client author is named in the details. */
function audit(db: Pick<TenantDb, 'insert'>, author: CommentAuthor, action: string, comment: Row, details: Record<string, unknown> = {}) {
  const who = author.kind === 'staff' ? { userId: author.id } : null;
  return recordAudit(db, who, action, 'version_comment', comment.id, {
    versionId: comment.versionId,
    authorKind: author.kind,
    ...(author.kind === 'client' ? { clientId: author.id } : {}),
    ...details,
  });
}

export interface CommentView {
  id: string;
  versionId: string;
  parentId: string | null;
  author: { kind: 'staff' | 'client'; id: string; name: string };
  body: string;
  /** Staff see both; share pages and the portal are given only 'client' comments. */
  visibility: CommentVisibility;
  atMs: number;
  endMs: number | null;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  resolvedAt: string | null;
  resolvedByName: string | null;
}

export interface CommentThread extends CommentView {
  replies: CommentView[];
}

/** A whole version's conversation is loaded at once (markers need every thread); this bounds it. */
export const MAX_COMMENTS_PER_VERSION = 2000;

export function toCommentView(row: Row): CommentView {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    versionId: row.versionId,
    parentId: row.parentId,
    author: { kind: row.authorKind, id: row.authorId, name: row.authorName },
    // A deleted comment keeps its place in a thread (replies still make sense) but not its words.
    body: deleted ? '' : row.body,
    visibility: row.visibility,
    atMs: row.atMs,
    endMs: row.endMs,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deleted,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolvedByName: row.resolvedByName,
  };
}

/** Who reads: staff see every comment; the client (share page, portal) only those shared with them. */
export type CommentAudience = 'staff' | 'client';

/**
 * Threads in time order (then creation order); replies oldest first. Deleted comments without live replies are
 * left out. For the client, a thread is there only if its first comment is shared, and only shared replies.
 */
export async function listThreads(
  db: TenantDb,
  versionId: string,
  audience: CommentAudience = 'staff',
): Promise<{ durationMs: number | null; threads: CommentThread[] }> {
  const { version } = await loadVersion(db, versionId);
  const c = tenant.versionComments;
  const rows = await db
    .select()
    .from(c)
    .where(and(eq(c.versionId, versionId), audience === 'client' ? eq(c.visibility, 'client') : undefined))
    .orderBy(asc(c.atMs), asc(c.createdAt))
    .limit(MAX_COMMENTS_PER_VERSION);
  const threads = new Map<string, CommentThread>();
  for (const row of rows) if (!row.parentId) threads.set(row.id, { ...toCommentView(row), replies: [] });
  const byCreation = [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const row of byCreation) {
    if (!row.parentId || row.deletedAt) continue;
    threads.get(row.parentId)?.replies.push(toCommentView(row));
  }
  return { durationMs: version.durationMs, threads: [...threads.values()].filter((t) => !t.deleted || t.replies.length > 0) };
}

function assertWithinVersion(durationMs: number | null, atMs: number, endMs: number | null | undefined) {
  // Comments sit on the waveform: a version that is not processed yet has no timeline to point at.
  if (durationMs === null) throw new AppError('BAD_REQUEST', 'This version is not processed yet', { reason: 'notProcessed' });
  if (endMs != null && endMs <= atMs) throw new AppError('BAD_REQUEST', 'The range must end after it starts', { reason: 'rangeOrder' });
  if (atMs > durationMs || (endMs != null && endMs > durationMs))
    throw new AppError('BAD_REQUEST', 'The position is past the end of the version', { reason: 'pastEnd', durationMs });
}

/** A client's words are always theirs to read; a staff member's are internal unless shared. */
const visibilityFor = (author: CommentAuthor, asked: CommentVisibility | undefined): CommentVisibility =>
  author.kind === 'client' ? 'client' : (asked ?? 'internal');

/** A shared reply in an internal thread would never reach the client: refused rather than silently hidden. */
function assertReplyVisible(root: Row, visibility: CommentVisibility) {
  if (visibility === 'client' && root.visibility !== 'client')
    throw new AppError('BAD_REQUEST', 'This thread is internal: share its first comment before sharing a reply', { reason: 'internalThread' });
}

export async function createComment(db: TenantDb, author: CommentAuthor, input: CommentCreateInput): Promise<CommentView> {
  const { version } = await loadVersion(db, input.versionId);
  assertWithinVersion(version.durationMs, input.atMs, input.endMs);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(tenant.versionComments)
      .values({
        versionId: version.id,
        authorKind: author.kind,
        authorId: author.id,
        authorName: author.name,
        body: input.body,
        visibility: visibilityFor(author, input.visibility),
        atMs: input.atMs,
        endMs: input.endMs ?? null,
      })
      .returning();
    await audit(tx, author, 'comment.created', row!, { atMs: row!.atMs, endMs: row!.endMs });
    return toCommentView(row!);
  });
}

async function loadComment(db: Pick<TenantDb, 'select'>, commentId: string): Promise<Row> {
  const [row] = await db.select().from(tenant.versionComments).where(eq(tenant.versionComments.id, commentId)).limit(1);
  if (!row) throw notFound('comment');
  return row;
}

export async function replyToComment(
  db: TenantDb,
  author: CommentAuthor,
  input: { parentId: string; body: string; visibility?: CommentVisibility | undefined },
): Promise<CommentView> {
  const parent = await loadComment(db, input.parentId);
  const root = parent.parentId ? await loadComment(db, parent.parentId) : parent;
  // A client does not learn that an internal thread exists: the same answer as an unknown comment.
  if (author.kind === 'client' && (root.visibility !== 'client' || parent.visibility !== 'client')) throw notFound('comment');
  if (root.deletedAt) throw new AppError('BAD_REQUEST', 'This comment was deleted', { reason: 'deleted' });
  const visibility = visibilityFor(author, input.visibility);
  assertReplyVisible(root, visibility);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(tenant.versionComments)
      .values({
        versionId: root.versionId,
        parentId: root.id,
        authorKind: author.kind,
        authorId: author.id,
        authorName: author.name,
        body: input.body,
        visibility,
        atMs: root.atMs,
        endMs: root.endMs,
      })
      .returning();
    await audit(tx, author, 'comment.replied', row!, { threadId: root.id });
    return toCommentView(row!);
  });
}

const isAuthor = (row: Row, author: CommentAuthor) => row.authorKind === author.kind && row.authorId === author.id;

/** Only the author edits or deletes their words (staff moderate by resolving, not by rewriting). */
async function loadOwnLiveComment(db: Pick<TenantDb, 'select'>, author: CommentAuthor, commentId: string): Promise<Row> {
  const row = await loadComment(db, commentId);
  if (row.deletedAt) throw new AppError('BAD_REQUEST', 'This comment was deleted', { reason: 'deleted' });
  if (!isAuthor(row, author)) throw new AppError('FORBIDDEN', 'Only its author can change a comment', { reason: 'notAuthor' });
  return row;
}

export async function editComment(db: TenantDb, author: CommentAuthor, input: { commentId: string; body: string }, now: Date): Promise<CommentView> {
  const row = await loadOwnLiveComment(db, author, input.commentId);
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(tenant.versionComments).set({ body: input.body, editedAt: now }).where(eq(tenant.versionComments.id, row.id)).returning();
    await audit(tx, author, 'comment.edited', updated!);
    return toCommentView(updated!);
  });
}

export async function deleteComment(db: TenantDb, author: CommentAuthor, commentId: string, now: Date): Promise<void> {
  const row = await loadOwnLiveComment(db, author, commentId);
  await db.transaction(async (tx) => {
    await tx
      .update(tenant.versionComments)
      .set({ deletedAt: now })
      .where(and(eq(tenant.versionComments.id, row.id), isNull(tenant.versionComments.deletedAt)));
    await audit(tx, author, 'comment.deleted', row);
  });
}

/**
 * Staff share a staff comment with the client or take it back. A client's own comment stays readable by its
 * author; making a thread internal hides its replies from the client too (they are read through their thread).
 */
export async function setCommentVisibility(db: TenantDb, author: CommentAuthor, commentId: string, visibility: CommentVisibility): Promise<CommentView> {
  const row = await loadComment(db, commentId);
  if (row.authorKind === 'client') throw new AppError('BAD_REQUEST', 'A client’s comment is always visible to them', { reason: 'clientComment' });
  if (row.parentId) assertReplyVisible(await loadComment(db, row.parentId), visibility);
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(tenant.versionComments).set({ visibility }).where(eq(tenant.versionComments.id, row.id)).returning();
    await audit(tx, author, 'comment.visibility_changed', updated!, { visibility });
    return toCommentView(updated!);
  });
}

/**
 * Resolve or reopen a thread (acting on a reply acts on its thread). Staff may, and so may the client
 * who started the thread; another client may not close someone else's point.
 */
export async function setThreadResolved(db: TenantDb, author: CommentAuthor, commentId: string, resolved: boolean, now: Date): Promise<CommentView> {
  const target = await loadComment(db, commentId);
  const root = target.parentId ? await loadComment(db, target.parentId) : target;
  if (root.deletedAt) throw new AppError('BAD_REQUEST', 'This comment was deleted', { reason: 'deleted' });
  if (author.kind === 'client' && !isAuthor(root, author))
    throw new AppError('FORBIDDEN', 'Only the studio or the comment author can resolve it', { reason: 'notAuthor' });
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(tenant.versionComments)
      .set(
        resolved
          ? { resolvedAt: now, resolvedByKind: author.kind, resolvedById: author.id, resolvedByName: author.name }
          : { resolvedAt: null, resolvedByKind: null, resolvedById: null, resolvedByName: null },
      )
      .where(eq(tenant.versionComments.id, root.id))
      .returning();
    await audit(tx, author, resolved ? 'comment.resolved' : 'comment.reopened', updated!);
    return toCommentView(updated!);
  });
}
