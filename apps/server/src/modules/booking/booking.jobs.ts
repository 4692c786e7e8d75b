/**
 * Booking work done by the job runner: each hold is looked at again when it expires; a lapsed hold is
 * released, the next hold in line is promoted, and both clients are told by e-mail.
 */
import type { Platform } from '../../platform/platform.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import type { OutboxWorker } from '../../platform/jobs/outbox-worker.ts';
import { mailKeyFor } from '../../platform/mail/mailer.ts';
import { activeStudioById } from '../studios/studio-lookup.ts';
import type { StudioContext } from '../studios/studio-context.ts';
import { clientEmails, expireHold, type HoldExpiryResult } from './holds.service.ts';
import type { PromotedHold } from './waiting-list.ts';
import { formatInstant, formatSpan } from './time.ts';
import { sendReminder, sendSessionNotice, type SessionNotice } from './booking.notifications.ts';
import { isClientChangeNotice, sendClientChangeNotice } from './client-change.notices.ts';
import { studioManagerEmails } from './studio-recipients.ts';
import { tenant } from '@rsm/db';
import { eq, inArray } from 'drizzle-orm';

/** How long before a hold ends its client is warned. */
export const HOLD_WARNING_BEFORE_MS = 12 * 3600 * 1000;

/** Warn the client that their hold ends soon, if it is still the hold it was (same expiry, still blocking). */
export async function warnHoldExpiring(platform: Platform, studioId: string, sessionId: string, expiresAt: string, mailKey?: string): Promise<boolean> {
  const studio = await activeStudioById(platform, studioId);
  if (!studio) return false;
  const target = await platform.directory.withTenant(studio.location, async (db) => {
    const [session] = await db.select().from(tenant.sessions).where(eq(tenant.sessions.id, sessionId));
    if (!session || session.status !== 'hold' || session.holdExpiresAt?.toISOString() !== expiresAt || !session.clientId) return null;
    const client = (await clientEmails(db, [session.clientId])).get(session.clientId);
    return client?.email ? { session, client } : null;
  });
  if (!target) return false;
  const until = formatInstant(new Date(expiresAt), studio.timeZone, studio.locale);
  await platform.mailer.send({
    to: target.client.email,
    template: 'hold-expiring',
    locale: studio.locale,
    studioId: studio.id,
    ...mailKeyFor(mailKey, 'hold-expiring', target.client.email),
    params: {
      name: target.client.name,
      studio: studio.name,
      title: target.session.title,
      when: formatSpan(target.session.startsAt, target.session.endsAt, studio.timeZone, studio.locale),
      until,
    },
  });
  return true;
}

/** Tell each promoted hold's client (its new expiry was recorded with the promotion: migration 0016). */
export async function announcePromotions(platform: Platform, studio: StudioContext, promoted: readonly PromotedHold[], mailKey?: string): Promise<void> {
  if (promoted.length === 0) return;
  const { sessions, emails } = await platform.directory.withTenant(studio.location, async (db) => ({
    sessions: await db
      .select()
      .from(tenant.sessions)
      .where(
        inArray(
          tenant.sessions.id,
          promoted.map((p) => p.id),
        ),
      ),
    emails: await clientEmails(
      db,
      promoted.map((p) => p.clientId).filter((id): id is string => !!id),
    ),
  }));
  for (const p of promoted) {
    const client = p.clientId ? emails.get(p.clientId) : undefined;
    const session = sessions.find((s) => s.id === p.id);
    if (!client?.email || !session) continue;
    const until = formatInstant(p.holdExpiresAt, studio.timeZone, studio.locale);
    const when = formatSpan(session.startsAt, session.endsAt, studio.timeZone, studio.locale);
    await platform.mailer.send({
      to: client.email,
      template: 'hold-promoted',
      locale: studio.locale,
      studioId: studio.id,
      ...mailKeyFor(mailKey, 'hold-promoted', client.email),
      params: { name: client.name, studio: studio.name, title: p.title, when, until },
    });
  }
  platform.logger.info({ studioId: studio.id, promoted: promoted.map((p) => p.id) }, 'holds promoted');
}

/** Tell the lapsed hold's client and the studio (with who is next in line). */
async function announceExpiry(
  platform: Platform,
  studio: StudioContext,
  expired: NonNullable<HoldExpiryResult['expired']>,
  promoted: readonly PromotedHold[],
  mailKey?: string,
): Promise<void> {
  const { session, emails } = await platform.directory.withTenant(studio.location, async (db) => ({
    session: (await db.select().from(tenant.sessions).where(eq(tenant.sessions.id, expired.id)))[0],
    emails: await clientEmails(
      db,
      [expired.clientId, ...promoted.map((p) => p.clientId)].filter((id): id is string => !!id),
    ),
  }));
  const when = session ? formatSpan(session.startsAt, session.endsAt, studio.timeZone, studio.locale) : '';
  const client = expired.clientId ? emails.get(expired.clientId) : undefined;
  if (client?.email) {
    await platform.mailer.send({
      to: client.email,
      template: 'hold-released',
      locale: studio.locale,
      studioId: studio.id,
      ...mailKeyFor(mailKey, 'hold-released', client.email),
      params: { name: client.name, studio: studio.name, title: expired.title, when },
    });
  }
  const next = promoted.map((p) => `"${p.title}"${p.clientId && emails.get(p.clientId) ? ` (${emails.get(p.clientId)!.name})` : ''}`).join(', ');
  for (const to of await studioManagerEmails(platform, studio.id)) {
    await platform.mailer.send({
      to,
      template: 'studio-hold-released',
      locale: studio.locale,
      studioId: studio.id,
      ...mailKeyFor(mailKey, 'studio-hold-released', to),
      params: { title: expired.title, when, promoted: next },
    });
  }
}

/** Handle one hold's expiry; also used directly by tests with a controlled clock. */
export async function runHoldExpiry(platform: Platform, studioId: string, sessionId: string, mailKey?: string): Promise<HoldExpiryResult | null> {
  const studio = await activeStudioById(platform, studioId);
  if (!studio) return null; // the studio is gone or unavailable: nothing to do
  const result = await platform.directory.withTenant(studio.location, (db) => expireHold(db, sessionId, platform.clock.now(), studio.timeZone));
  if (result.expired) {
    await announceExpiry(platform, studio, result.expired, result.promoted, mailKey);
    platform.logger.info({ studioId, expired: result.expired.id }, 'hold expired');
    // The calendars open on it drop the hold (and show a promoted one) without a reload.
    await platform.live.publish({ studioId, area: 'sessions', tab: null });
  }
  await announcePromotions(platform, studio, result.promoted, mailKey);
  return result;
}

/**
 * Jobs queued on pg-boss before work moved to the outbox (ADR 15) still drain here after an upgrade; nothing
 * queues new ones.
 */
export async function registerBookingJobs(runner: JobRunner, platform: Platform): Promise<void> {
  await runner.work('booking.notify', async (data) => {
    if (!data.studioId || !data.sessionId || !data.notice) return;
    if (isClientChangeNotice(data.notice)) {
      await sendClientChangeNotice(platform, data);
      return;
    }
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
    await runHoldExpiry(platform, data.studioId, data.sessionId);
  });
}

/** The outbox work of bookings, recorded by the `sessions` trigger (migration 0016). */
export function registerBookingOutbox(worker: OutboxWorker, platform: Platform): void {
  worker.register('hold-expiry', async (studioId, item, mailKey) => {
    if (item.payload.sessionId) await runHoldExpiry(platform, studioId, item.payload.sessionId, mailKey);
  });
  worker.register('hold-expiring', async (studioId, item, mailKey) => {
    if (item.payload.sessionId && item.payload.expiresAt) await warnHoldExpiring(platform, studioId, item.payload.sessionId, item.payload.expiresAt, mailKey);
  });
  worker.register('reminder', async (studioId, item, mailKey) => {
    if (item.payload.sessionId && item.payload.startsAt) await sendReminder(platform, studioId, item.payload.sessionId, item.payload.startsAt, mailKey);
  });
  worker.register('session-notice', async (studioId, item, mailKey) => {
    const notice = item.payload.notice;
    if (item.payload.sessionId && (notice === 'confirmed' || notice === 'moved' || notice === 'cancelled'))
      await sendSessionNotice(platform, studioId, item.payload.sessionId, notice, mailKey);
  });
}
