/**
 * Secret iCal feeds per studio, room and engineer: valid iCalendar (checked with ical.js), correct
 * instants whatever the studio's zone, only the scope's sessions, revocable, unknown tokens refused alike.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, signUpStudio } from '../support/api.ts';
import { foldLine, renderCalendar } from '../../apps/server/src/modules/booking/ical.ts';

let server: TestServer;
let owner: ApiClient;
let slug: string;
const ids = { live: '', booth: '', engineer: '' };

beforeAll(async () => {
  server = await createTestServer();
  owner = new ApiClient(server.app);
  const studio = await signUpStudio(owner, { studioName: 'Feed Studio' });
  slug = studio.slug;
  await owner.mutate('studio.update', { name: 'Feed Studio', slug, timeZone: 'America/New_York', currency: 'USD', locale: 'en' }, slug);
  ids.live = (await owner.mutate<{ id: string }>('rooms.create', { name: 'Live, Room; "A"', hourlyRateCents: 5000, capacity: 6 }, slug)).data!.id;
  ids.booth = (await owner.mutate<{ id: string }>('rooms.create', { name: 'Booth', hourlyRateCents: 2000, capacity: 2 }, slug)).data!.id;
  ids.engineer = (await owner.mutate<{ id: string }>('booking.createEngineer', { name: 'Théo', hourlyRateCents: 3000 }, slug)).data!.id;
  const now = Date.now();
  const day = (d: number, h: number) => new Date(Math.floor(now / 86_400_000) * 86_400_000 + d * 86_400_000 + h * 3_600_000).toISOString();
  await owner.mutate(
    'sessions.create',
    { roomId: ids.live, startsAt: day(3, 14), endsAt: day(3, 16), title: 'Tracking, day 1', engineerIds: [ids.engineer] },
    slug,
  );
  await owner.mutate('sessions.create', { roomId: ids.booth, startsAt: day(4, 15), endsAt: day(4, 17), title: 'Vocals', status: 'hold' }, slug);
});
afterAll(async () => server?.close());

async function fetchFeed(url: string) {
  const path = new URL(url).pathname;
  const response = await server.app.inject({ method: 'GET', url: path });
  return { status: response.statusCode, type: response.headers['content-type'], body: response.body };
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe('calendar feeds', () => {
  it('serves the whole studio as valid iCalendar with exact instants', async () => {
    const feed = await owner.mutate<{ url: string }>('calendarFeeds.create', { scope: 'studio', label: 'Everything' }, slug);
    const response = await fetchFeed(feed.data!.url);
    expect(response.status).toBe(200);
    expect(response.type).toContain('text/calendar');
    const events = parse(response.body);
    expect(events.map((e) => e.summary).sort()).toEqual(['Tracking, day 1', 'Vocals']);
    const tracking = events.find((e) => e.summary === 'Tracking, day 1')!;
    expect(tracking.location).toBe('Live, Room; "A"');
    const sessions = await owner.query<{ title: string; startsAt: string; endsAt: string }[]>(
      'sessions.list',
      { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 30 * 86_400_000).toISOString() },
      slug,
    );
    const stored = sessions.data!.find((s) => s.title === 'Tracking, day 1')!;
    expect(tracking.startDate.toJSDate().toISOString()).toBe(stored.startsAt);
    expect(tracking.endDate.toJSDate().toISOString()).toBe(stored.endsAt);
    expect(events.find((e) => e.summary === 'Vocals')!.component.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(response.body).toContain('X-WR-TIMEZONE:America/New_York');
  });

  it('limits a room feed and an engineer feed to their sessions', async () => {
    const room = await owner.mutate<{ url: string }>('calendarFeeds.create', { scope: 'room', resourceId: ids.booth }, slug);
    expect(parse((await fetchFeed(room.data!.url)).body).map((e) => e.summary)).toEqual(['Vocals']);
    const engineer = await owner.mutate<{ url: string }>('calendarFeeds.create', { scope: 'engineer', resourceId: ids.engineer }, slug);
    expect(parse((await fetchFeed(engineer.data!.url)).body).map((e) => e.summary)).toEqual(['Tracking, day 1']);
  });

  it('stops working once revoked, and answers an unknown token the same way', async () => {
    const feed = await owner.mutate<{ id: string; url: string }>('calendarFeeds.create', { scope: 'studio' }, slug);
    expect((await fetchFeed(feed.data!.url)).status).toBe(200);
    await owner.mutate('calendarFeeds.revoke', { id: feed.data!.id }, slug);
    expect((await fetchFeed(feed.data!.url)).status).toBe(404);
    expect((await fetchFeed(`http://x/ical/${'a'.repeat(43)}.ics`)).status).toBe(404);
    expect((await fetchFeed('http://x/ical/../etc/passwd.ics')).status).toBe(404);
  });
});

describe('iCalendar text', () => {
  it('folds long lines at 75 octets without splitting a character, and round-trips through a parser', () => {
    const long = `Séance d'enregistrement — ${'é'.repeat(80)}`;
    const folded = foldLine(`SUMMARY:${long}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const text = renderCalendar({
      name: 'Test',
      timeZone: 'Europe/Paris',
      events: [
        {
          uid: 'x@y',
          start: new Date('2027-03-28T00:30:00Z'),
          end: new Date('2027-03-28T02:30:00Z'),
          summary: long,
          status: 'CONFIRMED',
          updatedAt: new Date(),
        },
      ],
    });
    const [event] = parse(text);
    expect(event!.summary).toBe(long);
    // across the spring-forward change in Paris, the instants are unchanged
    expect(event!.startDate.toJSDate().toISOString()).toBe('2027-03-28T00:30:00.000Z');
    expect(event!.endDate.toJSDate().toISOString()).toBe('2027-03-28T02:30:00.000Z');
  });
});
