/**
 * Portal log-in security: magic links are single use, expire after 15 minutes, survive a mail scanner
 * opening them, answer the same for known and unknown addresses (rate limited either way), and only
 * hashes are stored; passwords are optional and give nothing away; logging out revokes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { hashToken } from '../../apps/server/src/platform/security/tokens.ts';
import { pendingAfterResponse } from '../../apps/server/src/platform/after-response.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, expectRefused, withStudioDb, type Studio } from '../support/studios.ts';
import { uniqueEmail } from '../support/api.ts';
import { insertClient, logInByLink, mailsSettled, newBrowser, outboxCount, portalLinkFromOutbox } from '../support/portal.ts';

let server: TestServer;
let studio: Studio;

beforeAll(async () => {
  server = await createTestServer();
  studio = await createStudio(server, { studioName: 'Portal Keys' });
});
afterEach(() => {
  server.platform.clock = { now: () => new Date() };
});
afterAll(async () => server?.close());

async function client(fields: Partial<typeof tenant.clients.$inferInsert> = {}) {
  const email = uniqueEmail('client');
  const id = await insertClient(server, studio.id, { name: 'Nina Client', email, ...fields });
  return { id, email };
}

describe('magic links', () => {
  it('logs in once: the link stored only as a hash, consumed by the confirm POST, refused the second time', async () => {
    const { id, email } = await client();
    const browser = newBrowser(server, studio.slug);
    expect((await browser.mutate('portal.requestLink', { email })).data).toEqual({ ok: true });
    const { url, token } = await portalLinkFromOutbox(server, email);
    expect(url).toBe(`http://localhost:3000/s/${studio.slug}/portal/login?token=${token}`);
    const rows = await withStudioDb(server, studio.id, (db) => db.select().from(tenant.portalLoginTokens).where(eq(tenant.portalLoginTokens.clientId, id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBeGreaterThan(14 * 60_000);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBeLessThanOrEqual(15 * 60_000 + 1000);

    expectRefused(await browser.query('portal.me'), 'UNAUTHORIZED', 401);
    expect((await browser.mutate('portal.confirmLink', { token })).data).toEqual({ ok: true });
    expect((await browser.query<{ email: string }>('portal.me')).data?.email).toBe(email);

    const other = newBrowser(server, studio.slug);
    const again = await other.mutate('portal.confirmLink', { token });
    expectRefused(again, 'TOKEN_INVALID', 400);
    expect(again.error?.data.params).toMatchObject({ reason: 'used' });
    expectRefused(await other.query('portal.me'), 'UNAUTHORIZED', 401);
  });

  it('a mail scanner opening the link (GET) neither logs in nor uses it up; the confirm still works once', async () => {
    const { email } = await client();
    const browser = newBrowser(server, studio.slug);
    await browser.mutate('portal.requestLink', { email });
    const { url, token } = await portalLinkFromOutbox(server, email);
    const scanner = newBrowser(server, studio.slug);
    const path = new URL(url).pathname + new URL(url).search;
    await scanner.raw('GET', path);
    await scanner.raw('GET', path);
    // Even a GET aimed at the mutation itself is refused without consuming anything.
    const sneaky = await scanner.raw('GET', `/s/${studio.slug}/trpc/portal.confirmLink?input=${encodeURIComponent(JSON.stringify({ token }))}`);
    expect(sneaky.statusCode).toBeGreaterThanOrEqual(400);
    expect([...scanner.cookies.keys()].some((k) => k.startsWith('rsm_portal_'))).toBe(false);
    expectRefused(await scanner.query('portal.me'), 'UNAUTHORIZED', 401);

    expect((await browser.mutate('portal.confirmLink', { token })).data).toEqual({ ok: true });
    expect((await browser.query<{ email: string }>('portal.me')).data?.email).toBe(email);
    expectRefused(await newBrowser(server, studio.slug).mutate('portal.confirmLink', { token }), 'TOKEN_INVALID', 400);
  });

  it('expires after 15 minutes (business clock)', async () => {
    const { email } = await client();
    const browser = newBrowser(server, studio.slug);
    await browser.mutate('portal.requestLink', { email });
    const { token } = await portalLinkFromOutbox(server, email);
    server.platform.clock = { now: () => new Date(Date.now() + 15 * 60_000 + 5_000) };
    const late = await browser.mutate('portal.confirmLink', { token });
    expectRefused(late, 'TOKEN_INVALID', 400);
    expect(late.error?.data.params).toMatchObject({ reason: 'expired' });
    server.platform.clock = { now: () => new Date(Date.now() + 14 * 60_000) };
    // Expired is final: winding the clock back does not help, the row was not consumed but is past its time.
    const fresh = newBrowser(server, studio.slug);
    await fresh.mutate('portal.requestLink', { email });
    const second = await portalLinkFromOutbox(server, email);
    expect((await fresh.mutate('portal.confirmLink', { token: second.token })).data).toEqual({ ok: true });
  });

  it('a new link retires the older unused one', async () => {
    const { email } = await client();
    const browser = newBrowser(server, studio.slug);
    await browser.mutate('portal.requestLink', { email });
    const first = await portalLinkFromOutbox(server, email);
    await new Promise((r) => setTimeout(r, 5));
    await browser.mutate('portal.requestLink', { email });
    const second = await portalLinkFromOutbox(server, email);
    expect(second.token).not.toBe(first.token);
    expectRefused(await browser.mutate('portal.confirmLink', { token: first.token }), 'TOKEN_INVALID', 400);
    expect((await browser.mutate('portal.confirmLink', { token: second.token })).data).toEqual({ ok: true });
  });

  it('answers the same for known and unknown addresses, and never mails archived or erased clients', async () => {
    const known = await client();
    const archived = await client({ archivedAt: new Date() });
    const erased = await client({ erasedAt: new Date() });
    const unknown = uniqueEmail('nobody');
    const answers = [];
    for (const email of [known.email, unknown, archived.email, erased.email]) {
      const response = await newBrowser(server, studio.slug).raw('POST', `/s/${studio.slug}/trpc/portal.requestLink`, { email });
      answers.push({ status: response.statusCode, body: response.body });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]!.status).toBe(200);
    expect(await outboxCount(server, known.email)).toBe(1);
    expect(await outboxCount(server, unknown)).toBe(0);
    expect(await outboxCount(server, archived.email)).toBe(0);
    expect(await outboxCount(server, erased.email)).toBe(0);
  });

  it('answers a known address without waiting for its token and mail (they are made off the request path)', async () => {
    const known = await client();
    // Hold every mail back: were the mail on the request path, the answer would wait for it and this test time out.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const send = server.platform.mailer.send.bind(server.platform.mailer);
    const spy = vi.spyOn(server.platform.mailer, 'send').mockImplementation(async (mail) => {
      await held;
      return send(mail);
    });
    try {
      const answers = [];
      for (const email of [known.email, uniqueEmail('nobody')]) answers.push(await newBrowser(server, studio.slug).mutate('portal.requestLink', { email }));
      expect(answers.map((a) => ({ status: a.status, data: a.data }))).toEqual([
        { status: 200, data: { ok: true } },
        { status: 200, data: { ok: true } },
      ]);
      expect(pendingAfterResponse.size).toBeGreaterThan(0);
    } finally {
      release();
    }
    expect(await outboxCount(server, known.email)).toBe(1);
    spy.mockRestore();
  });

  it('rate limits per address whether it is known or not (the same answer when limited), and per IP', async () => {
    const known = await client();
    const unknown = uniqueEmail('nobody');
    for (const email of [known.email, unknown]) {
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await newBrowser(server, studio.slug).mutate('portal.requestLink', { email }));
      expect(results.slice(0, 5).every((r) => (r.data as { ok?: boolean } | undefined)?.ok)).toBe(true);
      expectRefused(results[5]!, 'RATE_LIMITED', 429);
    }
    expect(await outboxCount(server, known.email)).toBe(5);
    const ip = newBrowser(server, studio.slug);
    const limited = [];
    for (let i = 0; i < 21; i++) limited.push(await ip.mutate('portal.requestLink', { email: uniqueEmail('spray') }));
    expectRefused(limited[20]!, 'RATE_LIMITED', 429);
  });

  it('answers the same shape for an unknown token, and rate limits confirm attempts per IP', async () => {
    const browser = newBrowser(server, studio.slug);
    const bad = await browser.mutate('portal.confirmLink', { token: 'x'.repeat(43) });
    expectRefused(bad, 'TOKEN_INVALID', 400);
    for (let i = 0; i < 29; i++) await browser.mutate('portal.confirmLink', { token: `guess-${i}-${'y'.repeat(30)}` });
    expectRefused(await browser.mutate('portal.confirmLink', { token: 'z'.repeat(43) }), 'RATE_LIMITED', 429);
  });
});

describe('password, sessions, logout', () => {
  it('sets an optional password, logs in with it, refuses wrong and unknown alike; logout revokes the session', async () => {
    const { id, email } = await client();
    const browser = newBrowser(server, studio.slug);
    await logInByLink(server, browser, email);
    expectRefused(await browser.mutate('portal.setPassword', { password: 'short' }), 'BAD_REQUEST', 400);
    expect((await browser.mutate('portal.setPassword', { password: 'a long portal password' })).data).toEqual({ ok: true });
    expect((await browser.query<{ hasPassword: boolean }>('portal.me')).data?.hasPassword).toBe(true);
    const stolenCookie = browser.cookieHeader;
    expect((await browser.mutate('portal.logout')).data).toEqual({ ok: true });
    expectRefused(await browser.query('portal.me'), 'UNAUTHORIZED', 401);
    // The old cookie value, replayed, is revoked server-side.
    const replay = newBrowser(server, studio.slug);
    for (const part of stolenCookie.split('; ')) replay.cookies.set(part.split('=')[0]!, part.split('=').slice(1).join('='));
    expectRefused(await replay.query('portal.me'), 'UNAUTHORIZED', 401);

    const wrong = await browser.mutate('portal.loginWithPassword', { email, password: 'not the password' });
    const nobody = await browser.mutate('portal.loginWithPassword', { email: uniqueEmail('ghost'), password: 'a long portal password' });
    expectRefused(wrong, 'INVALID_CREDENTIALS', 401);
    expectRefused(nobody, 'INVALID_CREDENTIALS', 401);
    expect(wrong.error?.message).toBe(nobody.error?.message);
    expect((await browser.mutate('portal.loginWithPassword', { email: email.toUpperCase(), password: 'a long portal password' })).data).toEqual({ ok: true });
    expect((await browser.query<{ email: string }>('portal.me')).data?.email).toBe(email);

    expect((await browser.mutate('portal.removePassword')).data).toEqual({ ok: true });
    expectRefused(
      await newBrowser(server, studio.slug).mutate('portal.loginWithPassword', { email, password: 'a long portal password' }),
      'INVALID_CREDENTIALS',
      401,
    );
    const actions = await withStudioDb(server, studio.id, (db) =>
      db.select({ action: tenant.portalActivity.action }).from(tenant.portalActivity).where(eq(tenant.portalActivity.clientId, id)),
    );
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['link_requested', 'login', 'password_set', 'logout', 'password_removed']));
  });

  it('rate limits password attempts per address', async () => {
    const { email } = await client();
    const results = [];
    for (let i = 0; i < 11; i++) results.push(await newBrowser(server, studio.slug).mutate('portal.loginWithPassword', { email, password: `guess ${i}` }));
    expectRefused(results[9]!, 'INVALID_CREDENTIALS', 401);
    expectRefused(results[10]!, 'RATE_LIMITED', 429);
  });

  it('archiving a client ends their portal sessions at once', async () => {
    const { id, email } = await client();
    const browser = newBrowser(server, studio.slug);
    await logInByLink(server, browser, email);
    await withStudioDb(server, studio.id, (db) => db.update(tenant.clients).set({ archivedAt: new Date() }).where(eq(tenant.clients.id, id)));
    expectRefused(await browser.query('portal.me'), 'UNAUTHORIZED', 401);
  });

  it('the session expires after 30 days without use, and slides while used', async () => {
    const { email } = await client();
    const browser = newBrowser(server, studio.slug);
    await logInByLink(server, browser, email);
    const day = 86_400_000;
    server.platform.clock = { now: () => new Date(Date.now() + 20 * day) };
    expect((await browser.query('portal.me')).data).toBeDefined(); // used on day 20: extended to day 50
    server.platform.clock = { now: () => new Date(Date.now() + 45 * day) };
    expect((await browser.query('portal.me')).data).toBeDefined();
    server.platform.clock = { now: () => new Date(Date.now() + 80 * day) };
    expectRefused(await browser.query('portal.me'), 'UNAUTHORIZED', 401);
  });
});

describe('staff side', () => {
  it('staff send a log-in link (in the client’s language) and see the portal activity', async () => {
    const { id, email } = await client({ locale: 'fr' });
    const sent = await studio.owner.mutate<{ email: string }>('clientPortal.sendLoginLink', { clientId: id }, studio.slug);
    expect(sent.data).toEqual({ email });
    await mailsSettled();
    const [mail] = await server.platform.controlDb.select().from(control.mailOutbox).where(eq(control.mailOutbox.toAddress, email));
    expect(mail!.subject).toBe('Votre lien de connexion pour Portal Keys');
    const { token } = await portalLinkFromOutbox(server, email);
    const browser = newBrowser(server, studio.slug);
    await browser.mutate('portal.confirmLink', { token });
    const activity = await studio.owner.query<{ items: { action: string }[]; lastLoginAt: string | null; activeSessions: number }>(
      'clientPortal.activity',
      { clientId: id },
      studio.slug,
    );
    expect(activity.data?.items.map((i) => i.action)).toEqual(['login', 'link_sent_by_staff']);
    expect(activity.data?.lastLoginAt).not.toBeNull();
    expect(activity.data?.activeSessions).toBe(1);
    const page = await studio.owner.query<{ items: { action: string }[]; nextCursor: string | null }>(
      'clientPortal.activity',
      { clientId: id, limit: 1 },
      studio.slug,
    );
    expect(page.data?.items.map((i) => i.action)).toEqual(['login']);
    const next = await studio.owner.query<{ items: { action: string }[]; nextCursor: string | null }>(
      'clientPortal.activity',
      { clientId: id, limit: 1, cursor: page.data!.nextCursor },
      studio.slug,
    );
    expect(next.data?.items.map((i) => i.action)).toEqual(['link_sent_by_staff']);
    expect(next.data?.nextCursor).toBeNull();
  });

  it('a client without an e-mail address cannot be sent a link', async () => {
    const id = await insertClient(server, studio.id, { name: 'No Mail' });
    expectRefused(await studio.owner.mutate('clientPortal.sendLoginLink', { clientId: id }, studio.slug), 'BAD_REQUEST', 400);
  });
});
