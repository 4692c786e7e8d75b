/**
 * Issue #9.8: no text a person typed can add a line to an iCalendar document. A lone carriage return (or any
 * other control character) in a session title, notes, room or studio name — in data stored before inputs
 * refused them, or reaching the renderer any other way — stays inside its property: calendar feeds and the
 * .ics of e-mails (both rendered by renderCalendar) parse, with ical.js, to the same events and properties.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { renderCalendar } from '../../apps/server/src/modules/booking/ical.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, withStudioDb, type Studio } from '../support/studios.ts';

const HOSTILE = 'Visitor\rX-INJECTED:1\rEND:VEVENT\rBEGIN:VEVENT\rSUMMARY:forged\u0000\u001b[2J\u007f';
/** What PostgreSQL can hold (it refuses NUL). */
const HOSTILE_STORED = HOSTILE.replace('\u0000', '');

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return { calendar, events: calendar.getAllSubcomponents('vevent') };
}

const propertyNames = (component: ICAL.Component) => component.getAllProperties().map((p) => p.name);

describe('renderCalendar', () => {
  it('keeps a lone CR and other controls inside the property they were typed in', () => {
    const ics = renderCalendar({
      name: `Studio${HOSTILE}`,
      timeZone: 'Europe/Paris',
      method: 'REQUEST',
      events: [
        {
          uid: 'session-1@rsm',
          start: new Date('2031-01-01T10:00:00Z'),
          end: new Date('2031-01-01T12:00:00Z'),
          summary: HOSTILE,
          description: `Notes\r\nline two\n${HOSTILE}`,
          location: `Room${HOSTILE}`,
          status: 'CONFIRMED',
          updatedAt: new Date('2030-12-01T00:00:00Z'),
        },
      ],
    });
    // Every line break in the document is a CRLF the renderer wrote; no control character survives.
    // eslint-disable-next-line no-control-regex
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u0008\u000A-\u001F\u007F]/);
    const { calendar, events } = parse(ics);
    expect(events).toHaveLength(1);
    expect(propertyNames(calendar)).toEqual(['version', 'prodid', 'calscale', 'method', 'x-wr-calname', 'x-wr-timezone']);
    expect(propertyNames(events[0]!)).toEqual([
      'uid',
      'dtstamp',
      'last-modified',
      'dtstart',
      'dtend',
      'summary',
      'status',
      'sequence',
      'location',
      'description',
    ]);
    const event = new ICAL.Event(events[0]!);
    expect(event.summary).toBe('Visitor\nX-INJECTED:1\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:forged[2J');
    expect(event.description).toBe('Notes\nline two\nVisitor\nX-INJECTED:1\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:forged[2J');
  });
});

describe('a calendar feed over data stored before inputs refused control characters', () => {
  let server: TestServer;
  let studio: Studio;
  beforeAll(async () => {
    server = await createTestServer();
    studio = await createStudio(server);
  });
  afterAll(async () => server?.close());

  it('serves one event per session, with no injected line', async () => {
    const roomId = (await studio.owner.mutate<{ id: string }>('rooms.create', { name: 'Live', hourlyRateCents: 5000, capacity: 4 }, studio.slug)).data!.id;
    const start = new Date(Date.now() + 3 * 86_400_000);
    start.setUTCHours(12, 0, 0, 0);
    const created = await studio.owner.mutate<{ id: string }>(
      'sessions.create',
      { roomId, title: 'Booking request', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString() },
      studio.slug,
    );
    expect(created.error).toBeUndefined();
    await withStudioDb(server, studio.id, (db) =>
      db.update(tenant.sessions).set({ title: HOSTILE_STORED, notes: HOSTILE_STORED }).where(eq(tenant.sessions.id, created.data!.id)),
    );

    const feed = await studio.owner.mutate<{ url: string }>('calendarFeeds.create', { scope: 'studio' }, studio.slug);
    const response = await server.app.inject({ method: 'GET', url: new URL(feed.data!.url).pathname });
    expect(response.statusCode).toBe(200);
    const { events } = parse(response.body);
    expect(events).toHaveLength(1);
    expect(propertyNames(events[0]!)).not.toContain('x-injected');
    expect(new ICAL.Event(events[0]!).summary).toContain('Visitor\nX-INJECTED:1');
  });
});
