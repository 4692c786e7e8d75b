/**
 * The studio told when a client cancels or moves a booking from the portal: its owners and managers and the
 * session's engineers, in the studio's language, with the client's name (and reason, for a cancel). Sent by
 * the job runner on the 'booking.notify' queue like the client's own notices — one function schedules, one
 * sends, so the scheduling can move to a transactional outbox without touching the rest.
 */
import { and, eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';
import { activeStudioById } from '../studios/studio-lookup.ts';
import { studioManagerEmails } from './studio-recipients.ts';
import { formatSpan } from './time.ts';

export type ClientChange = 'cancelled' | 'rescheduled';
const NOTICES = { 'client-cancelled': 'cancelled', 'client-rescheduled': 'rescheduled' } as const satisfies Record<string, ClientChange>;

/** The 'booking.notify' notice names this file handles. */
export const isClientChangeNotice = (notice: string | undefined): notice is keyof typeof NOTICES => notice !== undefined && notice in NOTICES;

export async function queueClientChangeNotice(
  platform: Platform,
  studioId: string,
  sessionId: string,
  change: ClientChange,
  previous?: { startsAt: Date; endsAt: Date },
): Promise<void> {
  const notice = `client-${change}`;
  const data: Record<string, string> = { studioId, sessionId, notice };
  if (previous) Object.assign(data, { previousStartsAt: previous.startsAt.toISOString(), previousEndsAt: previous.endsAt.toISOString() });
  await platform.jobs.schedule('booking.notify', data, { key: `${sessionId}:${notice}:${Date.now()}` });
}

/** Sends one client-change notice (the payload of queueClientChangeNotice); returns how many mails went out. */
export async function sendClientChangeNotice(platform: Platform, data: Record<string, string>): Promise<number> {
  const change = isClientChangeNotice(data.notice) ? NOTICES[data.notice] : null;
  const studio = data.studioId ? await activeStudioById(platform, data.studioId) : null;
  if (!change || !studio || !data.sessionId) return 0;
  const found = await platform.directory.withTenant(studio.location, async (db) => {
    const [row] = await db
      .select({ session: tenant.sessions, roomName: tenant.rooms.name, clientName: tenant.clients.name })
      .from(tenant.sessions)
      .innerJoin(tenant.rooms, eq(tenant.rooms.id, tenant.sessions.roomId))
      .leftJoin(tenant.clients, eq(tenant.clients.id, tenant.sessions.clientId))
      .where(eq(tenant.sessions.id, data.sessionId!));
    const engineers = await db
      .select({ email: tenant.engineers.email })
      .from(tenant.sessionResources)
      .innerJoin(tenant.engineers, eq(tenant.engineers.id, tenant.sessionResources.resourceId))
      .where(and(eq(tenant.sessionResources.sessionId, data.sessionId!), eq(tenant.sessionResources.kind, 'engineer')));
    return row ? { ...row, engineerEmails: engineers.map((e) => e.email) } : null;
  });
  if (!found) return 0;
  const { session } = found;
  const span = (from: Date, to: Date) => formatSpan(from, to, studio.timeZone, studio.locale);
  const params: Record<string, string> = {
    studio: studio.name,
    client: found.clientName ?? '',
    title: session.title,
    room: found.roomName,
    when: span(session.startsAt, session.endsAt),
  };
  if (change === 'cancelled' && session.cancelledByKind === 'client') params.reason = session.cancellationReason;
  if (change === 'rescheduled' && data.previousStartsAt && data.previousEndsAt)
    params.previous = span(new Date(data.previousStartsAt), new Date(data.previousEndsAt));
  // One mail per address: an engineer may also be a manager.
  const recipients = new Map<string, string>();
  for (const email of [...(await studioManagerEmails(platform, studio.id)), ...found.engineerEmails]) if (email) recipients.set(email.toLowerCase(), email);
  for (const to of recipients.values()) {
    await platform.mailer.send({
      to,
      template: change === 'cancelled' ? 'studio-portal-cancelled' : 'studio-portal-rescheduled',
      locale: studio.locale,
      studioId: studio.id,
      params,
    });
  }
  return recipients.size;
}
