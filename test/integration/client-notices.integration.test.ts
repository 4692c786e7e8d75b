/**
 * Who is told what: a client cancelling or moving a booking in the portal tells the studio (owners, managers
 * and the session's engineers, once each, in the studio's language, with the client's reason); a link shared
 * for a recipient or a client reaches them by mail with its URL, which no log line carries.
 */
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, tenant } from '@rsm/db';
import { uniqueEmail } from '../support/api.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { insertClient, logInByLink, newBrowser, type PortalBrowser } from '../support/portal.ts';
import { insertProcessedVersion } from '../support/review.ts';
import { addMember, createStudio, withStudioDb, type Member, type Studio } from '../support/studios.ts';

let server: TestServer;
let studio: Studio;
let manager: Member;
let assistant: Member;
let roomId: string;
let engineerId: string;
let clientId: string;
let portal: PortalBrowser;
const DAY = 86_400_000;
const ENGINEER_EMAIL = uniqueEmail('sam-engineer');

beforeAll(async () => {
  server = await createTestServer();
  studio = await createStudio(server, { studioName: 'Notice Board' });
  await server.platform.controlDb
    .update(control.studios)
    .set({ plan: 'pro', billingStatus: 'active', timeZone: 'Europe/Paris', locale: 'fr' })
    .where(eq(control.studios.id, studio.id));
  manager = await addMember(server, studio, 'manager');
  assistant = await addMember(server, studio, 'assistant');
  roomId = (await studio.owner.mutate<{ id: string }>('rooms.create', { name: 'Salle A', hourlyRateCents: 5000, capacity: 4 }, studio.slug)).data!.id;
  engineerId = (await studio.owner.mutate<{ id: string }>('booking.createEngineer', { name: 'Sam', email: ENGINEER_EMAIL, hourlyRateCents: 3000 }, studio.slug))
    .data!.id;
  await withStudioDb(server, studio.id, (db) =>
    db.insert(tenant.openingHours).values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ roomId: null, weekday, opensAt: '08:00', closesAt: '22:00' }))),
  );
  const email = uniqueEmail('portal-client');
  clientId = await insertClient(server, studio.id, { name: 'Léa Cliente', email });
  portal = newBrowser(server, studio.slug);
  await logInByLink(server, portal, email);
});
afterAll(async () => server?.close());

/** Polls the outbox (the notices go through the job runner) until `count` mails of `template` reached `to`. */
async function mailsOf(to: string, template: string, count = 1) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const rows = await server.platform.controlDb
      .select()
      .from(control.mailOutbox)
      .where(and(eq(control.mailOutbox.toAddress, to.toLowerCase()), eq(control.mailOutbox.template, template)));
    if (rows.length >= count || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let slot = 0;
async function booking(title: string) {
  const startsAt = new Date(Math.floor((Date.now() + 20 * DAY) / DAY) * DAY + (8 + (slot++ % 6) * 2) * 3_600_000 + slot * DAY);
  const created = await studio.owner.mutate<{ id: string }>(
    'sessions.create',
    {
      roomId,
      clientId,
      title,
      engineerIds: [engineerId],
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
      status: 'confirmed',
    },
    studio.slug,
  );
  expect(created.error, JSON.stringify(created.error)).toBeUndefined();
  return { id: created.data!.id, startsAt };
}

describe('a client changing a booking in the portal', () => {
  it('cancelling tells the owners, managers and the session’s engineers once each, in French, with the reason', async () => {
    const { id } = await booking('Enregistrement voix');
    const cancelled = await portal.mutate('portal.cancel', { id, reason: 'Chanteuse malade' });
    expect(cancelled.error, JSON.stringify(cancelled.error)).toBeUndefined();
    for (const to of [studio.ownerEmail, manager.email, ENGINEER_EMAIL]) {
      const [mail, ...more] = await mailsOf(to, 'studio-portal-cancelled');
      expect(mail, to).toBeDefined();
      expect(more).toEqual([]);
      expect(mail!.subject).toContain('Annulé par Léa Cliente : Enregistrement voix');
      expect(mail!.textBody).toContain('Chanteuse malade');
      expect(mail!.textBody).toContain('Salle A');
      expect(mail!.textBody).toContain('Notice Board');
    }
    expect(await mailsOf(assistant.email, 'studio-portal-cancelled', 0)).toEqual([]);
  });

  it('moving it tells them the new and the old time', async () => {
    const { id, startsAt } = await booking('Mixage');
    const slots = await portal.query<{ startsAt: string }[]>('portal.rescheduleSlots', {
      id,
      from: new Date(startsAt.getTime() + DAY).toISOString(),
      to: new Date(startsAt.getTime() + 2 * DAY).toISOString(),
    });
    expect(slots.data?.length, JSON.stringify(slots.error)).toBeGreaterThan(0);
    const moved = await portal.mutate('portal.reschedule', { id, startsAt: slots.data![0]!.startsAt });
    expect(moved.error, JSON.stringify(moved.error)).toBeUndefined();
    const [mail] = await mailsOf(manager.email, 'studio-portal-rescheduled');
    expect(mail?.subject).toContain('Déplacé par Léa Cliente : Mixage');
    expect(mail?.textBody).toMatch(/au lieu de .+\)/);
    expect((await mailsOf(ENGINEER_EMAIL, 'studio-portal-rescheduled')).length).toBe(1);
  });

  it('a change made by staff sends no such notice', async () => {
    const { id } = await booking('Staff change');
    const before = (await mailsOf(ENGINEER_EMAIL, 'session-cancelled', 0)).length;
    await studio.owner.mutate('cancellations.cancel', { id, reason: 'Studio closed' }, studio.slug);
    // The engineer's usual notice went through the same queue: any portal notice would have gone with it.
    expect(await mailsOf(ENGINEER_EMAIL, 'session-cancelled', before + 1)).toHaveLength(before + 1);
    const notices = await mailsOf(manager.email, 'studio-portal-cancelled', 0);
    expect(notices.filter((m) => m.subject.includes('Staff change'))).toEqual([]);
  });
});

describe('sharing', () => {
  let versionId: string;
  beforeAll(async () => {
    versionId = await insertProcessedVersion(server, studio.id, { project: 'Album', track: 'Nuit', number: 2, clientId });
  });

  it('mails each recipient their own link, to the typed address or the client’s, in their language; no address, no mail', async () => {
    const guest = uniqueEmail('guest');
    const created = await studio.owner.mutate<{ url: string; recipientEmail: string; clientId: string | null }[]>(
      'sharing.create',
      {
        target: { kind: 'version', id: versionId },
        recipients: [{ name: 'Guest Producer', email: guest }, { name: '', clientId }, { name: 'Nobody' }],
        password: 'open sesame 12',
      },
      studio.slug,
    );
    expect(created.error, JSON.stringify(created.error)).toBeUndefined();
    const [forGuest, forClient, forNobody] = created.data!;
    const [toGuest] = await mailsOf(guest, 'share-received');
    expect(toGuest?.subject).toBe('Notice Board a partagé « Nuit » (v2) avec vous');
    expect(toGuest?.textBody).toContain(forGuest!.url);
    expect(toGuest?.textBody).toContain('Bonjour Guest Producer');
    expect(toGuest?.textBody).toContain('mot de passe');
    const clientEmail = (await withStudioDb(server, studio.id, (db) => db.select().from(tenant.clients).where(eq(tenant.clients.id, clientId))))[0]!.email;
    const [toClient] = await mailsOf(clientEmail, 'share-received');
    expect(toClient?.textBody).toContain(forClient!.url);
    expect(toClient?.textBody).toContain('Bonjour Léa Cliente');
    const token = (url: string) => url.split('/').at(-1)!;
    const withNobodysToken = await server.platform.controlDb
      .select()
      .from(control.mailOutbox)
      .where(like(control.mailOutbox.textBody, `%${token(forNobody!.url)}%`));
    expect(withNobodysToken).toEqual([]);
    for (const link of created.data!) expect(server.logs.join('\n')).not.toContain(token(link.url));
  });
});
