/**
 * Booking work done by the job runner: each hold is looked at again when it expires; a lapsed hold is
 * released, the next hold in line is promoted, and both clients are told by e-mail.
 */
import type { Platform } from '../../platform/platform.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { activeStudioById, studioContextById } from '../studios/studio-lookup.ts';
import type { StudioContext } from '../studios/studio-context.ts';
import { clientEmails, expireHold, type HoldExpiryResult } from './holds.service.ts';
import { formatSpan } from './time.ts';
import { sendReminder, sendSessionNotice, type SessionNotice } from './booking.notifications.ts';
import { control, tenant } from '@rsm/db';
import { and, eq, inArray } from 'drizzle-orm';

/** How long before a hold ends its client is warned. */
export const HOLD_WARNING_BEFORE_MS = 12 * 3600 * 1000;

export async function scheduleHoldExpiry(platform: Platform, studioId: string, sessionId: string, at: Date): Promise<void> {
  await platform.jobs.schedule('booking.hold-expiry', { studioId, sessionId }, { runAt: at, key: sessionId });
  const warnAt = new Date(at.getTime() - HOLD_WARNING_BEFORE_MS);
  if (warnAt > platform.clock.now()) await platform.jobs.schedule('booking.hold-expiring', { studioId, sessionId, expiresAt: at.toISOString() }, { runAt: warnAt, key: sessionId });
}

/** Warn the client that their hold ends soon, if it is still the hold it was (same expiry, still blocking). */
export async function warnHoldExpiring(platform: Platform, studioId: string, sessionId: string, expiresAt: string): Promise<boolean> {
  const studio = await activeStudioById(platform, studioId);
  if (!studio) return false;
  const target = await platform.directory.withTenant(studio.location, async (db) => {
    const [session] = await db.select().from(tenant.sessions).where(eq(tenant.sessions.id, sessionId));
    if (!session || session.status !== 'hold' || session.holdExpiresAt?.toISOString() !== expiresAt || !session.clientId) return null;
    const client = (await clientEmails(db, [session.clientId])).get(session.clientId);
    return client?.email ? { session, client } : null;
  });
  if (!target) return false;
  const until = new Intl.DateTimeFormat(studio.locale, { timeZone: studio.timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(expiresAt));
  await platform.mailer.send({
    to: target.client.email,
    template: 'hold-expiring',
    locale: studio.locale,
    studioId: studio.id,
    params: { name: target.client.name, studio: studio.name, title: target.session.title, when: formatSpan(target.session.startsAt, target.session.endsAt, studio.timeZone, studio.locale), until },
  });
  return true;
}

/** Owners' and managers' addresses: the studio is told when holds lapse. */
export async function studioManagerEmails(platform: Platform, studioId: string): Promise<string[]> {
  const rows = await platform.controlDb
    .select({ email: control.users.email })
    .from(control.memberships)
    .innerJoin(control.users, eq(control.users.id, control.memberships.userId))
    .where(and(eq(control.memberships.studioId, studioId), inArray(control.memberships.role, ['owner', 'manager'])));
  return rows.map((r) => r.email);
}

async function notify(platform: Platform, studio: StudioContext, result: HoldExpiryResult): Promise<void> {
  const ids = [result.expired?.id, ...result.promoted.map((p) => p.id)].filter((id): id is string => !!id);
  const { sessions, emails } = await platform.directory.withTenant(studio.location, async (db) => ({
    sessions: await db.select().from(tenant.sessions).where(inArray(tenant.sessions.id, ids)),
    emails: await clientEmails(db, [result.expired?.clientId, ...result.promoted.map((p) => p.clientId)].filter((id): id is string => !!id)),
  }));
  const when = (id: string) => {
    const s = sessions.find((x) => x.id === id);
    return s ? formatSpan(s.startsAt, s.endsAt, studio.timeZone, studio.locale) : '';
  };
  const send = async (clientId: string | null, template: 'hold-released' | 'hold-promoted', params: Record<string, string>) => {
    const client = clientId ? emails.get(clientId) : undefined;
    if (!client?.email) return;
    await platform.mailer.send({ to: client.email, template, locale: studio.locale, studioId: studio.id, params: { name: client.name, studio: studio.name, ...params } });
  };
  if (result.expired) await send(result.expired.clientId, 'hold-released', { title: result.expired.title, when: when(result.expired.id) });
  for (const p of result.promoted) {
    const until = new Intl.DateTimeFormat(studio.locale, { timeZone: studio.timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(p.holdExpiresAt);
    await send(p.clientId, 'hold-promoted', { title: p.title, when: when(p.id), until });
  }
  if (result.expired) {
    const promoted = result.promoted.map((p) => `"${p.title}"${p.clientId && emails.get(p.clientId) ? ` (${emails.get(p.clientId)!.name})` : ''}`).join(', ');
    for (const to of await studioManagerEmails(platform, studio.id)) {
      await platform.mailer.send({ to, template: 'studio-hold-released', locale: studio.locale, studioId: studio.id, params: { title: result.expired.title, when: when(result.expired.id), promoted } });
    }
  }
}

/** Handle one hold's expiry; also used directly by tests with a controlled clock. */
export async function runHoldExpiry(platform: Platform, studioId: string, sessionId: string): Promise<HoldExpiryResult | null> {
  const studio = await activeStudioById(platform, studioId);
  if (!studio) return null; // the studio is gone or unavailable: nothing to do
  const result = await platform.directory.withTenant(studio.location, (db) => expireHold(db, sessionId, platform.clock.now(), undefined, studio.timeZone));
  for (const promoted of result.promoted) await scheduleHoldExpiry(platform, studioId, promoted.id, promoted.holdExpiresAt);
  if (result.expired || result.promoted.length) {
    await notify(platform, studio, result);
    platform.logger.info({ studioId, expired: result.expired?.id, promoted: result.promoted.map((p) => p.id) }, 'hold expired');
  }
  return result;
}

export async function registerBookingJobs(runner: JobRunner, platform: Platform): Promise<void> {
  await runner.work('booking.notify', async (data) => {
    if (!data.studioId || !data.sessionId || !data.notice) return;
    await sendSessionNotice(platform, data.studioId, data.sessionId, data.notice as SessionNotice);
  });
  await runner.work('booking.hold-expiring', async (data) => {
    if (!data.studioId || !data.sessionId || !data.expiresAt) return;
    await warnHoldExpiring(platform, data.studioId, data.sessionId, data.expiresAt);
  });
  await runner.work('booking.reminder', async (data) => {
    if (!data.studioId || !data.sessionId || !data.startsAt) return;
    await sendReminder(platform, data.studioId, data.sessionId, data.startsAt);
  });
  await runner.work('booking.hold-expiry', async (data) => {
    if (!data.studioId || !data.sessionId) return;
    const result = await runHoldExpiry(platform, data.studioId, data.sessionId);
    // The job ran before the hold's (possibly extended) expiry, e.g. after a clock change: look again then.
    if (result && !result.expired) {
      const studio = await studioContextById(platform, data.studioId);
      if (!studio) return;
      const [session] = await platform.directory.withTenant(studio.location, (db) => db.select().from(tenant.sessions).where(eq(tenant.sessions.id, data.sessionId!)));
      if (session?.status === 'hold' && session.holdExpiresAt && session.holdExpiresAt > platform.clock.now()) await scheduleHoldExpiry(platform, data.studioId, data.sessionId, session.holdExpiresAt);
    }
  });
}
