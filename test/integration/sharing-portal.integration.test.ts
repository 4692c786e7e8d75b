/**
 * Shared items in the client portal: a client sees the live links made for them and for a company
 * whose items they may see — never another client's, a revoked or expired one, nor another studio's —
 * opens one (same view as the share page, payment gate included), plays it and comments as themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { uniqueEmail } from '../support/api.ts';
import { createStudio, expectRefused, withStudioDb, type Studio } from '../support/studios.ts';
import { insertClient, logInByLink, newBrowser, type PortalBrowser } from '../support/portal.ts';

let server: TestServer;
let a: Studio;
let b: Studio;
const ids = {} as Record<string, string>;
let x: PortalBrowser;
let z: PortalBrowser;

async function insertContent(studio: Studio) {
  return withStudioDb(server, studio.id, async (db) => {
    const [project] = await db
      .insert(tenant.projects)
      .values({ name: `EP of ${studio.slug}`, currency: 'EUR' })
      .returning();
    const [track] = await db.insert(tenant.tracks).values({ projectId: project!.id, position: 1, title: 'Single' }).returning();
    const [file] = await db
      .insert(tenant.storedFiles)
      .values({
        storageKey: `studios/${studio.id}/originals/${crypto.randomUUID()}.wav`,
        originalName: 'a.wav',
        sizeBytes: 10,
        format: 'wav',
        mimeType: 'audio/wav',
        sha256: '0'.repeat(64),
      })
      .returning();
    const [version] = await db
      .insert(tenant.trackVersions)
      .values({ trackId: track!.id, number: 1, fileId: file!.id, processing: 'ready', durationMs: 120_000 })
      .returning();
    return { project: project!.id, track: track!.id, version: version!.id };
  });
}

async function shareWith(studio: Studio, target: { kind: string; id: string }, clientId: string | null, extra: Record<string, unknown> = {}) {
  const created = await studio.owner.mutate<{ id: string }[]>('sharing.create', { target, clientId, allowDownload: true, ...extra }, studio.slug);
  expect(created.error, JSON.stringify(created.error)).toBeUndefined();
  return created.data![0]!.id;
}

beforeAll(async () => {
  server = await createTestServer();
  [a, b] = [await createStudio(server, { studioName: 'Portal Share A' }), await createStudio(server, { studioName: 'Portal Share B' })];
  const emails = { x: uniqueEmail('x'), y: uniqueEmail('y'), z: uniqueEmail('z') };
  ids.x = await insertClient(server, a.id, { name: 'Xavier', email: emails.x });
  ids.y = await insertClient(server, a.id, { name: 'Yasmine', email: emails.y });
  ids.z = await insertClient(server, a.id, { name: 'Zoé', email: emails.z });
  ids.label = await insertClient(server, a.id, { name: 'Label Co', kind: 'company', email: uniqueEmail('label') });
  ids.xInB = await insertClient(server, b.id, { name: 'Xavier at B', email: emails.x });
  await withStudioDb(server, a.id, (db) =>
    db.insert(tenant.clientContacts).values([
      { companyId: ids.label!, personId: ids.x!, canSeeCompanyItems: true },
      { companyId: ids.label!, personId: ids.z!, canSeeCompanyItems: false },
    ]),
  );
  const content = await insertContent(a);
  const contentB = await insertContent(b);
  ids.version = content.version;
  ids.forX = await shareWith(a, { kind: 'version', id: content.version }, ids.x, { password: 'not needed in portal' });
  ids.forLabel = await shareWith(a, { kind: 'project', id: content.project }, ids.label);
  ids.forY = await shareWith(a, { kind: 'track', id: content.track }, ids.y);
  ids.revokedForX = await shareWith(a, { kind: 'track', id: content.track }, ids.x);
  await a.owner.mutate('sharing.revoke', { id: ids.revokedForX }, a.slug);
  ids.expiredForX = await shareWith(a, { kind: 'track', id: content.track }, ids.x, { expiresAt: new Date(Date.now() + 60_000).toISOString() });
  await withStudioDb(server, a.id, (db) =>
    db
      .update(tenant.shareLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(tenant.shareLinks.id, ids.expiredForX!)),
  );
  ids.inB = await shareWith(b, { kind: 'version', id: contentB.version }, ids.xInB);
  x = newBrowser(server, a.slug);
  await logInByLink(server, x, emails.x);
  z = newBrowser(server, a.slug);
  await logInByLink(server, z, emails.z);
});
afterAll(async () => server?.close());

describe('shared with you', () => {
  it('lists the client’s own and their visible companies’ live links only', async () => {
    const listed = await x.query<{ linkId: string; companyName: string | null }[]>('portalShares.list');
    expect(listed.data!.map((l) => l.linkId).sort()).toEqual([ids.forX, ids.forLabel].sort());
    expect(listed.data!.find((l) => l.linkId === ids.forLabel)?.companyName).toBe('Label Co');
    // Z is a contact of the label without the right to its items.
    expect((await z.query<unknown[]>('portalShares.list')).data).toEqual([]);
  });

  it('opens its own items without the link password, and refuses others’ like an invalid link', async () => {
    const opened = await x.query<{ tracks: { versions: { id: string; download: { state: string } }[] }[]; canComment: boolean }>('portalShares.open', {
      linkId: ids.forX,
    });
    expect(opened.data?.tracks[0]!.versions[0]!.id).toBe(ids.version);
    expect(opened.data?.tracks[0]!.versions[0]!.download.state).toBe('available');
    for (const other of [ids.forY, ids.revokedForX, ids.expiredForX, ids.inB])
      expectRefused(await x.query('portalShares.open', { linkId: other }), 'TOKEN_INVALID', 400);
    expectRefused(await z.query('portalShares.open', { linkId: ids.forLabel }), 'TOKEN_INVALID', 400);
    // Without a portal session nothing answers.
    expectRefused(await newBrowser(server, a.slug).query('portalShares.list'), 'UNAUTHORIZED', 401);
  });

  it('applies the payment gate in the portal too', async () => {
    await a.owner.mutate('deliverables.setReleaseWhenPaid', { versionId: ids.version, releaseWhenPaid: true, invoiceId: crypto.randomUUID() }, a.slug);
    const opened = await x.query<{ tracks: { versions: { download: { state: string } }[] }[] }>('portalShares.open', { linkId: ids.forX });
    expect(opened.data?.tracks[0]!.versions[0]!.download.state).toBe('locked');
    await a.owner.mutate('deliverables.setReleaseWhenPaid', { versionId: ids.version, releaseWhenPaid: false }, a.slug);
  });

  it('counts plays on the link and comments as the logged-in client, visible to staff', async () => {
    expect((await x.mutate('portalShares.recordPlay', { linkId: ids.forLabel, versionId: ids.version })).error).toBeUndefined();
    const comment = await x.mutate<{ author: { kind: string; id: string; name: string } }>('portalShares.comment', {
      linkId: ids.forLabel,
      versionId: ids.version,
      atMs: 1500,
      body: 'Louder vocals here',
    });
    expect(comment.data?.author).toEqual({ kind: 'client', id: ids.x, name: 'Xavier' });
    const staffView = await a.owner.query<{ threads: { body: string; author: { kind: string } }[] }>('comments.list', { versionId: ids.version }, a.slug);
    expect(staffView.data?.threads.map((t) => [t.body, t.author.kind])).toContainEqual(['Louder vocals here', 'client']);
    const project = await a.owner.query<{ id: string; playCount: number }[]>(
      'sharing.list',
      { target: { kind: 'project', id: await projectOf(ids.version!) } },
      a.slug,
    );
    expect(project.data!.find((l) => l.id === ids.forLabel)?.playCount).toBe(1);
  });
});

async function projectOf(versionId: string): Promise<string> {
  return withStudioDb(server, a.id, async (db) => {
    const [row] = await db
      .select({ projectId: tenant.tracks.projectId })
      .from(tenant.trackVersions)
      .innerJoin(tenant.tracks, eq(tenant.tracks.id, tenant.trackVersions.trackId))
      .where(eq(tenant.trackVersions.id, versionId));
    return row!.projectId;
  });
}
