/**
 * Old studio addresses (#9.11): after a rename the old address stays with the studio. Nobody else can take
 * it (sign-up or rename), and every public address under it reaches the studio: pages and files answer 308
 * to the new address, the public API serves the studio it belongs to and tells the page its current address.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, signUpStudio, uniqueEmail } from '../support/api.ts';
import { setPolicy } from '../support/public-booking.ts';
import { createStudio, expectRefused, freshIp, type Studio } from '../support/studios.ts';

const dist = mkdtempSync(join(tmpdir(), 'rsm-web-dist-'));
let server: TestServer;
beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head></head><body><div id="root"></div></body></html>');
  server = await createTestServer({ WEB_DIST_DIR: dist });
});
afterAll(async () => {
  await server?.close();
  rmSync(dist, { recursive: true, force: true });
});

async function rename(studio: Studio, slug: string, name = 'Renamed Studio') {
  return studio.owner.mutate<{ slug: string }>('studio.update', { name, slug, timeZone: 'Europe/Paris', currency: 'EUR', locale: 'en' }, studio.slug);
}

/** A studio renamed once: its first address is `oldSlug`, its address now `newSlug`. */
async function renamedStudio(label: string) {
  const studio = await createStudio(server, { studioName: `${label} ${Math.random().toString(36).slice(2, 7)}` });
  const oldSlug = studio.slug;
  const newSlug = `${oldSlug}-new`;
  const renamed = await rename(studio, newSlug);
  expect(renamed.data?.slug, JSON.stringify(renamed.error)).toBe(newSlug);
  return { studio: { ...studio, slug: newSlug }, oldSlug, newSlug };
}

const get = (url: string) => server.app.inject({ method: 'GET', url, remoteAddress: freshIp() });

describe('an old address stays with its studio', () => {
  it('refuses another studio that renames itself to it, with a clear code', async () => {
    const { oldSlug } = await renamedStudio('Held Address');
    const other = await createStudio(server);
    const refused = await rename(other, oldSlug);
    expectRefused(refused, 'SLUG_TAKEN', 409);
    expect((await other.owner.query<{ slug: string }>('studio.get', undefined, other.slug)).data?.slug).toBe(other.slug);
  });

  it('never gives it to a new studio whose name makes the same address', async () => {
    const name = `Claimed Sound ${Math.random().toString(36).slice(2, 7)}`;
    const first = await createStudio(server, { studioName: name });
    const oldSlug = first.slug;
    await rename(first, `${oldSlug}-moved`);
    const newcomer = await signUpStudio(new ApiClient(server.app, { ip: freshIp() }), { studioName: name, email: uniqueEmail('claimer') });
    expect(newcomer.slug).not.toBe(oldSlug);
  });

  it('is enforced by the database itself, whatever code writes the address', async () => {
    const { oldSlug } = await renamedStudio('Database Rule');
    const other = await createStudio(server);
    const write = server.platform.controlDb.update(control.studios).set({ slug: oldSlug }).where(eq(control.studios.id, other.id));
    await expect(write).rejects.toMatchObject({ cause: { code: '23505', constraint: 'studio_slugs_pkey' } });
  });

  it('lets the studio take its own old address back', async () => {
    const { studio, oldSlug } = await renamedStudio('Round Trip');
    const back = await rename(studio, oldSlug);
    expect(back.data?.slug, JSON.stringify(back.error)).toBe(oldSlug);
    const page = await get(`/s/${oldSlug}/book`);
    expect(page.statusCode).toBe(200);
  });
});

describe('old links reach the studio at its new address', () => {
  it('redirects booking, portal, share and staff pages with 308, keeping the rest of the address', async () => {
    const { oldSlug, newSlug } = await renamedStudio('Old Links');
    for (const rest of ['/book', '/book/confirm?token=abc', '/portal/login?token=xyz', '/share/sometoken', '/calendar', '']) {
      const response = await get(`/s/${oldSlug}${rest}`);
      expect(response.statusCode, rest).toBe(308);
      expect(response.headers.location, rest).toBe(`/s/${newSlug}${rest}`);
    }
    expect((await get(`/s/${newSlug}/book`)).statusCode).toBe(200);
  });

  it('redirects the logo and file addresses with 308', async () => {
    const { oldSlug, newSlug } = await renamedStudio('Old Files');
    const logo = await get(`/s/${oldSlug}/public/logo?v=3`);
    expect(logo.statusCode).toBe(308);
    expect(logo.headers.location).toBe(`/s/${newSlug}/public/logo?v=3`);
    const file = await get(`/s/${oldSlug}/files/00000000-0000-4000-8000-000000000000/peaks?a=client&e=1&s=x`);
    expect(file.statusCode).toBe(308);
    expect(file.headers.location).toBe(`/s/${newSlug}/files/00000000-0000-4000-8000-000000000000/peaks?a=client&e=1&s=x`);
  });

  it('serves the public API of the old address for its studio, and tells the page the current address', async () => {
    const { studio, oldSlug, newSlug } = await renamedStudio('Old API');
    const visitor = new ApiClient(server.app, { ip: freshIp() });
    const address = await visitor.query<{ slug: string }>('publicStudio.address', undefined, oldSlug);
    expect(address.data).toEqual({ slug: newSlug });
    expect((await visitor.query<{ slug: string }>('publicStudio.address', undefined, newSlug)).data).toEqual({ slug: newSlug });
    await setPolicy(studio);
    const underOld = await visitor.query<{ studioName: string }>('publicBooking.page', undefined, oldSlug);
    expect(underOld.data, JSON.stringify(underOld.error)).toBeDefined();
    expect(underOld.data).toEqual((await visitor.query('publicBooking.page', undefined, newSlug)).data);
    expect((await studio.owner.query<{ slug: string }>('studio.get', undefined, newSlug)).data?.slug).toBe(newSlug);
  });

  it('still answers 404 for an address no studio ever had', async () => {
    expect((await get('/s/never-a-studio-here/public/logo')).statusCode).toBe(404);
    expectRefused(await new ApiClient(server.app, { ip: freshIp() }).query('publicStudio.address', undefined, 'never-a-studio-here'), 'NOT_FOUND', 404);
  });
});
