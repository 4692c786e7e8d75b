/**
 * Sharing procedures (share links, deliverables). Targets: a project with a track and a version, and a
 * live share link of that version, inserted directly.
 */
import { tenant } from '@rsm/db';
import { hashToken, newToken } from '../../../apps/server/src/platform/security/tokens.ts';
import type { StudioProcedure, Targets } from '../studio-procedures.ts';
import type { TestServer } from '../platform.ts';
import { withStudioDb, type Studio } from '../studios.ts';

export const procedures: StudioProcedure[] = [
  { path: 'sharing.list', kind: 'query', permission: 'projects:read', input: (t) => ({ target: { kind: 'project', id: t.extra.shareProjectId } }) },
  { path: 'sharing.activity', kind: 'query', permission: 'projects:read', input: (t) => ({ id: t.extra.shareLinkId }) },
  {
    path: 'sharing.create',
    kind: 'mutation',
    permission: 'projects:write',
    input: (t) => ({
      target: { kind: 'version', id: t.extra.shareVersionId },
      recipients: [{ name: 'Injected', email: 'injected@example.test' }],
      allowDownload: true,
    }),
  },
  { path: 'sharing.revoke', kind: 'mutation', permission: 'projects:write', input: (t) => ({ id: t.extra.shareLinkId }) },
  { path: 'sharing.setExpiry', kind: 'mutation', permission: 'projects:write', input: (t) => ({ id: t.extra.shareLinkId, expiresAt: '2099-01-01T00:00:00Z' }) },
  { path: 'deliverables.status', kind: 'query', permission: 'projects:read', input: (t) => ({ versionId: t.extra.shareVersionId }) },
  {
    path: 'deliverables.setReleaseWhenPaid',
    kind: 'mutation',
    permission: 'projects:write',
    input: (t) => ({ versionId: t.extra.shareVersionId, releaseWhenPaid: true }),
  },
];

export async function createTargets(server: TestServer, studio: Studio, _base: Targets): Promise<Record<string, string>> {
  return withStudioDb(server, studio.id, async (db) => {
    const [project] = await db.insert(tenant.projects).values({ name: 'Share target', currency: 'EUR' }).returning({ id: tenant.projects.id });
    const [track] = await db.insert(tenant.tracks).values({ projectId: project!.id, position: 1, title: 'Shared song' }).returning({ id: tenant.tracks.id });
    const [file] = await db
      .insert(tenant.storedFiles)
      .values({
        storageKey: `studios/${studio.id}/originals/${crypto.randomUUID()}.wav`,
        originalName: 'shared.wav',
        sizeBytes: 1000,
        format: 'wav',
        mimeType: 'audio/wav',
        sha256: '0'.repeat(64),
      })
      .returning({ id: tenant.storedFiles.id });
    const [version] = await db
      .insert(tenant.trackVersions)
      .values({ trackId: track!.id, number: 1, fileId: file!.id, processing: 'ready', durationMs: 60_000 })
      .returning({ id: tenant.trackVersions.id });
    const [link] = await db
      .insert(tenant.shareLinks)
      .values({
        targetKind: 'version',
        projectId: project!.id,
        trackId: track!.id,
        versionId: version!.id,
        tokenHash: hashToken(newToken()),
        recipientName: 'Target',
      })
      .returning({ id: tenant.shareLinks.id });
    return { shareProjectId: project!.id, shareTrackId: track!.id, shareVersionId: version!.id, shareLinkId: link!.id };
  });
}
