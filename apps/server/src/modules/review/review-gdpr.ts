/**
 * GDPR and merge step of review comments written by a client (portal or share page): exported with the
 * version they are about; on erasure the text and the name go — the comment becomes a deleted one (the
 * body check needs a character, hence "(erased)"), so the studio's replies in the thread still make
 * sense; on merge they are re-attributed to the survivor.
 */
import { and, asc, eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { registerClientDataStep } from '../clients/gdpr-registry.ts';

const c = tenant.versionComments;
const byClient = (clientId: string) => and(eq(c.authorKind, 'client'), eq(c.authorId, clientId));

registerClientDataStep({
  name: 'comments',
  async export(db, clientId) {
    const rows = await db
      .select({
        track: tenant.tracks.title,
        version: tenant.trackVersions.number,
        atMs: c.atMs,
        endMs: c.endMs,
        body: c.body,
        createdAt: c.createdAt,
        deletedAt: c.deletedAt,
      })
      .from(c)
      .innerJoin(tenant.trackVersions, eq(tenant.trackVersions.id, c.versionId))
      .innerJoin(tenant.tracks, eq(tenant.tracks.id, tenant.trackVersions.trackId))
      .where(byClient(clientId))
      .orderBy(asc(c.createdAt));
    if (rows.length === 0) return null;
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), deletedAt: r.deletedAt?.toISOString() ?? null }));
  },
  async erase(db, clientId) {
    const erased = await db
      .update(c)
      .set({ body: '(erased)', authorName: 'Erased client', deletedAt: new Date() })
      .where(byClient(clientId))
      .returning({ id: c.id });
    return { commentsErased: erased.length };
  },
  async merge(db, fromClientId, toClientId) {
    await db.update(c).set({ authorId: toClientId }).where(byClient(fromClientId));
  },
});
