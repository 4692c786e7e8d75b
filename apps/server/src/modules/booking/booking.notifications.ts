/**
 * E-mails about a session to its client and its engineers: confirmed, moved, cancelled (each with an
 * .ics that adds, updates or removes it in their calendar) and a reminder 24 hours before. The change that
 * calls for one records it in the studio's outbox in its own transaction (the `sessions` trigger, migration
 * 0016); the outbox worker sends it, so a crash cannot lose it and a slow mail server never slows the calendar.
 */
import { and, eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';
import { activeStudioById } from '../studios/studio-lookup.ts';
import { renderCalendar } from './ical.ts';
import { formatSpan } from './time.ts';
import { mailKeyFor } from '../../platform/mail/mailer.ts';

export type SessionNotice = 'confirmed' | 'moved' | 'cancelled';

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
    const recipients: Recipient[] = [
      ...(row.client?.email ? [{ name: row.client.name, email: row.client.email }] : []),
      ...engineerRows.filter((e) => e.email),
    ];
    return { studio, session: row.session, roomName: row.roomName, recipients };
  });
}

async function send(
  platform: Platform,
  data: NonNullable<Awaited<ReturnType<typeof loadNoticeData>>>,
  template: `session-${SessionNotice | 'reminder'}`,
  withIcs: SessionNotice | null,
  mailKey?: string,
) {
  const { studio, session, roomName } = data;
  const when = formatSpan(session.startsAt, session.endsAt, studio.timeZone, studio.locale);
  const ics = withIcs
    ? renderCalendar({
        name: studio.name,
        timeZone: studio.timeZone,
        method: withIcs === 'cancelled' ? 'CANCEL' : 'REQUEST',
        events: [
          {
            uid: `${session.id}@${studio.slug}.rsm`,
            start: session.startsAt,
            end: session.endsAt,
            summary: `${session.title} — ${studio.name}`,
            location: roomName,
            status: withIcs === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
            updatedAt: session.updatedAt,
            sequence: Math.floor(session.updatedAt.getTime() / 1000) % 2_000_000_000,
          },
        ],
        now: platform.clock.now(),
      })
    : null;
  for (const recipient of data.recipients) {
    await platform.mailer.send({
      to: recipient.email,
      template,
      locale: studio.locale,
      studioId: studio.id,
      ...mailKeyFor(mailKey, template, recipient.email),
      params: { name: recipient.name, studio: studio.name, title: session.title, when, room: roomName },
      attachments: ics
        ? [{ filename: 'session.ics', contentType: `text/calendar; method=${withIcs === 'cancelled' ? 'CANCEL' : 'REQUEST'}; charset=utf-8`, content: ics }]
        : [],
    });
  }
}

export async function sendSessionNotice(platform: Platform, studioId: string, sessionId: string, notice: SessionNotice, mailKey?: string): Promise<number> {
  const data = await loadNoticeData(platform, studioId, sessionId);
  if (!data) return 0;
  // A hold that lapsed is announced as released (booking.jobs.ts), not as a cancellation.
  if (notice === 'cancelled' && data.session.cancelledByKind === 'system') return 0;
  await send(platform, data, `session-${notice}`, notice, mailKey);
  return data.recipients.length;
}

export async function sendReminder(platform: Platform, studioId: string, sessionId: string, plannedStart: string, mailKey?: string): Promise<number> {
  const data = await loadNoticeData(platform, studioId, sessionId);
  // Only for a session still confirmed at the time the reminder was planned for (it may have moved or been cancelled).
  if (!data || data.session.status !== 'confirmed' || data.session.startsAt.toISOString() !== plannedStart) return 0;
  await send(platform, data, 'session-reminder', null, mailKey);
  return data.recipients.length;
}
