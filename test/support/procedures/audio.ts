/** Audio procedures (upload configuration, signed file URLs). Target: a track with one stored version. */
import { randomUUID } from 'node:crypto';
import { tenant } from '@rsm/db';
import type { StudioProcedure, Targets } from '../studio-procedures.ts';
import type { TestServer } from '../platform.ts';
import { withStudioDb, type Studio } from '../studios.ts';

export const procedures: StudioProcedure[] = [
  { path: 'audio.uploadConfig', kind: 'query', permission: 'projects:write', input: () => undefined },
  { path: 'audio.versionUrls', kind: 'query', permission: 'projects:read', input: (t) => ({ versionId: t.extra.audioVersionId }) },
];

export async function createTargets(server: TestServer, studio: Studio, _base: Targets): Promise<Record<string, string>> {
  return withStudioDb(server, studio.id, async (db) => {
    const [project] = await db.insert(tenant.projects).values({ name: 'Audio target', currency: 'EUR' }).returning({ id: tenant.projects.id });
    const [track] = await db
      .insert(tenant.tracks)
      .values({ projectId: project!.id, position: 1, title: 'Audio target song' })
      .returning({ id: tenant.tracks.id });
    const [file] = await db
      .insert(tenant.storedFiles)
      .values({
        storageKey: `studios/${studio.id}/originals/${randomUUID()}.wav`,
        originalName: 'audio-target.wav',
        sizeBytes: 1000,
        format: 'wav',
        mimeType: 'audio/wav',
        sha256: '0'.repeat(64),
      })
      .returning({ id: tenant.storedFiles.id });
    const [version] = await db
      .insert(tenant.trackVersions)
      .values({ trackId: track!.id, number: 1, label: 'mix', fileId: file!.id, processing: 'ready' })
      .returning({ id: tenant.trackVersions.id });
    return { audioTrackId: track!.id, audioVersionId: version!.id };
  });
}
