/**
 * E-mails about a session to its client and its engineers: confirmed, moved, cancelled (each with an
 * .ics that adds, updates or removes it in their calendar) and a reminder 24 hours before. Sent by the
 * job runner, so a slow mail server never slows the calendar and a failure is retried.
 */
import { and, eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';
import { activeStudioById } from '../studios/studio-lookup.ts';
import { renderCalendar } from './ical.ts';
import { formatSpan } from './time.ts';

export type SessionNotice = 'confirmed' | 'moved' | 'cancelled';
export const REMINDER_BEFORE_MS = 24 * 3600 * 1000;

export async function queueSessionNotice(platform: Platform, studioId: string, sessionId: string, notice: SessionNotice): Promise<void> {
  await platform.jobs.schedule('booking.notify', { studioId, sessionId, notice }, { key: `${sessionId}:${notice}:${Date.now()}` });
}

/** (Re)plan the reminder of a confirmed session; the reminder job checks the session is still as planned. */
export async function scheduleReminder(platform: Platform, studioId: string, session: { id: string; startsAt: Date }): Promise<void> {
  const runAt = new Date(session.startsAt.getTime() - REMINDER_BEFORE_MS);
  if (runAt.getTime() <= platform.clock.now().getTime()) return;
  await platform.jobs.schedule('booking.reminder', { studioId, sessionId: session.id, startsAt: session.startsAt.toISOString() }, { runAt, key: session.id });
}

interface Recipient {
  name: string;
  email: string;
}

async function loadNoticeData(platform: Platform, studioId: string, sessionId: string) {
  const studio = await activeStudioById(platform, studioId);
  if (!studio) return null;
  return platform.directory.withTenant(studio.location, async (db) => {
    const [row] = await db
      .select({ session: tenant.sessions, roomName: tenant.rooms.name, client: tenant.clients })
      .from(tenant.sessions)
      .innerJoin(tenant.rooms, eq(tenant.rooms.id, tenant.sessions.roomId))
      .leftJoin(tenant.clients, eq(tenant.clients.id, tenant.sessions.clientId))
      .where(eq(tenant.sessions.id, sessionId));
    if (!row) return null;
    const engineerRows = await db
      .select({ name: tenant.engineers.name, email: tenant.engineers.email })
      .from(tenant.sessionResources)
      .innerJoin(tenant.engineers, eq(tenant.engineers.id, tenant.sessionResources.resourceId))
      .where(and(eq(tenant.sessionResources.sessionId, sessionId), eq(tenant.sessionResources.kind, 'engineer')));
    const recipients: Recipient[] = [...(row.client?.email ? [{ name: row.client.name, email: row.client.email }] : []), ...engineerRows.filter((e) => e.email)];
    return { studio, session: row.session, roomName: row.roomName, recipients };
  });
}

async function send(platform: Platform, data: NonNullable<Awaited<ReturnType<typeof loadNoticeData>>>, template: `session-${SessionNotice | 'reminder'}`, withIcs: SessionNotice | null) {
  const { studio, session, roomName } = data;
  const when = formatSpan(session.startsAt, session.endsAt, studio.timeZone, studio.locale);
  const ics = withIcs
    ? renderCalendar({
        name: studio.name,
        timeZone: studio.timeZone,
        method: withIcs === 'cancelled' ? 'CANCEL' : 'REQUEST',
        events: [{ uid: `${session.id}@${studio.slug}.rsm`, start: session.startsAt, end: session.endsAt, summary: `${session.title} — ${studio.name}`, location: roomName, status: withIcs === 'cancelled' ? 'CANCELLED' : 'CONFIRMED', updatedAt: session.updatedAt, sequence: Math.floor(session.updatedAt.getTime() / 1000) % 2_000_000_000 }],
        now: platform.clock.now(),
      })
    : null;
  for (const recipient of data.recipients) {
    await platform.mailer.send({
      to: recipient.email,
      template,
      locale: studio.locale,
      studioId: studio.id,
      params: { name: recipient.name, studio: studio.name, title: session.title, when, room: roomName },
      attachments: ics ? [{ filename: 'session.ics', contentType: `text/calendar; method=${withIcs === 'cancelled' ? 'CANCEL' : 'REQUEST'}; charset=utf-8`, content: ics }] : [],
    });
  }
}

export async function sendSessionNotice(platform: Platform, studioId: string, sessionId: string, notice: SessionNotice): Promise<number> {
  const data = await loadNoticeData(platform, studioId, sessionId);
  if (!data) return 0;
  await send(platform, data, `session-${notice}`, notice);
  return data.recipients.length;
}

export async function sendReminder(platform: Platform, studioId: string, sessionId: string, plannedStart: string): Promise<number> {
  const data = await loadNoticeData(platform, studioId, sessionId);
  // Only for a session still confirmed at the time the reminder was planned for (it may have moved or been cancelled).
  if (!data || data.session.status !== 'confirmed' || data.session.startsAt.toISOString() !== plannedStart) return 0;
  await send(platform, data, 'session-reminder', null);
  return data.recipients.length;
}

/**
 * What follows any change to a session, whoever made it (calendar, portal, assistant, job): notices to
 * the people concerned, the reminder, the hold's expiry. One place, so every caller gets the same.
 */
export async function afterSessionChange(
  platform: Platform,
  studioId: string,
  session: { id: string; status: string; startsAt: Date; holdExpiresAt: Date | null },
  change: 'created' | 'moved' | 'status',
): Promise<void> {
  if (session.status === 'cancelled') await queueSessionNotice(platform, studioId, session.id, 'cancelled');
  if (session.status === 'confirmed') {
    await queueSessionNotice(platform, studioId, session.id, change === 'moved' ? 'moved' : 'confirmed');
    await scheduleReminder(platform, studioId, session);
  }
}
