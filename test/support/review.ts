/** A client's project with one track and a processed version (a WAV that needs no audio job), for review and sharing suites. */
import { tenant } from '@rsm/db';
import type { TestServer } from './platform.ts';
import { withStudioDb } from './studios.ts';

export async function insertProcessedVersion(
  server: TestServer,
  studioId: string,
  fields: { project: string; track: string; clientId: string | null; number?: number; uploadedBy?: string },
): Promise<string> {
  return withStudioDb(server, studioId, async (db) => {
    const [project] = await db.insert(tenant.projects).values({ name: fields.project, currency: 'EUR', clientId: fields.clientId }).returning();
    const [track] = await db.insert(tenant.tracks).values({ projectId: project!.id, position: 1, title: fields.track }).returning();
    const [file] = await db
      .insert(tenant.storedFiles)
      .values({
        storageKey: `studios/${studioId}/originals/${crypto.randomUUID()}.wav`,
        originalName: `${fields.track}.wav`,
        sizeBytes: 1234,
        format: 'wav',
        mimeType: 'audio/wav',
        sha256: 'a'.repeat(64),
      })
      .returning();
    const [version] = await db
      .insert(tenant.trackVersions)
      .values({
        trackId: track!.id,
        number: fields.number ?? 1,
        fileId: file!.id,
        uploadedBy: fields.uploadedBy ?? null,
        label: 'mix',
        processing: 'ready',
        durationMs: 180_000,
      })
      .returning();
    return version!.id;
  });
}
