/**
 * Clients' comments on shared items, from the share page or the portal, through the review module's
 * comments service. Here we only decide who the author is and that the version is one the link shows:
 * a link of a client comments as that client; a link with only a recipient's name comments as that
 * recipient (the link id is the author id, so they can edit their own words and nobody else's).
 */
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { createComment, listThreads, replyToComment, type CommentAuthor } from '../review/comments.service.ts';
import { versionReachableByLink, type ShareLinkRow } from './share-view.ts';
import { linkNotValid } from './share-access.service.ts';

export async function commentAuthorOfLink(db: TenantDb, link: ShareLinkRow): Promise<CommentAuthor | null> {
  if (link.clientId) {
    const [client] = await db.select({ name: tenant.clients.name }).from(tenant.clients).where(eq(tenant.clients.id, link.clientId));
    if (client) return { kind: 'client', id: link.clientId, name: client.name };
  }
  const name = link.recipientName.trim();
  return name ? { kind: 'client', id: link.id, name } : null;
}

async function assertReachable(db: TenantDb, link: ShareLinkRow, versionId: string) {
  if (!(await versionReachableByLink(db, link, versionId))) throw linkNotValid();
}

/** Only what the studio shared with the client: internal staff comments never reach a share page or the portal. */
export async function listShareComments(db: TenantDb, link: ShareLinkRow, versionId: string) {
  await assertReachable(db, link, versionId);
  return listThreads(db, versionId, 'client');
}

/** `as` = the author when already known (the logged-in portal client); else the link's recipient. */
export async function addShareComment(
  db: TenantDb,
  link: ShareLinkRow,
  input: { versionId: string; body: string; atMs: number; endMs?: number | null; parentId?: string | null },
  as?: CommentAuthor,
) {
  await assertReachable(db, link, input.versionId);
  const author = as ?? (await commentAuthorOfLink(db, link));
  if (!author) throw new AppError('FORBIDDEN', 'Comments need a named recipient on this link', { reason: 'share_anonymous' });
  if (input.parentId) {
    const [parent] = await db
      .select({ versionId: tenant.versionComments.versionId })
      .from(tenant.versionComments)
      .where(eq(tenant.versionComments.id, input.parentId));
    if (!parent || parent.versionId !== input.versionId) throw new AppError('NOT_FOUND', 'comment not found', { what: 'comment' });
    return replyToComment(db, author, { parentId: input.parentId, body: input.body });
  }
  return createComment(db, author, { versionId: input.versionId, body: input.body, atMs: input.atMs, endMs: input.endMs ?? null });
}
