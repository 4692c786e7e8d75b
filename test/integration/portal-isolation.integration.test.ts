/**
 * Portal isolation: a client sees their own sessions and those of the companies they may see, nothing
 * of another client, nothing of another studio — by id, by link or by cookie, in the path form and the
 * host form; a staff session is not a portal session and a portal session is not a staff session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenant } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, expectRefused, snapshot, withStudioDb, type Studio } from '../support/studios.ts';
import { ApiClient, uniqueEmail } from '../support/api.ts';
import { insertClient, logInByLink, newBrowser, type PortalBrowser } from '../support/portal.ts';
import { portalCookieName } from '../../apps/server/src/modules/portal/portal-auth.service.ts';

const BASE = 'studios.test';
let server: TestServer;
let a: Studio;
let b: Studio;
const ids: Record<string, string> = {};
const emails: Record<string, string> = {};
let x: PortalBrowser;
let z: PortalBrowser;

async function session(studio: Studio, clientId: string, title: string, day: number, notes = '') {
  const roomId = ids[`room:${studio.slug}`]!;
  return withStudioDb(server, studio.id, async (db) => {
    const [row] = await db
      .insert(tenant.sessions)
      .values({
        title,
        notes,
        clientId,
        roomId,
        status: 'confirmed',
        currency: 'EUR',
        startsAt: new Date(Date.UTC(2031, 0, day, 9)),
        endsAt: new Date(Date.UTC(2031, 0, day, 11)),
      })
      .returning({ id: tenant.sessions.id });
    return row!.id;
  });
}

beforeAll(async () => {
  server = await createTestServer({ BASE_DOMAIN: BASE });
  [a, b] = [await createStudio(server, { studioName: 'Iso Alpha' }), await createStudio(server, { studioName: 'Iso Beta' })];
  for (const s of [a, b])
    ids[`room:${s.slug}`] = (await s.owner.mutate<{ id: string }>('rooms.create', { name: 'Live', hourlyRateCents: 5000, capacity: 4 }, s.slug)).data!.id;
  for (const name of ['x', 'y', 'z']) {
    emails[name] = uniqueEmail(`client-${name}`);
    ids[name] = await insertClient(server, a.id, { name: `Client ${name.toUpperCase()}`, email: emails[name] });
  }
  // The same address is also a client of studio B: a different person record there.
  ids.xInB = await insertClient(server, b.id, { name: 'X in Beta', email: emails.x! });
  ids.company = await insertClient(server, a.id, { name: 'Label Co', kind: 'company', email: uniqueEmail('label') });
  await withStudioDb(server, a.id, (db) =>
    db.insert(tenant.clientContacts).values([
      { companyId: ids.company!, personId: ids.x!, roles: ['manager'], canSeeCompanyItems: true },
      { companyId: ids.company!, personId: ids.z!, roles: ['artist'], canSeeCompanyItems: false },
    ]),
  );
  ids.sx = await session(a, ids.x!, 'X own session', 6, 'internal: X pays late');
  ids.sy = await session(a, ids.y!, 'Y secret session', 7, 'internal: Y notes');
  ids.sc = await session(a, ids.company!, 'Label session', 8, 'internal: label notes');
  ids.sxB = await session(b, ids.xInB!, 'X at Beta', 9);
  x = newBrowser(server, a.slug);
  await logInByLink(server, x, emails.x!);
  z = newBrowser(server, a.slug);
  await logInByLink(server, z, emails.z!);
});
afterAll(async () => server?.close());

type Page = { items: { id: string; title: string; companyName: string | null }[] };

describe('client X vs client Y', () => {
  it('lists own and visible company sessions only, company ones marked, no notes or other clients', async () => {
    const page = await x.query<Page>('portal.sessions', { when: 'upcoming' });
    expect(page.data?.items.map((s) => s.id).sort()).toEqual([ids.sx, ids.sc].sort());
    expect(page.data?.items.find((s) => s.id === ids.sc)?.companyName).toBe('Label Co');
    expect(page.data?.items.find((s) => s.id === ids.sx)?.companyName).toBeNull();
    const body = JSON.stringify(page.data);
    expect(body).not.toContain('internal:');
    expect(body).not.toContain('Client Y');
    expect((await x.query<Page>('portal.sessions', { when: 'past' })).data?.items).toEqual([]);
  });

  it('a contact without the right sees none of the company’s sessions', async () => {
    const page = await z.query<Page>('portal.sessions', { when: 'upcoming' });
    expect(page.data?.items).toEqual([]);
    expectRefused(await z.query('portal.session', { id: ids.sc }), 'NOT_FOUND', 404);
    expectRefused(await z.mutate('portal.cancel', { id: ids.sc }), 'NOT_FOUND', 404);
    expectRefused(await z.mutate('portal.payDeposit', { id: ids.sc }), 'NOT_FOUND', 404);
  });

  it('cannot read, preview, cancel or reschedule Y’s session by id; nothing changes', async () => {
    const before = await snapshot(server, a.id);
    expectRefused(await x.query('portal.session', { id: ids.sy }), 'NOT_FOUND', 404);
    expectRefused(await x.query('portal.cancellationPreview', { id: ids.sy }), 'NOT_FOUND', 404);
    expectRefused(await x.mutate('portal.cancel', { id: ids.sy }), 'NOT_FOUND', 404);
    expectRefused(await x.mutate('portal.payDeposit', { id: ids.sy }), 'NOT_FOUND', 404);
    expectRefused(await x.mutate('portal.reschedule', { id: ids.sy, startsAt: '2031-01-20T09:00:00Z' }), 'NOT_FOUND', 404);
    expectRefused(await x.query('portal.rescheduleSlots', { id: ids.sy, from: '2031-01-01T00:00:00Z', to: '2031-01-10T00:00:00Z' }), 'NOT_FOUND', 404);
    // Studio B's session of the same person (same e-mail) is another studio's: not found from A.
    expectRefused(await x.query('portal.session', { id: ids.sxB }), 'NOT_FOUND', 404);
    expectRefused(await x.mutate('portal.payDeposit', { id: ids.sxB }), 'NOT_FOUND', 404);
    expect(await snapshot(server, a.id)).toEqual(before);
  });

  it('the profile edit touches only the caller, and the e-mail cannot be changed from the portal', async () => {
    const saved = await x.mutate<{ name: string; email: string; companies: { name: string }[] }>('portal.updateProfile', {
      name: 'Client X Renamed',
      phone: '+33 6 00 00 00 00',
      addressLine1: '1 rue du Son',
      addressLine2: '',
      postalCode: '75001',
      city: 'Paris',
      country: 'FR',
      locale: 'fr',
      email: 'hijack@example.test',
    });
    expect(saved.data?.name).toBe('Client X Renamed');
    expect(saved.data?.email).toBe(emails.x);
    expect(saved.data?.companies.map((c) => c.name)).toEqual(['Label Co']);
    const y = await withStudioDb(server, a.id, (db) => db.select().from(tenant.clients));
    expect(y.find((c) => c.id === ids.y)?.name).toBe('Client Y');
  });
});

describe('across studios and kinds of session', () => {
  it('a portal cookie of studio A means nothing on studio B (path form), even renamed to B’s cookie', async () => {
    const onB = newBrowser(server, b.slug);
    for (const [k, v] of x.cookies) onB.cookies.set(k, v);
    expectRefused(await onB.query('portal.me'), 'UNAUTHORIZED', 401);
    onB.cookies.set(portalCookieName(b.id), x.cookies.get(portalCookieName(a.id))!);
    expectRefused(await onB.query('portal.me'), 'UNAUTHORIZED', 401);
    expectRefused(await onB.query('portal.session', { id: ids.sxB }), 'UNAUTHORIZED', 401);
  });

  it('the same holds in the host form, and the host form works for the right studio', async () => {
    const hostA = newBrowser(server, a.slug, { host: `${a.slug}.${BASE}` });
    const hostB = newBrowser(server, b.slug, { host: `${b.slug}.${BASE}` });
    for (const [k, v] of x.cookies) {
      hostA.cookies.set(k, v);
      hostB.cookies.set(k, v);
    }
    expect((await hostA.query<{ email: string }>('portal.me')).data?.email).toBe(emails.x);
    expectRefused(await hostB.query('portal.me'), 'UNAUTHORIZED', 401);
    hostB.cookies.set(portalCookieName(b.id), x.cookies.get(portalCookieName(a.id))!);
    expectRefused(await hostB.query('portal.me'), 'UNAUTHORIZED', 401);
  });

  it('a log-in link of studio A confirmed on studio B does nothing (and stays usable on A)', async () => {
    const email = emails.y!;
    const browserB = newBrowser(server, b.slug);
    const browserA = newBrowser(server, a.slug);
    await browserA.mutate('portal.requestLink', { email });
    const { token, url } = await (await import('../support/portal.ts')).portalLinkFromOutbox(server, email);
    expect(url).toBe(`http://${a.slug}.${BASE}/portal/login?token=${token}`);
    expectRefused(await browserB.mutate('portal.confirmLink', { token }), 'TOKEN_INVALID', 400);
    expect((await browserA.mutate('portal.confirmLink', { token })).data).toEqual({ ok: true });
  });

  it('a staff session is not a portal session, and a portal session is not a staff session', async () => {
    const staff = a.owner;
    expect((await staff.query('studio.get', undefined, a.slug)).data).toBeDefined();
    const staffAsPortal = newBrowser(server, a.slug);
    staffAsPortal.cookies.set('rsm_session', staff.cookie!.split('=')[1]!);
    expectRefused(await staffAsPortal.query('portal.me'), 'UNAUTHORIZED', 401);
    // The staff token under the portal cookie name is not found either.
    staffAsPortal.cookies.set(portalCookieName(a.id), staff.cookie!.split('=')[1]!);
    expectRefused(await staffAsPortal.query('portal.me'), 'UNAUTHORIZED', 401);

    const portalAsStaff = new ApiClient(server.app);
    portalAsStaff.cookie = `rsm_session=${x.cookies.get(portalCookieName(a.id))}`;
    expectRefused(await portalAsStaff.query('studio.get', undefined, a.slug), 'UNAUTHORIZED', 401);
    expectRefused(await portalAsStaff.query('clientPortal.activity', { clientId: ids.x }, a.slug), 'UNAUTHORIZED', 401);
    // With both cookies, the portal call sees the client and the staff call the member: no mixing.
    const both = newBrowser(server, a.slug);
    for (const [k, v] of x.cookies) both.cookies.set(k, v);
    both.cookies.set('rsm_session', staff.cookie!.split('=')[1]!);
    expect((await both.query<{ email: string }>('portal.me')).data?.email).toBe(emails.x);
  });

  it('staff of studio B cannot read studio A’s clients’ portal activity', async () => {
    expectRefused(await b.owner.query('clientPortal.activity', { clientId: ids.x }, a.slug), 'FORBIDDEN', 403);
    expectRefused(await b.owner.query('clientPortal.activity', { clientId: ids.x }, b.slug), 'NOT_FOUND', 404);
    expectRefused(await b.owner.mutate('clientPortal.sendLoginLink', { clientId: ids.x }, b.slug), 'NOT_FOUND', 404);
  });
});
