/**
 * The GDPR and merge steps of the modules that keep data about a client beside the CRM: portal
 * (activity, sessions, log-in links), sharing (links made for the client) and review (comments the
 * client wrote). Export lists them; erasure deletes or anonymises them; merging moves them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { hashToken, newToken } from '../../apps/server/src/platform/security/tokens.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, withStudioDb, type Studio } from '../support/studios.ts';

let server: TestServer;
let studio: Studio;

async function mutate<T>(path: string, input: unknown): Promise<T> {
  const result = await studio.owner.mutate<T>(path, input, studio.slug);
  expect(result.error, JSON.stringify(result.error)).toBeUndefined();
  return result.data!;
}

/** A client with portal activity, a live portal session and log-in link, a share link made for them and a comment they wrote. */
async function clientWithModuleData(name: string) {
  const clientId = (await mutate<{ id: string }>('clients.create', { name, email: `${name.toLowerCase().replace(/\W/g, '')}@example.test` })).id;
  return withStudioDb(server, studio.id, async (db) => {
    const soon = new Date(Date.now() + 3_600_000);
    await db.insert(tenant.portalActivity).values({ clientId, action: 'login', ip: '203.0.113.9' });
    await db.insert(tenant.portalSessions).values({ clientId, tokenHash: hashToken(newToken()), expiresAt: soon, userAgent: 'Firefox' });
    await db.insert(tenant.portalLoginTokens).values({ clientId, tokenHash: hashToken(newToken()), expiresAt: soon });
    const [project] = await db
      .insert(tenant.projects)
      .values({ name: `${name} EP`, currency: 'EUR' })
      .returning();
    const [track] = await db.insert(tenant.tracks).values({ projectId: project!.id, position: 1, title: 'Song' }).returning();
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
      .values({ trackId: track!.id, number: 1, fileId: file!.id, processing: 'ready', durationMs: 60_000 })
      .returning();
    const [link] = await db
      .insert(tenant.shareLinks)
      .values({
        targetKind: 'project',
        projectId: project!.id,
        tokenHash: hashToken(newToken()),
        recipientName: name,
        recipientEmail: 'them@example.test',
        clientId,
      })
      .returning();
    const [comment] = await db
      .insert(tenant.versionComments)
      .values({ versionId: version!.id, authorKind: 'client', authorId: clientId, authorName: name, body: 'Vocals louder at the chorus', atMs: 1000 })
      .returning();
    return { clientId, linkId: link!.id, commentId: comment!.id };
  });
}

beforeAll(async () => {
  server = await createTestServer();
  studio = await createStudio(server, { studioName: 'Module Data Sound' });
});

describe('GDPR steps of portal, sharing and review', () => {
  it('the export carries the portal activity, the share links and the comments', async () => {
    const { clientId } = await clientWithModuleData('Serge Export');
    const exported = await mutate<{ json: { content: string } }>('clients.gdprExport', { id: clientId });
    const data = JSON.parse(exported.json.content) as Record<string, unknown>;
    const text = JSON.stringify(data);
    expect(text).toContain('203.0.113.9');
    expect(text).toContain('them@example.test');
    expect(text).toContain('Vocals louder at the chorus');
  });

  it('erasure deletes portal data, revokes and anonymises share links, blanks the comments', async () => {
    const { clientId, linkId, commentId } = await clientWithModuleData('Serge Erase');
    await mutate('clients.erase', { id: clientId, confirmName: 'Serge Erase' });
    await withStudioDb(server, studio.id, async (db) => {
      expect(await db.select().from(tenant.portalActivity).where(eq(tenant.portalActivity.clientId, clientId))).toEqual([]);
      expect(await db.select().from(tenant.portalSessions).where(eq(tenant.portalSessions.clientId, clientId))).toEqual([]);
      expect(await db.select().from(tenant.portalLoginTokens).where(eq(tenant.portalLoginTokens.clientId, clientId))).toEqual([]);
      const [link] = await db.select().from(tenant.shareLinks).where(eq(tenant.shareLinks.id, linkId));
      expect(link).toMatchObject({ clientId: null, recipientName: '', recipientEmail: '' });
      expect(link!.revokedAt).not.toBeNull();
      const [comment] = await db.select().from(tenant.versionComments).where(eq(tenant.versionComments.id, commentId));
      expect(comment).toMatchObject({ body: '(erased)', authorName: 'Erased client' });
      expect(comment!.deletedAt).not.toBeNull();
    });
  });

  it('merging moves the activity, the share links and the comments to the survivor', async () => {
    const survivor = (await mutate<{ id: string }>('clients.create', { name: 'Serge Survivor' })).id;
    const { clientId: duplicate, linkId, commentId } = await clientWithModuleData('Serge Duplicate');
    await mutate('clients.merge', { survivorId: survivor, duplicateId: duplicate });
    await withStudioDb(server, studio.id, async (db) => {
      const activity = await db.select().from(tenant.portalActivity).where(eq(tenant.portalActivity.clientId, survivor));
      expect(activity.map((a) => a.action)).toContain('login');
      const [link] = await db.select().from(tenant.shareLinks).where(eq(tenant.shareLinks.id, linkId));
      expect(link!.clientId).toBe(survivor);
      const [comment] = await db.select().from(tenant.versionComments).where(eq(tenant.versionComments.id, commentId));
      expect(comment!.authorId).toBe(survivor);
      // The duplicate's credentials went with it.
      expect(await db.select().from(tenant.portalSessions).where(eq(tenant.portalSessions.clientId, duplicate))).toEqual([]);
    });
  });
});
