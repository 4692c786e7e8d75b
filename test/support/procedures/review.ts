/**
 * Review procedures (version stack, timestamped comments). Targets: a project with a track whose
 * processed version (3 minutes, label mix) is neither current nor approved, and a comment on it.
 */
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import type { StudioProcedure, Targets } from '../studio-procedures.ts';
import type { TestServer } from '../platform.ts';
import { withStudioDb, type Studio } from '../studios.ts';

export const procedures: StudioProcedure[] = [
  { path: 'versions.list', kind: 'query', permission: 'projects:read', input: (t) => ({ trackId: t.extra.reviewTrackId }) },
  {
    path: 'versions.update',
    kind: 'mutation',
    permission: 'projects:write',
    input: (t) => ({ versionId: t.extra.reviewVersionId, label: 'master', note: 'Injected note' }),
  },
  { path: 'versions.setCurrent', kind: 'mutation', permission: 'projects:write', input: (t) => ({ versionId: t.extra.reviewVersionId }) },
  {
    path: 'versions.setApprovedMaster',
    kind: 'mutation',
    permission: 'projects:write',
    input: (t) => ({ trackId: t.extra.reviewTrackId, versionId: t.extra.reviewVersionId }),
  },
  { path: 'comments.list', kind: 'query', permission: 'projects:read', input: (t) => ({ versionId: t.extra.reviewVersionId }) },
  { path: 'comments.export', kind: 'query', permission: 'projects:read', input: (t) => ({ versionId: t.extra.reviewVersionId, format: 'reaper' }) },
  {
    path: 'comments.create',
    kind: 'mutation',
    permission: 'projects:write',
    input: (t) => ({ versionId: t.extra.reviewVersionId, atMs: 1000, endMs: 2000, body: 'Injected comment' }),
  },
  { path: 'comments.reply', kind: 'mutation', permission: 'projects:write', input: (t) => ({ parentId: t.extra.reviewCommentId, body: 'Injected reply' }) },
  { path: 'comments.edit', kind: 'mutation', permission: 'projects:write', input: (t) => ({ commentId: t.extra.reviewCommentId, body: 'Injected edit' }) },
  { path: 'comments.delete', kind: 'mutation', permission: 'projects:write', input: (t) => ({ commentId: t.extra.reviewCommentId }) },
  {
    path: 'comments.setVisibility',
    kind: 'mutation',
    permission: 'projects:write',
    input: (t) => ({ commentId: t.extra.reviewCommentId, visibility: 'client' }),
  },
  { path: 'comments.resolve', kind: 'mutation', permission: 'projects:write', input: (t) => ({ commentId: t.extra.reviewCommentId }) },
  { path: 'comments.reopen', kind: 'mutation', permission: 'projects:write', input: (t) => ({ commentId: t.extra.reviewCommentId }) },
];

/**
 * Only its author may edit or delete a comment, so the target comment is written by the member the
 * suites call with: the newest member who joined through an invitation (the role matrix's seat),
 * else the owner.
 */
async function callerId(server: TestServer, studio: Studio): Promise<{ id: string; name: string }> {
  const [invited] = await server.platform.controlDb
    .select({ id: control.users.id, name: control.users.name })
    .from(control.invitations)
    .innerJoin(control.users, eq(control.users.email, control.invitations.email))
    .where(and(eq(control.invitations.studioId, studio.id), isNotNull(control.invitations.acceptedAt)))
    .orderBy(desc(control.invitations.acceptedAt))
    .limit(1);
  return invited ?? { id: studio.ownerId, name: 'Owner' };
}

export async function createTargets(server: TestServer, studio: Studio, _base: Targets): Promise<Record<string, string>> {
  const author = await callerId(server, studio);
  return withStudioDb(server, studio.id, async (db) => {
    const [project] = await db.insert(tenant.projects).values({ name: 'Review target', currency: 'EUR' }).returning({ id: tenant.projects.id });
    const [track] = await db.insert(tenant.tracks).values({ projectId: project!.id, position: 1, title: 'Target song' }).returning({ id: tenant.tracks.id });
    const [file] = await db
      .insert(tenant.storedFiles)
      .values({
        storageKey: `studios/${studio.id}/originals/${crypto.randomUUID()}.wav`,
        originalName: 'target.wav',
        sizeBytes: 1000,
        format: 'wav',
        mimeType: 'audio/wav',
        sha256: '0'.repeat(64),
      })
      .returning({ id: tenant.storedFiles.id });
    const [version] = await db
      .insert(tenant.trackVersions)
      .values({
        trackId: track!.id,
        number: 1,
        label: 'mix',
        fileId: file!.id,
        processing: 'ready',
        durationMs: 180_000,
        sampleRate: 48_000,
        channels: 2,
        integratedLufs: -14,
        truePeakDb: -1,
      })
      .returning({ id: tenant.trackVersions.id });
    const [comment] = await db
      .insert(tenant.versionComments)
      .values({ versionId: version!.id, authorKind: 'staff', authorId: author.id, authorName: author.name, body: 'Target comment', atMs: 5000 })
      .returning({ id: tenant.versionComments.id });
    return { reviewProjectId: project!.id, reviewTrackId: track!.id, reviewVersionId: version!.id, reviewCommentId: comment!.id };
  });
}
