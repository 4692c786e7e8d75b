/**
 * Who reads a comment: staff comments are internal unless staff share them with the client; share pages and
 * the portal show only comments shared with the client (clients' own always are); staff see every comment
 * with its visibility and may switch their own side's; and the migration keeps the threads a client already
 * took part in visible to them while every other existing staff comment becomes internal.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChain, tenant } from '@rsm/db';
import { ApiClient, uniqueEmail } from '../support/api.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { insertClient, logInByLink, newBrowser, type PortalBrowser } from '../support/portal.ts';
import { insertProcessedVersion } from '../support/review.ts';
import { addMember, createStudio, expectRefused, freshIp, withStudioDb, type Member, type Studio } from '../support/studios.ts';

let server: TestServer;
let studio: Studio;
let engineer: Member;
let versionId: string;
let token: string;
let linkId: string;
let portal: PortalBrowser;

type Comment = { id: string; body: string; visibility: string; author: { kind: string } };
type Threads = { threads: (Comment & { replies: Comment[] })[] };

beforeAll(async () => {
  server = await createTestServer();
  studio = await createStudio(server, { studioName: 'Visibility Room' });
  engineer = await addMember(server, studio, 'engineer');
  const email = uniqueEmail('listener');
  const clientId = await insertClient(server, studio.id, { name: 'Lou Listener', email });
  versionId = await insertProcessedVersion(server, studio.id, { project: 'Quiet EP', track: 'Hush', clientId, uploadedBy: engineer.userId });
  const created = await studio.owner.mutate<{ id: string; url: string }[]>(
    'sharing.create',
    { target: { kind: 'version', id: versionId }, recipients: [{ name: 'Lou Listener', clientId }] },
    studio.slug,
  );
  expect(created.error, JSON.stringify(created.error)).toBeUndefined();
  token = created.data![0]!.url.split('/').at(-1)!;
  linkId = created.data![0]!.id;
  portal = newBrowser(server, studio.slug);
  await logInByLink(server, portal, email);
});
afterAll(async () => server?.close());

const visitor = () => new ApiClient(server.app, { ip: freshIp() });

async function staffView(): Promise<Comment[]> {
  const list = await engineer.client.query<Threads>('comments.list', { versionId }, studio.slug);
  expect(list.error, JSON.stringify(list.error)).toBeUndefined();
  return list.data!.threads.flatMap((t) => [t, ...t.replies]);
}

/** Every comment body the client can read, on the share page and in the portal (both must agree). */
async function clientView(): Promise<string[]> {
  const shared = await visitor().query<Threads>('share.comments', { token, versionId }, studio.slug);
  expect(shared.error, JSON.stringify(shared.error)).toBeUndefined();
  const inPortal = await portal.query<Threads>('portalShares.comments', { linkId, versionId });
  expect(inPortal.error, JSON.stringify(inPortal.error)).toBeUndefined();
  const bodies = (threads: Threads) => threads.threads.flatMap((t) => [t.body, ...t.replies.map((r) => r.body)]).sort();
  expect(bodies(inPortal.data!)).toEqual(bodies(shared.data!));
  return bodies(shared.data!);
}

async function staffComment(body: string, visibility?: 'internal' | 'client') {
  const created = await engineer.client.mutate<Comment>('comments.create', { versionId, atMs: 1000, body, ...(visibility ? { visibility } : {}) }, studio.slug);
  expect(created.error, JSON.stringify(created.error)).toBeUndefined();
  return created.data!;
}

describe('staff comments', () => {
  it('are internal by default: staff see them, the share page and the portal do not', async () => {
    const note = await staffComment('Vocal is flat at 0:42, fix before the client hears it');
    expect(note.visibility).toBe('internal');
    expect((await staffView()).find((c) => c.id === note.id)?.visibility).toBe('internal');
    expect(await clientView()).not.toContain(note.body);
  });

  it('shared with the client, they show on the share page and in the portal', async () => {
    const shared = await staffComment('Here is the new mix with the louder chorus', 'client');
    expect(shared.visibility).toBe('client');
    expect(await clientView()).toContain(shared.body);
  });

  it('can be switched either way by staff, and a client’s own comment stays the client’s', async () => {
    const note = await staffComment('Switch me');
    const shared = await engineer.client.mutate<Comment>('comments.setVisibility', { commentId: note.id, visibility: 'client' }, studio.slug);
    expect(shared.data?.visibility).toBe('client');
    expect(await clientView()).toContain('Switch me');
    await studio.owner.mutate('comments.setVisibility', { commentId: note.id, visibility: 'internal' }, studio.slug);
    expect(await clientView()).not.toContain('Switch me');

    const mine = await visitor().mutate<Comment>('share.comment', { token, versionId, atMs: 5000, body: 'Client words' }, studio.slug);
    expectRefused(
      await engineer.client.mutate('comments.setVisibility', { commentId: mine.data!.id, visibility: 'internal' }, studio.slug),
      'BAD_REQUEST',
      400,
    );
  });
});

describe('a thread with the client', () => {
  it('the client’s comment is shared; staff replies are internal unless shared, and only in a shared thread', async () => {
    const question = await visitor().mutate<Comment>('share.comment', { token, versionId, atMs: 2000, body: 'Can the bass come up?' }, studio.slug);
    expect(question.data?.visibility).toBe('client');
    const aside = await engineer.client.mutate<Comment>('comments.reply', { parentId: question.data!.id, body: 'Bass is fine, ignore' }, studio.slug);
    expect(aside.data?.visibility).toBe('internal');
    const answer = await engineer.client.mutate<Comment>(
      'comments.reply',
      { parentId: question.data!.id, body: 'Bass up 2 dB in v2', visibility: 'client' },
      studio.slug,
    );
    expect(answer.data?.visibility).toBe('client');
    const seen = await clientView();
    expect(seen).toEqual(expect.arrayContaining(['Can the bass come up?', 'Bass up 2 dB in v2']));
    expect(seen).not.toContain('Bass is fine, ignore');

    const internal = await staffComment('Internal thread');
    expectRefused(
      await engineer.client.mutate('comments.reply', { parentId: internal.id, body: 'Shared reply', visibility: 'client' }, studio.slug),
      'BAD_REQUEST',
      400,
    );
  });

  it('a client cannot reply to, or learn of, an internal thread', async () => {
    const internal = await staffComment('Private thread');
    expectRefused(
      await visitor().mutate('share.comment', { token, versionId, atMs: 1000, body: 'Sneaky', parentId: internal.id }, studio.slug),
      'NOT_FOUND',
      404,
    );
    expectRefused(await portal.mutate('portalShares.comment', { linkId, versionId, atMs: 1000, body: 'Sneaky', parentId: internal.id }), 'NOT_FOUND', 404);
  });
});

describe('the migration', () => {
  it('keeps threads a client took part in visible to the client and makes other staff comments internal', async () => {
    const migration = loadChain('tenant').find((m) => m.tag.endsWith('client_identity_comment_visibility'))!;
    const ids = await withStudioDb(server, studio.id, async (db) => {
      const c = tenant.versionComments;
      const base = { versionId, atMs: 9000, authorName: 'Someone', visibility: 'internal' as const };
      const [staffRoot] = await db
        .insert(c)
        .values({ ...base, authorKind: 'staff', authorId: engineer.userId, body: 'old staff root' })
        .returning();
      const [staffReply] = await db
        .insert(c)
        .values({ ...base, parentId: staffRoot!.id, authorKind: 'staff', authorId: engineer.userId, body: 'old staff reply' })
        .returning();
      const [talkRoot] = await db
        .insert(c)
        .values({ ...base, authorKind: 'staff', authorId: engineer.userId, body: 'old shared root' })
        .returning();
      const [clientReply] = await db
        .insert(c)
        .values({ ...base, parentId: talkRoot!.id, authorKind: 'client', authorId: crypto.randomUUID(), body: 'old client reply' })
        .returning();
      const [staffAnswer] = await db
        .insert(c)
        .values({ ...base, parentId: talkRoot!.id, authorKind: 'staff', authorId: engineer.userId, body: 'old staff answer' })
        .returning();
      await db.transaction(async (tx) => {
        for (const statement of migration.statements) await tx.execute(sql.raw(statement));
      });
      const rows = await db
        .select({ id: c.id, visibility: c.visibility })
        .from(c)
        .where(inArray(c.id, [staffRoot!.id, staffReply!.id, talkRoot!.id, clientReply!.id, staffAnswer!.id]));
      return Object.fromEntries(rows.map((r) => [r.id, r.visibility])) as Record<string, string>;
    });
    expect(Object.values(ids).sort()).toEqual(['client', 'client', 'client', 'internal', 'internal']);
    const byBody = await withStudioDb(server, studio.id, (db) =>
      db
        .select({ body: tenant.versionComments.body, visibility: tenant.versionComments.visibility })
        .from(tenant.versionComments)
        .where(eq(tenant.versionComments.atMs, 9000)),
    );
    expect(Object.fromEntries(byBody.map((r) => [r.body, r.visibility]))).toEqual({
      'old staff root': 'internal',
      'old staff reply': 'internal',
      'old shared root': 'client',
      'old client reply': 'client',
      'old staff answer': 'client',
    });
  });
});
