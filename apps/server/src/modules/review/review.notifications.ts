/**
 * New comments are mailed to the project's engineers (project_members) and to the version's uploader,
 * never to their own author. Mails are batched: a comment schedules a job at the end of the current
 * minute (one job per version and minute), and the job claims every comment of the version nobody was
 * told about yet, so a burst of notes on a mix becomes one mail per person.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { activeStudioById } from '../studios/studio-lookup.ts';
import { formatReaperTime } from './comments.export.ts';
import { studioStaff } from './people.ts';

export const NOTIFY_BATCH_MS = 60_000;

/** Plan the notice for a version's new comments at the end of the current batching window. */
export async function queueCommentNotice(platform: Platform, studioId: string, versionId: string): Promise<void> {
  const now = platform.clock.now().getTime();
  const runAt = new Date(Math.floor(now / NOTIFY_BATCH_MS) * NOTIFY_BATCH_MS + NOTIFY_BATCH_MS);
  await platform.jobs.schedule('review.comments-notify', { studioId, versionId }, { runAt, key: versionId });
}

const LABELS: Record<string, Record<string, string>> = {
  en: { demo: 'demo', rough_mix: 'rough mix', mix: 'mix', master: 'master', stems: 'stems', other: 'other' },
  fr: { demo: 'maquette', rough_mix: 'premier mix', mix: 'mix', master: 'master', stems: 'stems', other: 'autre' },
};

/** Sends the pending notices of one version; returns how many mails went out. Safe to run twice (the claim is atomic). */
export async function sendCommentNotices(platform: Platform, studioId: string, versionId: string): Promise<number> {
  const studio = await activeStudioById(platform, studioId);
  if (!studio) return 0;
  const batch = await platform.directory.withTenant(studio.location, async (db) => {
    const c = tenant.versionComments;
    const claimed = await db
      .update(c)
      .set({ notifiedAt: platform.clock.now() })
      .where(and(eq(c.versionId, versionId), isNull(c.notifiedAt)))
      .returning();
    const live = claimed.filter((row) => !row.deletedAt).sort((a, b) => a.atMs - b.atMs || a.createdAt.getTime() - b.createdAt.getTime());
    if (live.length === 0) return null;
    const [context] = await db
      .select({ version: tenant.trackVersions, track: tenant.tracks, project: tenant.projects })
      .from(tenant.trackVersions)
      .innerJoin(tenant.tracks, eq(tenant.tracks.id, tenant.trackVersions.trackId))
      .innerJoin(tenant.projects, eq(tenant.projects.id, tenant.tracks.projectId))
      .where(eq(tenant.trackVersions.id, versionId));
    if (!context) return null;
    const members = await db
      .select({ userId: tenant.projectMembers.userId })
      .from(tenant.projectMembers)
      .where(eq(tenant.projectMembers.projectId, context.project.id))
      .orderBy(asc(tenant.projectMembers.userId));
    return { comments: live, ...context, recipientIds: [...members.map((m) => m.userId), ...(context.version.uploadedBy ? [context.version.uploadedBy] : [])] };
  });
  if (!batch) return 0;
  const people = await studioStaff(platform.controlDb, studio.id, batch.recipientIds);
  let sent = 0;
  for (const person of people.values()) {
    // Nobody is told about their own words.
    const theirs = batch.comments.filter((row) => !(row.authorKind === 'staff' && row.authorId === person.id));
    if (theirs.length === 0) continue;
    const locale = person.locale === 'fr' ? 'fr' : person.locale === 'en' ? 'en' : studio.locale;
    const lines = theirs.map((row) => {
      const at = row.endMs === null ? formatReaperTime(row.atMs) : `${formatReaperTime(row.atMs)}–${formatReaperTime(row.endMs)}`;
      const body = row.body.length > 300 ? `${row.body.slice(0, 300)}…` : row.body;
      return `${at} — ${row.authorName}${row.parentId ? (locale === 'fr' ? ' (réponse)' : ' (reply)') : ''}: ${body.replace(/\s+/g, ' ')}`;
    });
    await platform.mailer.send({
      to: person.email,
      template: 'review-comments',
      locale,
      studioId: studio.id,
      params: {
        studio: studio.name,
        project: batch.project.name,
        track: batch.track.title,
        version: `v${batch.version.number} — ${LABELS[locale]?.[batch.version.label] ?? batch.version.label}`,
        count: String(theirs.length),
        comments: lines.join('\n'),
        url: `${platform.config.APP_URL}/s/${studio.slug}/projects/${batch.project.id}/tracks/${batch.track.id}?version=${batch.version.id}`,
      },
    });
    sent += 1;
  }
  return sent;
}

export async function registerReviewJobs(runner: JobRunner, platform: Platform): Promise<void> {
  await runner.work('review.comments-notify', async (data) => {
    await sendCommentNotices(platform, data.studioId!, data.versionId!);
  });
}
