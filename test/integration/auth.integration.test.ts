/**
 * Accounts: log in / out and the session cookie, answers that do not reveal
 * whether an e-mail has an account, rate limits per account and per IP,
 * single-use password reset links, invitations, and the platform operator.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, count, eq, isNull } from 'drizzle-orm';
import { control } from '@rsm/db';
import { ensureOperatorAccounts } from '../../apps/server/src/platform/operators.ts';
import { hashToken } from '../../apps/server/src/platform/security/tokens.ts';
import { pendingAfterResponse, settleAfterResponse } from '../../apps/server/src/platform/after-response.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, signUpStudio, uniqueEmail, type ApiResult } from '../support/api.ts';
import { createStudio, expectRefused, freshIp, membershipRole, setPlan, tokenFromOutbox, userIdByEmail, type Studio } from '../support/studios.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => server?.close());

const client = () => new ApiClient(server.app, { ip: freshIp() });

function setCookieHeader(result: ApiResult): string {
  const raw = result.headers['set-cookie'];
  const all = Array.isArray(raw) ? raw : raw === undefined ? [] : [String(raw)];
  const session = all.find((c) => c.startsWith('rsm_session='));
  if (!session) throw new Error(`no session cookie in ${JSON.stringify(raw)}`);
  return session;
}

const attributes = (cookie: string) => cookie.split(';').map((part) => part.trim().toLowerCase());

async function sessionCount(userId: string): Promise<number> {
  const [row] = await server.platform.controlDb.select({ n: count() }).from(control.authSessions).where(eq(control.authSessions.userId, userId));
  return row!.n;
}

async function mailCount(to: string): Promise<number> {
  await settleAfterResponse();
  const [row] = await server.platform.controlDb.select({ n: count() }).from(control.mailOutbox).where(eq(control.mailOutbox.toAddress, to));
  return row!.n;
}

/** Fixed windows start on multiples of their length: never start a counting test a few seconds before one ends. */
async function clearOfWindowEdge(windowSeconds: number, marginMs = 10_000): Promise<void> {
  const length = windowSeconds * 1000;
  const left = length - (Date.now() % length);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

describe('log in and out', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await createStudio(server);
  });

  it('sets an httpOnly, SameSite=Lax, Path=/ session cookie (not Secure over http) and logs in', async () => {
    const c = client();
    const result = await c.mutate<{ studios: { slug: string; role: string }[] }>('auth.logIn', { email: studio.ownerEmail, password: studio.ownerPassword });
    expect(result.data?.studios).toEqual([expect.objectContaining({ slug: studio.slug, role: 'owner' })]);
    const cookie = attributes(setCookieHeader(result));
    expect(cookie).toContain('httponly');
    expect(cookie).toContain('samesite=lax');
    expect(cookie).toContain('path=/');
    expect(cookie).not.toContain('secure');
    expect(cookie.find((a) => a.startsWith('expires='))).toBeDefined();
    const me = await c.query<{ user: { email: string } | null }>('auth.me');
    expect(me.data?.user?.email).toBe(studio.ownerEmail);
  });

  it('accepts the e-mail in any case', async () => {
    const result = await client().mutate('auth.logIn', { email: studio.ownerEmail.toUpperCase(), password: studio.ownerPassword });
    expect(result.error).toBeUndefined();
  });

  it('logging out clears the cookie and ends the session on the server', async () => {
    const c = client();
    await c.mutate('auth.logIn', { email: studio.ownerEmail, password: studio.ownerPassword });
    const cookie = c.cookie!;
    const token = cookie.slice('rsm_session='.length);
    const [stored] = await server.platform.controlDb
      .select()
      .from(control.authSessions)
      .where(eq(control.authSessions.tokenHash, hashToken(token)));
    expect(stored).toBeDefined();

    const out = await c.mutate('auth.logOut');
    expect(out.data).toEqual({ ok: true });
    const cleared = setCookieHeader(out);
    expect(cleared).toMatch(/^rsm_session=;/);
    expect(attributes(cleared)).toContain('path=/');
    expect(c.cookie).toBeNull();
    const [gone] = await server.platform.controlDb
      .select()
      .from(control.authSessions)
      .where(eq(control.authSessions.tokenHash, hashToken(token)));
    expect(gone).toBeUndefined();

    const replay = client();
    replay.cookie = cookie;
    expect((await replay.query<{ user: unknown }>('auth.me')).data?.user).toBeNull();
    expectRefused(await replay.query('studio.get', undefined, studio.slug), 'UNAUTHORIZED', 401);
  });

  it('marks the cookie Secure when the app is served over https', async () => {
    const secure = await createTestServer({ APP_URL: 'https://app.example.com' });
    try {
      const c = new ApiClient(secure.app, { ip: freshIp() });
      const email = uniqueEmail('secure');
      const signUp = await c.mutate('auth.signUp', { name: 'Sec Ure', email, password: 'correct horse battery', studioName: 'Secure Studio' });
      expect(attributes(setCookieHeader(signUp))).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']));
      const logIn = await c.mutate('auth.logIn', { email, password: 'correct horse battery' });
      expect(attributes(setCookieHeader(logIn))).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']));
    } finally {
      await secure.close();
    }
  });

  it('answers a wrong password and an unknown e-mail the same way, with no cookie', async () => {
    const wrong = client();
    const unknown = client();
    const wrongResult = await wrong.mutate('auth.logIn', { email: studio.ownerEmail, password: 'not the password' });
    const unknownResult = await unknown.mutate('auth.logIn', { email: uniqueEmail('nobody'), password: 'not the password' });
    expectRefused(wrongResult, 'INVALID_CREDENTIALS', 401);
    expect({ status: unknownResult.status, error: unknownResult.error }).toEqual({ status: wrongResult.status, error: wrongResult.error });
    expect(wrong.cookie).toBeNull();
    expect(unknown.cookie).toBeNull();
  });
});

describe('rate limits', () => {
  it('refuses the 11th attempt on one account within the window, even with the right password, from any IP', async () => {
    const studio = await createStudio(server);
    await clearOfWindowEdge(15 * 60);
    for (let i = 0; i < 10; i++) {
      expectRefused(await client().mutate('auth.logIn', { email: studio.ownerEmail, password: `wrong guess ${i}` }), 'INVALID_CREDENTIALS', 401);
    }
    const c = client();
    const eleventh = await c.mutate('auth.logIn', { email: studio.ownerEmail.toUpperCase(), password: studio.ownerPassword });
    expectRefused(eleventh, 'RATE_LIMITED', 429);
    const retryAfter = Number(eleventh.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(eleventh.error?.data.params.retryAfterSeconds).toBe(retryAfter);
    expect(c.cookie).toBeNull();

    // Another account is not affected.
    const other = await createStudio(server);
    expect((await client().mutate('auth.logIn', { email: other.ownerEmail, password: other.ownerPassword })).error).toBeUndefined();
  });

  it('counts password checks made by signing up again against the same account limit as log-ins', async () => {
    const studio = await createStudio(server);
    await clearOfWindowEdge(15 * 60);
    for (let i = 0; i < 10; i++) {
      const guess = await client().mutate('auth.signUp', {
        name: 'Guesser',
        email: studio.ownerEmail,
        password: `wrong guess ${i}`,
        studioName: 'Guess Studio',
      });
      expectRefused(guess, 'EMAIL_TAKEN', 409);
    }
    const c = client();
    expectRefused(
      await c.mutate('auth.signUp', { name: 'Guesser', email: studio.ownerEmail, password: studio.ownerPassword, studioName: 'Guess Studio' }),
      'RATE_LIMITED',
      429,
    );
    expectRefused(await c.mutate('auth.logIn', { email: studio.ownerEmail, password: studio.ownerPassword }), 'RATE_LIMITED', 429);
    expect(c.cookie).toBeNull();
  });

  it('refuses the 31st attempt from one IP, whatever the account, while other IPs still log in', async () => {
    const studio = await createStudio(server);
    await clearOfWindowEdge(15 * 60);
    const ip = freshIp();
    const sameIp = () => new ApiClient(server.app, { ip });
    for (let i = 0; i < 30; i++) {
      expectRefused(await sameIp().mutate('auth.logIn', { email: uniqueEmail('spray'), password: 'guess guess' }), 'INVALID_CREDENTIALS', 401);
    }
    const blocked = await sameIp().mutate('auth.logIn', { email: studio.ownerEmail, password: studio.ownerPassword });
    expectRefused(blocked, 'RATE_LIMITED', 429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await client().mutate('auth.logIn', { email: studio.ownerEmail, password: studio.ownerPassword })).error).toBeUndefined();
  });

  it('limits password-reset requests per account', async () => {
    const studio = await createStudio(server);
    await clearOfWindowEdge(60 * 60);
    for (let i = 0; i < 3; i++) expect((await client().mutate('auth.requestPasswordReset', { email: studio.ownerEmail })).error).toBeUndefined();
    expectRefused(await client().mutate('auth.requestPasswordReset', { email: studio.ownerEmail }), 'RATE_LIMITED', 429);
    expect(await mailCount(studio.ownerEmail)).toBe(1 + 3); // welcome + three links
  });
});

describe('password reset', () => {
  it('answers an unknown e-mail like a known one and sends nothing', async () => {
    const studio = await createStudio(server);
    const nobody = uniqueEmail('nobody');
    const unknown = await client().mutate('auth.requestPasswordReset', { email: nobody });
    const known = await client().mutate('auth.requestPasswordReset', { email: studio.ownerEmail });
    expect(unknown.data).toEqual({ ok: true });
    expect({ status: unknown.status, data: unknown.data, error: unknown.error }).toEqual({ status: known.status, data: known.data, error: known.error });
    expect(await mailCount(nobody)).toBe(0);
    const [tokens] = await server.platform.controlDb.select({ n: count() }).from(control.passwordResetTokens);
    expect(tokens!.n).toBeGreaterThan(0);
  });

  it('answers a known address without waiting for its token and mail (they are made after the answer)', async () => {
    const studio = await createStudio(server);
    // Hold every mail back: were the token and mail on the request path, the answer would wait for them and this test time out.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const send = server.platform.mailer.send.bind(server.platform.mailer);
    const spy = vi.spyOn(server.platform.mailer, 'send').mockImplementation(async (mail) => {
      await held;
      return send(mail);
    });
    try {
      const known = await client().mutate('auth.requestPasswordReset', { email: studio.ownerEmail });
      const unknown = await client().mutate('auth.requestPasswordReset', { email: uniqueEmail('nobody') });
      expect(known.error).toBeUndefined();
      expect({ status: known.status, data: known.data }).toEqual({ status: unknown.status, data: unknown.data });
      expect(pendingAfterResponse.size).toBeGreaterThan(0);
    } finally {
      release();
      spy.mockRestore();
    }
    expect(await tokenFromOutbox(server, studio.ownerEmail, '/reset-password')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('mails a link that resets the password once, logs every session out, and retires the old password', async () => {
    const studio = await createStudio(server);
    const before = await mailCount(studio.ownerEmail);
    expect((await client().mutate('auth.requestPasswordReset', { email: studio.ownerEmail.toUpperCase() })).data).toEqual({ ok: true });
    expect(await mailCount(studio.ownerEmail)).toBe(before + 1);
    const [mail] = await server.platform.controlDb
      .select()
      .from(control.mailOutbox)
      .where(and(eq(control.mailOutbox.toAddress, studio.ownerEmail), eq(control.mailOutbox.template, 'password-reset')));
    expect(mail!.textBody).toMatch(/http:\/\/localhost:3000\/reset-password\?token=[A-Za-z0-9_-]{40,}/);
    expect(mail!.htmlBody).toContain('/reset-password?token=');
    const token = await tokenFromOutbox(server, studio.ownerEmail, '/reset-password');

    const userId = await userIdByEmail(server, studio.ownerEmail);
    expect(await sessionCount(userId)).toBeGreaterThan(0);
    const reset = await client().mutate('auth.resetPassword', { token, password: 'a brand new password' });
    expect(reset.data).toEqual({ ok: true });
    expect(await sessionCount(userId)).toBe(0);

    // The sign-up session is gone.
    expectRefused(await studio.owner.query('studio.get', undefined, studio.slug), 'UNAUTHORIZED', 401);
    // Second use of the link.
    expectRefused(await client().mutate('auth.resetPassword', { token, password: 'yet another password' }), 'TOKEN_INVALID', 400);
    expectRefused(await client().mutate('auth.logIn', { email: studio.ownerEmail, password: 'yet another password' }), 'INVALID_CREDENTIALS', 401);
    expectRefused(await client().mutate('auth.logIn', { email: studio.ownerEmail, password: studio.ownerPassword }), 'INVALID_CREDENTIALS', 401);
    const fresh = client();
    expect((await fresh.mutate('auth.logIn', { email: studio.ownerEmail, password: 'a brand new password' })).error).toBeUndefined();
    expect((await fresh.query<{ slug: string }>('studio.get', undefined, studio.slug)).data?.slug).toBe(studio.slug);
  });

  it('refuses an expired link and keeps the password', async () => {
    const studio = await createStudio(server);
    await client().mutate('auth.requestPasswordReset', { email: studio.ownerEmail });
    const token = await tokenFromOutbox(server, studio.ownerEmail, '/reset-password');
    const expired = await server.platform.controlDb
      .update(control.passwordResetTokens)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(control.passwordResetTokens.tokenHash, hashToken(token)))
      .returning();
    expect(expired).toHaveLength(1);
    expectRefused(await client().mutate('auth.resetPassword', { token, password: 'a brand new password' }), 'TOKEN_INVALID', 400);
    expect((await client().mutate('auth.logIn', { email: studio.ownerEmail, password: studio.ownerPassword })).error).toBeUndefined();
    expectRefused(await client().mutate('auth.logIn', { email: studio.ownerEmail, password: 'a brand new password' }), 'INVALID_CREDENTIALS', 401);
    expect((await studio.owner.query('studio.get', undefined, studio.slug)).error).toBeUndefined();
  });

  it('a reset retires every other pending link of the account', async () => {
    const studio = await createStudio(server);
    await client().mutate('auth.requestPasswordReset', { email: studio.ownerEmail });
    const older = await tokenFromOutbox(server, studio.ownerEmail, '/reset-password');
    await client().mutate('auth.requestPasswordReset', { email: studio.ownerEmail });
    const newer = await tokenFromOutbox(server, studio.ownerEmail, '/reset-password');
    expect(newer).not.toBe(older);
    expect((await client().mutate('auth.resetPassword', { token: newer, password: 'chosen by the owner' })).data).toEqual({ ok: true });
    // Whoever else holds the older link (a forwarded or leaked mail) must not take the account back.
    expectRefused(await client().mutate('auth.resetPassword', { token: older, password: 'chosen by someone else' }), 'TOKEN_INVALID', 400);
    expect((await client().mutate('auth.logIn', { email: studio.ownerEmail, password: 'chosen by the owner' })).error).toBeUndefined();
  });

  it('refuses a made-up token', async () => {
    expectRefused(
      await client().mutate('auth.resetPassword', { token: randomBytes(32).toString('base64url'), password: 'a brand new password' }),
      'TOKEN_INVALID',
      400,
    );
  });
});

describe('invitations', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await createStudio(server, { studioName: 'Invite Hall' });
    // Every case invites someone new: more than a Starter plan's seats (the seat limit has its own suite).
    await setPlan(server, studio.id, 'enterprise');
  });

  async function invite(email: string, role = 'engineer') {
    const result = await studio.owner.mutate<{ invitationId: string; inviteUrl: string }>('members.invite', { email, role }, studio.slug);
    expect(result.error, JSON.stringify(result.error)).toBeUndefined();
    const token = await tokenFromOutbox(server, email, '/invite');
    expect(result.data!.inviteUrl).toBe(`http://localhost:3000/invite?token=${token}`);
    return { ...result.data!, token };
  }

  async function invitationRow(id: string) {
    const [row] = await server.platform.controlDb.select().from(control.invitations).where(eq(control.invitations.id, id));
    return row!;
  }

  it('previews an invitation to a new address', async () => {
    const email = uniqueEmail('newbie');
    const { token } = await invite(email, 'assistant');
    const preview = await client().query('invitations.preview', { token });
    expect(preview.data).toEqual({
      studioName: 'Invite Hall',
      studioSlug: studio.slug,
      email,
      role: 'assistant',
      accountExists: false,
      signedInAsInvitee: false,
    });
  });

  it('a new account accepts with a name and password, and is logged in', async () => {
    const email = uniqueEmail('newbie');
    const { token, invitationId } = await invite(email);
    const c = client();
    expectRefused(await c.mutate('invitations.accept', { token }), 'BAD_REQUEST', 400);
    expect((await invitationRow(invitationId)).acceptedAt).toBeNull();

    const accepted = await c.mutate('invitations.accept', { token, name: 'New Person', password: 'new person password' });
    expect(accepted.data).toEqual({ studioSlug: studio.slug });
    expect(c.cookie).not.toBeNull();
    const me = await c.query<{ user: { email: string }; studios: { slug: string; role: string }[] }>('auth.me');
    expect(me.data?.user.email).toBe(email);
    expect(me.data?.studios).toEqual([expect.objectContaining({ slug: studio.slug, role: 'engineer' })]);
    expect((await invitationRow(invitationId)).acceptedAt).not.toBeNull();
    expect((await client().mutate('auth.logIn', { email, password: 'new person password' })).error).toBeUndefined();

    // Used: the link is dead.
    expectRefused(await client().query('invitations.preview', { token }), 'TOKEN_INVALID', 400);
    expectRefused(await client().mutate('invitations.accept', { token, name: 'Again', password: 'another password' }), 'TOKEN_INVALID', 400);
  });

  it('an existing account must be logged in as the invited address', async () => {
    const other = await createStudio(server);
    const stranger = await createStudio(server);
    const { token, invitationId } = await invite(other.ownerEmail, 'manager');
    const userId = await userIdByEmail(server, other.ownerEmail);

    expect((await client().query<{ accountExists: boolean; signedInAsInvitee: boolean }>('invitations.preview', { token })).data).toMatchObject({
      accountExists: true,
      signedInAsInvitee: false,
    });
    expectRefused(await client().mutate('invitations.accept', { token, name: 'Hijack', password: 'attacker password' }), 'UNAUTHORIZED', 401);
    expectRefused(await stranger.owner.mutate('invitations.accept', { token, name: 'Hijack', password: 'attacker password' }), 'UNAUTHORIZED', 401);
    expect((await invitationRow(invitationId)).acceptedAt).toBeNull();
    expect(await membershipRole(server, studio.id, userId)).toBeNull();
    expect(await membershipRole(server, studio.id, stranger.ownerId)).toBeNull();

    expect((await other.owner.query<{ signedInAsInvitee: boolean }>('invitations.preview', { token })).data?.signedInAsInvitee).toBe(true);
    const accepted = await other.owner.mutate('invitations.accept', { token, name: 'Ignored', password: 'ignored password' });
    expect(accepted.data).toEqual({ studioSlug: studio.slug });
    expect(await membershipRole(server, studio.id, userId)).toBe('manager');
    // Their password is theirs: accepting did not change it.
    expect((await client().mutate('auth.logIn', { email: other.ownerEmail, password: other.ownerPassword })).error).toBeUndefined();
    const studios = await other.owner.query<{ studios: { slug: string }[] }>('auth.me');
    expect(studios.data!.studios.map((s) => s.slug).sort()).toEqual([other.slug, studio.slug].sort());
  });

  it('two studios’ invitations to the same new address, accepted at once, make one account and a clean answer', async () => {
    // Timing-dependent: a few rounds make a lost race very likely to show.
    for (const round of [1, 2, 3]) {
      const other = await createStudio(server);
      const email = uniqueEmail(`twice-${round}`);
      const first = await invite(email);
      const secondInvite = await other.owner.mutate<{ invitationId: string }>('members.invite', { email, role: 'assistant' }, other.slug);
      const secondToken = await tokenFromOutbox(server, email, '/invite');
      const results = await Promise.all(
        [first.token, secondToken].map((token) => client().mutate('invitations.accept', { token, name: 'Twice Invited', password: 'twice invited password' })),
      );
      // One creates the account; the other may be refused with a reason (log in, then accept), never with a server error.
      for (const result of results) expect(result.error?.data.appCode, JSON.stringify(result.error)).not.toBe('INTERNAL');
      expect(results.filter((r) => r.error === undefined).length).toBeGreaterThanOrEqual(1);
      const accounts = await server.platform.controlDb.select().from(control.users).where(eq(control.users.email, email));
      expect(accounts).toHaveLength(1);
      // A refused acceptance leaves its invitation usable by the new account.
      const both: [string, string][] = [
        [first.invitationId, first.token],
        [secondInvite.data!.invitationId, secondToken],
      ];
      for (const [id, token] of both) {
        if ((await invitationRow(id)).acceptedAt === null) {
          const member = client();
          expect((await member.mutate('auth.logIn', { email, password: 'twice invited password' })).error).toBeUndefined();
          expect((await member.mutate('invitations.accept', { token })).error).toBeUndefined();
        }
      }
      expect(await membershipRole(server, studio.id, accounts[0]!.id)).toBe('engineer');
      expect(await membershipRole(server, other.id, accounts[0]!.id)).toBe('assistant');
    }
  });

  it('a revoked invitation, or one replaced by a newer one, is dead', async () => {
    const email = uniqueEmail('revoked');
    const first = await invite(email);
    const second = await invite(email);
    expect((await invitationRow(first.invitationId)).revokedAt).not.toBeNull();
    expectRefused(await client().query('invitations.preview', { token: first.token }), 'TOKEN_INVALID', 400);
    expectRefused(await client().mutate('invitations.accept', { token: first.token, name: 'Old', password: 'old link password' }), 'TOKEN_INVALID', 400);

    expect((await studio.owner.mutate('members.revokeInvitation', { id: second.invitationId }, studio.slug)).data).toEqual({ ok: true });
    expectRefused(await client().query('invitations.preview', { token: second.token }), 'TOKEN_INVALID', 400);
    expectRefused(await client().mutate('invitations.accept', { token: second.token, name: 'Late', password: 'late link password' }), 'TOKEN_INVALID', 400);
    const users = await server.platform.controlDb.select().from(control.users).where(eq(control.users.email, email));
    expect(users).toHaveLength(0);
  });

  it('an expired invitation is dead', async () => {
    const email = uniqueEmail('expired');
    const { token, invitationId } = await invite(email);
    await server.platform.controlDb
      .update(control.invitations)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(control.invitations.id, invitationId));
    expectRefused(await client().mutate('invitations.accept', { token, name: 'Late', password: 'late link password' }), 'TOKEN_INVALID', 400);
    expect((await invitationRow(invitationId)).acceptedAt).toBeNull();
  });
});

describe('platform operator', () => {
  const OPERATOR = 'op@example.test';
  const OPERATOR_PASSWORD = 'operator initial password';
  let ops: TestServer;
  beforeAll(async () => {
    ops = await createTestServer({ OPERATOR_EMAILS: OPERATOR, OPERATOR_INITIAL_PASSWORD: OPERATOR_PASSWORD });
    await ensureOperatorAccounts(ops.platform);
  });
  afterAll(async () => ops?.close());

  it('creates the account once, and the operator reads the outbox', async () => {
    await ensureOperatorAccounts(ops.platform);
    const accounts = await ops.platform.controlDb.select().from(control.users).where(eq(control.users.email, OPERATOR));
    expect(accounts).toHaveLength(1);

    const owner = new ApiClient(ops.app, { ip: freshIp() });
    const ownerEmail = uniqueEmail('owner');
    await owner.mutate('auth.signUp', { name: 'Owner', email: ownerEmail, password: 'correct horse battery', studioName: 'Outbox Studio' });

    const op = new ApiClient(ops.app, { ip: freshIp() });
    expect((await op.mutate('auth.logIn', { email: OPERATOR, password: OPERATOR_PASSWORD })).error).toBeUndefined();
    expect((await op.query<{ user: { isOperator: boolean } }>('auth.me')).data?.user.isOperator).toBe(true);
    const outbox = await op.query<{ items: { to: string; template: string }[] }>('operator.outbox');
    expect(outbox.data?.items).toEqual(expect.arrayContaining([expect.objectContaining({ to: ownerEmail, template: 'welcome' })]));

    expectRefused(await owner.query('operator.outbox'), 'FORBIDDEN', 403);
    expect((await owner.query<{ user: { isOperator: boolean } }>('auth.me')).data?.user.isOperator).toBe(false);
    expectRefused(await new ApiClient(ops.app, { ip: freshIp() }).query('operator.outbox'), 'UNAUTHORIZED', 401);
  });

  it('refuses to sign up with an operator address, in any case, and creates nothing', async () => {
    const [before] = await ops.platform.controlDb.select({ n: count() }).from(control.studios);
    for (const email of [OPERATOR, OPERATOR.toUpperCase()]) {
      const result = await new ApiClient(ops.app, { ip: freshIp() }).mutate('auth.signUp', {
        name: 'Sneaky',
        email,
        password: 'correct horse battery',
        studioName: 'Sneaky Studio',
      });
      expectRefused(result, 'EMAIL_TAKEN', 409);
    }
    const [after] = await ops.platform.controlDb.select({ n: count() }).from(control.studios);
    expect(after!.n).toBe(before!.n);
  });

  it('answers an operator address exactly like any address in use, and the answer offers log-in or reset without confirming more', async () => {
    const taken = await signUpStudio(new ApiClient(ops.app, { ip: freshIp() }));
    const answers = [];
    for (const email of [OPERATOR, taken.email]) {
      // Not the account's password: with it, signing up again is a log-in (it finishes a sign-up a crash interrupted).
      const result = await new ApiClient(ops.app, { ip: freshIp() }).mutate('auth.signUp', {
        name: 'Someone',
        email,
        password: 'not the owner password',
        studioName: 'Some Studio',
      });
      answers.push({ status: result.status, message: result.error?.message, appCode: result.error?.data.appCode, params: result.error?.data.params });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]!.message).toBe('If you already have an account with this address, log in or reset your password.');
  });

  it('an invitation cannot create the account of an operator address that has none yet', async () => {
    // An operator named in OPERATOR_EMAILS whose account was not created (no OPERATOR_INITIAL_PASSWORD at start).
    const pending = await createTestServer({ OPERATOR_EMAILS: 'late-op@example.test' });
    try {
      await ensureOperatorAccounts(pending.platform);
      const owner = new ApiClient(pending.app, { ip: freshIp() });
      const signUp = await owner.mutate<{ studioSlug: string }>('auth.signUp', {
        name: 'Owner',
        email: uniqueEmail('owner'),
        password: 'correct horse battery',
        studioName: 'Escalation',
      });
      const invited = await owner.mutate<{ inviteUrl: string }>('members.invite', { email: 'late-op@example.test', role: 'engineer' }, signUp.data!.studioSlug);
      const attacker = new ApiClient(pending.app, { ip: freshIp() });
      if (invited.data) {
        // The inviter holds the link (it is returned to them) and accepts it with a password of their choosing.
        const token = new URL(invited.data.inviteUrl).searchParams.get('token')!;
        await attacker.mutate('invitations.accept', { token, name: 'Not the operator', password: 'attacker chosen password' });
      }
      const outbox = await attacker.query('operator.outbox');
      expect(outbox.data, 'the inviter made themselves platform operator').toBeUndefined();
      expect(['UNAUTHORIZED', 'FORBIDDEN']).toContain(outbox.error?.data.appCode);
      const accounts = await pending.platform.controlDb.select().from(control.users).where(eq(control.users.email, 'late-op@example.test'));
      expect(accounts).toHaveLength(0);
    } finally {
      await pending.close();
    }
  });
});

describe('tokens are not interchangeable', () => {
  it('a pending reset link of another user cannot be used to reach a studio', async () => {
    const studio = await createStudio(server);
    await client().mutate('auth.requestPasswordReset', { email: studio.ownerEmail });
    const token = await tokenFromOutbox(server, studio.ownerEmail, '/reset-password');
    const [row] = await server.platform.controlDb
      .select()
      .from(control.passwordResetTokens)
      .where(and(eq(control.passwordResetTokens.tokenHash, hashToken(token)), isNull(control.passwordResetTokens.usedAt)));
    expect(row).toBeDefined();
    // The reset token is not a session token.
    const c = client();
    c.cookie = `rsm_session=${token}`;
    expectRefused(await c.query('studio.get', undefined, studio.slug), 'UNAUTHORIZED', 401);
  });
});
