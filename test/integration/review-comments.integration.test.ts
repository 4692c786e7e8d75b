/**
 * Version stack rules (current, approved master: stems / unprocessed refused, audited), timestamped
 * comments (ranges inside the version, threads, own edits, soft delete, resolve / reopen rights, a
 * client author through the service), exports over the API, and the batched notice mail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import type { ApiClient } from '../support/api.ts';
import { addMember, createStudio, expectRefused, withStudioDb, type Studio } from '../support/studios.ts';
import { createComment, setThreadResolved, type CommentAuthor } from '../../apps/server/src/modules/review/comments.service.ts';
import { sendCommentNotices } from '../../apps/server/src/modules/review/review.notifications.ts';

let server: TestServer;
let studio: Studio;
let engineer: { client: ApiClient; userId: string };
let trackId: string;
let projectId: string;
const v: Record<'mix' | 'stems' | 'pending' | 'failed', string> = { mix: '', stems: '', pending: '', failed: '' };
let clientId: string;

async function insertVersion(number: number, fields: Partial<typeof tenant.trackVersions.$inferInsert>) {
  return withStudioDb(server, studio.id, async (db) => {
    const [file] = await db
      .insert(tenant.storedFiles)
      .values({
        storageKey: `studios/${studio.id}/originals/${crypto.randomUUID()}.wav`,
        originalName: `take-${number}.wav`,
        sizeBytes: 1234,
        format: 'wav',
        mimeType: 'audio/wav',
        sha256: 'a'.repeat(64),
      })
      .returning();
    const [row] = await db
      .insert(tenant.trackVersions)
      .values({ trackId, number, fileId: file!.id, uploadedBy: engineer.userId, ...fields })
      .returning();
    return row!.id;
  });
}

beforeAll(async () => {
  server = await createTestServer();
  studio = await createStudio(server, { studioName: 'Review Room' });
  engineer = await addMember(server, studio, 'engineer');
  await withStudioDb(server, studio.id, async (db) => {
    const [project] = await db.insert(tenant.projects).values({ name: 'Debut EP', currency: 'EUR' }).returning();
    projectId = project!.id;
    const [track] = await db.insert(tenant.tracks).values({ projectId, position: 1, title: 'Night Drive' }).returning();
    trackId = track!.id;
    await db.insert(tenant.projectMembers).values([{ projectId, userId: engineer.userId, role: 'mix' }]);
    const [client] = await db.insert(tenant.clients).values({ name: 'Lou Client', email: 'lou@example.test' }).returning();
    clientId = client!.id;
  });
  v.mix = await insertVersion(1, { label: 'mix', processing: 'ready', durationMs: 180_000, integratedLufs: -9.5, truePeakDb: -0.3 });
  v.stems = await insertVersion(2, { label: 'stems', processing: 'ready' });
  v.pending = await insertVersion(3, { label: 'master', processing: 'pending' });
  v.failed = await insertVersion(4, { label: 'master', processing: 'failed', processingError: 'Not an audio file' });
});
afterAll(async () => server?.close());

const audit = (action: string) => withStudioDb(server, studio.id, (db) => db.select().from(tenant.auditLog).where(eq(tenant.auditLog.action, action)));

describe('version stack', () => {
  it('lists newest first with facts, uploader name and flags', async () => {
    const list = await studio.owner.query<{
      versions: {
        id: string;
        number: number;
        uploaderName: string;
        isCurrent: boolean;
        integratedLufs: number;
        processingError: string | null;
        processingErrorCode: string | null;
        comments: { open: number };
      }[];
    }>('versions.list', { trackId }, studio.slug);
    expect(list.data!.versions.map((x) => x.number)).toEqual([4, 3, 2, 1]);
    const mix = list.data!.versions.find((x) => x.id === v.mix)!;
    expect(mix).toMatchObject({ integratedLufs: -9.5, isCurrent: false, comments: { open: 0 } });
    expect(mix.uploaderName).toBeTruthy();
    // A stored text from before error codes reads as 'unreadable', with our sentence (never the stored words).
    expect(list.data!.versions[0]).toMatchObject({ processingErrorCode: 'unreadable', processingError: expect.stringMatching(/could not be read as audio/) });
  });

  it('sets the current version (audited) and relabels without touching the audio', async () => {
    expect((await engineer.client.mutate('versions.setCurrent', { versionId: v.mix }, studio.slug)).error).toBeUndefined();
    expect(
      (await engineer.client.mutate('versions.update', { versionId: v.pending, label: 'rough_mix', note: 'Bus comp off' }, studio.slug)).error,
    ).toBeUndefined();
    const list = await studio.owner.query<{ currentVersionId: string; versions: { id: string; label: string; note: string; isCurrent: boolean }[] }>(
      'versions.list',
      { trackId },
      studio.slug,
    );
    expect(list.data!.currentVersionId).toBe(v.mix);
    expect(list.data!.versions.find((x) => x.id === v.pending)).toMatchObject({ label: 'rough_mix', note: 'Bus comp off' });
    expect(await audit('version.set_current')).toHaveLength(1);
  });

  it('approves only a processed, non-stems version as master; clearing is audited too', async () => {
    expectRefused(await studio.owner.mutate('versions.setApprovedMaster', { trackId, versionId: v.stems }, studio.slug), 'BAD_REQUEST', 400);
    expectRefused(await studio.owner.mutate('versions.setApprovedMaster', { trackId, versionId: v.failed }, studio.slug), 'BAD_REQUEST', 400);
    const pending = await studio.owner.mutate('versions.setApprovedMaster', { trackId, versionId: v.pending }, studio.slug);
    expect(pending.error?.data.params).toMatchObject({ reason: 'masterNotReady' });
    expect((await studio.owner.mutate('versions.setApprovedMaster', { trackId, versionId: v.mix }, studio.slug)).error).toBeUndefined();
    const [approved] = await audit('version.master_approved');
    expect(approved).toMatchObject({ entityId: trackId, actorUserId: studio.ownerId, details: { versionId: v.mix, number: 1 } });
    // The approved master cannot become "stems" by relabelling.
    expectRefused(await studio.owner.mutate('versions.update', { versionId: v.mix, label: 'stems' }, studio.slug), 'BAD_REQUEST', 400);
    expect((await studio.owner.mutate('versions.setApprovedMaster', { trackId, versionId: null }, studio.slug)).error).toBeUndefined();
    expect(await audit('version.master_cleared')).toHaveLength(1);
    const list = await studio.owner.query<{ approvedMasterVersionId: string | null; versions: unknown[] }>('versions.list', { trackId }, studio.slug);
    expect(list.data!.approvedMasterVersionId).toBeNull();
    expect(list.data!.versions).toHaveLength(4); // nothing deleted
  });

  it('a version of another track is not approvable on this one', async () => {
    const other = await withStudioDb(
      server,
      studio.id,
      async (db) => (await db.insert(tenant.tracks).values({ projectId, position: 2, title: 'B-side' }).returning())[0]!.id,
    );
    expectRefused(await studio.owner.mutate('versions.setApprovedMaster', { trackId: other, versionId: v.mix }, studio.slug), 'NOT_FOUND', 404);
  });
});

describe('comments', () => {
  type Thread = {
    id: string;
    atMs: number;
    endMs: number | null;
    body: string;
    deleted: boolean;
    resolvedAt: string | null;
    author: { kind: string; name: string };
    replies: { id: string; body: string }[];
  };
  const list = async () => (await studio.owner.query<{ durationMs: number; threads: Thread[] }>('comments.list', { versionId: v.mix }, studio.slug)).data!;

  it('creates point and range comments inside the version, refuses bad ranges', async () => {
    const point = await engineer.client.mutate<{ id: string }>('comments.create', { versionId: v.mix, atMs: 42_000, body: 'Snare drops out' }, studio.slug);
    expect(point.error).toBeUndefined();
    const range = await studio.owner.mutate('comments.create', { versionId: v.mix, atMs: 10_000, endMs: 20_000, body: 'Intro, too long' }, studio.slug);
    expect(range.error).toBeUndefined();
    expectRefused(
      await studio.owner.mutate('comments.create', { versionId: v.mix, atMs: 20_000, endMs: 20_000, body: 'Empty' }, studio.slug),
      'BAD_REQUEST',
      400,
    );
    const past = await studio.owner.mutate('comments.create', { versionId: v.mix, atMs: 170_000, endMs: 190_000, body: 'Past the end' }, studio.slug);
    expectRefused(past, 'BAD_REQUEST', 400);
    expect(past.error?.data.params).toMatchObject({ reason: 'pastEnd', durationMs: 180_000 });
    const unprocessed = await studio.owner.mutate('comments.create', { versionId: v.pending, atMs: 0, body: 'Too early' }, studio.slug);
    expect(unprocessed.error?.data.params).toMatchObject({ reason: 'notProcessed' });
    expectRefused(await studio.owner.mutate('comments.create', { versionId: v.mix, atMs: 1, body: '   ' }, studio.slug), 'BAD_REQUEST', 400);
    const { threads } = await list();
    expect(threads.map((t) => [t.atMs, t.endMs, t.body])).toEqual([
      [10_000, 20_000, 'Intro, too long'],
      [42_000, null, 'Snare drops out'],
    ]);
  });

  it('threads replies (a reply to a reply joins the root), edits and soft-deletes only one’s own', async () => {
    const root = (await list()).threads.find((t) => t.atMs === 42_000)!;
    const reply = await studio.owner.mutate<{ id: string; atMs: number }>(
      'comments.reply',
      { parentId: root.id, body: 'Fixed in the next bounce' },
      studio.slug,
    );
    expect(reply.data!.atMs).toBe(42_000);
    const nested = await engineer.client.mutate<{ parentId: string }>('comments.reply', { parentId: reply.data!.id, body: 'Thanks' }, studio.slug);
    expect(nested.data!.parentId).toBe(root.id);
    expectRefused(await studio.owner.mutate('comments.edit', { commentId: root.id, body: 'Rewritten by someone else' }, studio.slug), 'FORBIDDEN', 403);
    expect((await engineer.client.mutate('comments.edit', { commentId: root.id, body: 'Snare drops out at the bridge' }, studio.slug)).error).toBeUndefined();
    expectRefused(await engineer.client.mutate('comments.delete', { commentId: reply.data!.id }, studio.slug), 'FORBIDDEN', 403);
    expect((await engineer.client.mutate('comments.delete', { commentId: root.id }, studio.slug)).error).toBeUndefined();
    const thread = (await list()).threads.find((t) => t.id === root.id)!;
    // The deleted root keeps its place (its replies still make sense) but loses its words.
    expect(thread).toMatchObject({ deleted: true, body: '' });
    expect(thread.replies.map((r) => r.body)).toEqual(['Fixed in the next bounce', 'Thanks']);
    expectRefused(await engineer.client.mutate('comments.edit', { commentId: root.id, body: 'Back' }, studio.slug), 'BAD_REQUEST', 400);
    const rows = await withStudioDb(server, studio.id, (db) => db.select().from(tenant.versionComments).where(eq(tenant.versionComments.id, root.id)));
    expect(rows[0]!.body).toBe('Snare drops out at the bridge'); // soft delete: nothing lost
  });

  it('resolve / reopen: staff, and a client only on their own thread', async () => {
    const lou: CommentAuthor = { kind: 'client', id: clientId, name: 'Lou Client' };
    const other: CommentAuthor = { kind: 'client', id: crypto.randomUUID(), name: 'Someone else' };
    const own = await withStudioDb(server, studio.id, (db) =>
      createComment(db, lou, { versionId: v.mix, atMs: 90_000, endMs: 95_000, body: 'Can the vocal come up?' }),
    );
    expect(own.author).toEqual({ kind: 'client', id: clientId, name: 'Lou Client' });
    const staffThread = (await list()).threads.find((t) => t.atMs === 10_000)!;
    await expect(withStudioDb(server, studio.id, (db) => setThreadResolved(db, lou, staffThread.id, true, new Date()))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(withStudioDb(server, studio.id, (db) => setThreadResolved(db, other, own.id, true, new Date()))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const resolved = await withStudioDb(server, studio.id, (db) => setThreadResolved(db, lou, own.id, true, new Date()));
    expect(resolved.resolvedByName).toBe('Lou Client');
    const reopened = await engineer.client.mutate<{ resolvedAt: string | null }>('comments.reopen', { commentId: own.id }, studio.slug);
    expect(reopened.data!.resolvedAt).toBeNull();
    const done = await engineer.client.mutate<{ resolvedAt: string | null; resolvedByName: string }>('comments.resolve', { commentId: own.id }, studio.slug);
    expect(done.data!.resolvedAt).not.toBeNull();
    const counts = await studio.owner.query<{ versions: { id: string; comments: { open: number; resolved: number } }[] }>(
      'versions.list',
      { trackId },
      studio.slug,
    );
    expect(counts.data!.versions.find((x) => x.id === v.mix)!.comments).toEqual({ open: 1, resolved: 1 }); // the deleted thread is not counted
  });

  it('exports the comments as CSV, Audacity labels and a REAPER marker list', async () => {
    const get = async (format: string, includeResolved = true) =>
      (
        await studio.owner.query<{ filename: string; content: string; mimeType: string }>(
          'comments.export',
          { versionId: v.mix, format, includeResolved },
          studio.slug,
        )
      ).data!;
    const csv = await get('csv');
    expect(csv.filename).toBe('Night-Drive-v1-comments.csv');
    expect(csv.content).toBe(
      'Time,End,Author,Text,Status\r\n' +
        '0:00:10.000,0:00:20.000,Ada Owner,"Intro, too long",open\r\n' +
        '0:01:30.000,0:01:35.000,Lou Client,Can the vocal come up?,resolved\r\n',
    );
    expect((await get('audacity')).content).toBe(
      '10.000000\t20.000000\tAda Owner: Intro, too long\n90.000000\t95.000000\tLou Client: Can the vocal come up?\n',
    );
    expect((await get('reaper', false)).content).toBe('#,Name,Start,End,Length\r\nR1,"Ada Owner: Intro, too long",0:10.000,0:20.000,0:10.000\r\n');
  });
});

describe('notification', () => {
  it('schedules one batched job and mails the project engineer and the uploader, never the author', async () => {
    const quiet = await createStudio(server, { studioName: 'Notify Room' });
    const engineerB = await addMember(server, quiet, 'engineer');
    const ids = await withStudioDb(server, quiet.id, async (db) => {
      const [project] = await db.insert(tenant.projects).values({ name: 'Album', currency: 'EUR' }).returning();
      const [track] = await db.insert(tenant.tracks).values({ projectId: project!.id, position: 1, title: 'Opener' }).returning();
      await db.insert(tenant.projectMembers).values([
        { projectId: project!.id, userId: engineerB.userId },
        { projectId: project!.id, userId: quiet.ownerId },
      ]);
      const [file] = await db
        .insert(tenant.storedFiles)
        .values({ storageKey: `k/${crypto.randomUUID()}`, originalName: 'o.wav', sizeBytes: 1, format: 'wav', mimeType: 'audio/wav', sha256: 'b'.repeat(64) })
        .returning();
      const [version] = await db
        .insert(tenant.trackVersions)
        .values({ trackId: track!.id, number: 1, fileId: file!.id, processing: 'ready', durationMs: 60_000, uploadedBy: engineerB.userId })
        .returning();
      return { versionId: version!.id };
    });
    await quiet.owner.mutate('comments.create', { versionId: ids.versionId, atMs: 1000, body: 'First note' }, quiet.slug);
    await quiet.owner.mutate('comments.create', { versionId: ids.versionId, atMs: 2000, endMs: 3000, body: 'Second note' }, quiet.slug);
    const jobs = await server.runtime.control.pool.query(
      `SELECT start_after FROM pgboss.job WHERE name = 'review.comments-notify' AND data->>'versionId' = $1`,
      [ids.versionId],
    );
    expect(jobs.rows.length).toBeGreaterThan(0);
    for (const row of jobs.rows as { start_after: Date }[]) expect(row.start_after.getTime() % 60_000).toBe(0);

    expect(await sendCommentNotices(server.platform, quiet.id, ids.versionId)).toBe(1);
    expect(await sendCommentNotices(server.platform, quiet.id, ids.versionId)).toBe(0); // claimed once
    const engineerEmail = (await server.platform.controlDb.select().from(control.users).where(eq(control.users.id, engineerB.userId)))[0]!.email;
    const mails = await server.platform.controlDb
      .select()
      .from(control.mailOutbox)
      .where(and(eq(control.mailOutbox.template, 'review-comments'), eq(control.mailOutbox.studioId, quiet.id)));
    expect(mails.map((m) => m.toAddress)).toEqual([engineerEmail]); // not the owner, who wrote them
    expect(mails[0]!.subject).toContain('2 new comments on Opener');
    expect(mails[0]!.textBody).toContain('0:01.000 — Ada Owner: First note');
    expect(mails[0]!.textBody).toContain('0:02.000–0:03.000 — Ada Owner: Second note');

    // A reply by the engineer goes to the owner (a project member), not back to the engineer.
    const [first] = (await quiet.owner.query<{ threads: { id: string }[] }>('comments.list', { versionId: ids.versionId }, quiet.slug)).data!.threads;
    await engineerB.client.mutate('comments.reply', { parentId: first!.id, body: 'On it' }, quiet.slug);
    expect(await sendCommentNotices(server.platform, quiet.id, ids.versionId)).toBe(1);
    const ownerMail = await server.platform.controlDb
      .select()
      .from(control.mailOutbox)
      .where(and(eq(control.mailOutbox.template, 'review-comments'), eq(control.mailOutbox.toAddress, quiet.ownerEmail)));
    expect(ownerMail).toHaveLength(1);
    expect(ownerMail[0]!.textBody).toContain('(reply): On it');
  });

  it('the job runner sends the batch when the minute is over', async () => {
    const busy = await createStudio(server, { studioName: 'Runner Room' });
    const engineerC = await addMember(server, busy, 'engineer');
    const versionId = await withStudioDb(server, busy.id, async (db) => {
      const [project] = await db.insert(tenant.projects).values({ name: 'Single', currency: 'EUR' }).returning();
      const [track] = await db.insert(tenant.tracks).values({ projectId: project!.id, position: 1, title: 'Hook' }).returning();
      await db.insert(tenant.projectMembers).values({ projectId: project!.id, userId: engineerC.userId });
      const [file] = await db
        .insert(tenant.storedFiles)
        .values({ storageKey: `k/${crypto.randomUUID()}`, originalName: 'h.wav', sizeBytes: 1, format: 'wav', mimeType: 'audio/wav', sha256: 'c'.repeat(64) })
        .returning();
      const [version] = await db
        .insert(tenant.trackVersions)
        .values({ trackId: track!.id, number: 1, fileId: file!.id, processing: 'ready', durationMs: 30_000 })
        .returning();
      return version!.id;
    });
    const realNow = server.platform.clock.now;
    // The batch window is already over by the database's clock, so the job is due at once.
    server.platform.clock.now = () => new Date(Date.now() - 120_000);
    try {
      expect((await busy.owner.mutate('comments.create', { versionId, atMs: 500, body: 'Chorus needs lift' }, busy.slug)).error).toBeUndefined();
    } finally {
      server.platform.clock.now = realNow;
    }
    const email = (await server.platform.controlDb.select().from(control.users).where(eq(control.users.id, engineerC.userId)))[0]!.email;
    const deadline = Date.now() + 20_000;
    let rows: (typeof control.mailOutbox.$inferSelect)[] = [];
    while (rows.length === 0 && Date.now() < deadline) {
      rows = await server.platform.controlDb
        .select()
        .from(control.mailOutbox)
        .where(and(eq(control.mailOutbox.toAddress, email), eq(control.mailOutbox.template, 'review-comments')));
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textBody).toContain('Chorus needs lift');
  });
});
