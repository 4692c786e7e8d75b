/**
 * Notices to the client and the engineer on confirm / move / cancel, each with an .ics a calendar can
 * read (checked with ical.js), sent by the job runner; the reminder 24 h before, only if still accurate.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { control } from '@rsm/db';
import { sendReminder } from '../../apps/server/src/modules/booking/booking.notifications.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, signUpStudio } from '../support/api.ts';
import { pendingWork } from '../support/studios.ts';

let server: TestServer;
let owner: ApiClient;
let slug: string;
let studioId: string;
let roomId: string;
let clientId: string;
let engineerId: string;

beforeAll(async () => {
  server = await createTestServer();
  owner = new ApiClient(server.app);
  const studio = await signUpStudio(owner, { studioName: 'Notice Studio' });
  slug = studio.slug;
  await owner.mutate('studio.update', { name: 'Notice Studio', slug, timeZone: 'Europe/Paris', currency: 'EUR', locale: 'fr' }, slug);
  studioId = (await server.platform.controlDb.select({ id: control.studios.id }).from(control.studios).where(eq(control.studios.slug, slug)))[0]!.id;
  roomId = (await owner.mutate<{ id: string }>('rooms.create', { name: 'Studio B', hourlyRateCents: 4000, capacity: 4 }, slug)).data!.id;
  clientId = (await owner.mutate<{ id: string }>('booking.createClient', { name: 'Lou', email: 'lou@example.test' }, slug)).data!.id;
  engineerId = (await owner.mutate<{ id: string }>('booking.createEngineer', { name: 'Sam', email: 'sam@example.test', hourlyRateCents: 3000 }, slug)).data!.id;
});
afterAll(async () => server?.close());

async function waitForMail(to: string, template: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const rows = await server.platform.controlDb
      .select()
      .from(control.mailOutbox)
      .where(and(eq(control.mailOutbox.toAddress, to), eq(control.mailOutbox.template, template)));
    if (rows.length || Date.now() > deadline) return rows;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function icsOf(row: { attachments: unknown }) {
  const [attachment] = row.attachments as { filename: string; content: string; contentType: string }[];
  expect(attachment?.filename).toBe('session.ics');
  const calendar = new ICAL.Component(ICAL.parse(attachment!.content));
  return {
    method: calendar.getFirstPropertyValue('method'),
    event: new ICAL.Event(calendar.getFirstSubcomponent('vevent')!),
    contentType: attachment!.contentType,
  };
}

it('mails the client and the engineer on confirm, move and cancel, with calendar invitations', async () => {
  const created = await owner.mutate<{ id: string }>(
    'sessions.create',
    { roomId, clientId, engineerIds: [engineerId], startsAt: '2030-06-03T08:00:00Z', endsAt: '2030-06-03T10:00:00Z', title: 'Voix lead' },
    slug,
  );
  expect(created.status).toBe(200);
  const [toClient] = await waitForMail('lou@example.test', 'session-confirmed');
  const [toEngineer] = await waitForMail('sam@example.test', 'session-confirmed');
  expect(toClient?.subject).toContain('Confirmé : Voix lead chez Notice Studio');
  expect(toClient?.textBody).toContain('10:00–12:00'); // Paris summer time
  expect(toEngineer).toBeDefined();
  const invite = icsOf(toClient!);
  expect(invite.method).toBe('REQUEST');
  expect(invite.event.startDate.toJSDate().toISOString()).toBe('2030-06-03T08:00:00.000Z');

  await owner.mutate('sessions.move', { id: created.data!.id, startsAt: '2030-06-04T08:00:00Z', endsAt: '2030-06-04T10:00:00Z' }, slug);
  const [moved] = await waitForMail('lou@example.test', 'session-moved');
  expect(icsOf(moved!).event.startDate.toJSDate().toISOString()).toBe('2030-06-04T08:00:00.000Z');
  expect(icsOf(moved!).event.uid).toBe(invite.event.uid); // the same event, updated

  await owner.mutate('sessions.changeStatus', { id: created.data!.id, status: 'cancelled' }, slug);
  const [cancelled] = await waitForMail('sam@example.test', 'session-cancelled');
  const notice = icsOf(cancelled!);
  expect(notice.method).toBe('CANCEL');
  expect(notice.contentType).toContain('method=CANCEL');
});

it('plans a reminder 24 hours before, and sends it only if the session is still as planned', async () => {
  const created = await owner.mutate<{ id: string }>(
    'sessions.create',
    { roomId, clientId, startsAt: '2030-06-10T08:00:00Z', endsAt: '2030-06-10T10:00:00Z', title: 'Mixage' },
    slug,
  );
  expect((await pendingWork(server, studioId, 'reminder', created.data!.id)).map((d) => d.toISOString())).toEqual(['2030-06-09T08:00:00.000Z']);
  expect(await sendReminder(server.platform, studioId, created.data!.id, '2030-06-10T08:00:00.000Z')).toBe(1);
  expect((await waitForMail('lou@example.test', 'session-reminder'))[0]?.subject).toContain('Demain : Mixage');
  await owner.mutate('sessions.move', { id: created.data!.id, startsAt: '2030-06-11T08:00:00Z', endsAt: '2030-06-11T10:00:00Z' }, slug);
  expect(await sendReminder(server.platform, studioId, created.data!.id, '2030-06-10T08:00:00.000Z')).toBe(0); // the old plan is void
  expect((await pendingWork(server, studioId, 'reminder', created.data!.id)).map((d) => d.toISOString())).toEqual(['2030-06-10T08:00:00.000Z']); // re-planned with the move
  const count = await server.platform.controlDb
    .select({ n: sql<number>`count(*)::int` })
    .from(control.mailOutbox)
    .where(eq(control.mailOutbox.template, 'session-reminder'));
  expect(count[0]!.n).toBe(1);
});
