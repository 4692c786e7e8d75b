/**
 * Account → Security beyond the sign-in itself: a studio that requires two-factor sign-in (owners decide,
 * members without it are refused with TWO_FACTOR_REQUIRED until they enrol), and the user's own sessions
 * (listed with device and address, revoked one by one or all but this one, effective at once).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient } from '../support/api.ts';
import { addMember, createStudio, expectRefused, freshIp, snapshot } from '../support/studios.ts';
import { advanceSteps, enrol } from '../support/two-factor.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => server?.close());

describe('a studio that requires two-factor sign-in', () => {
  it('only an enrolled owner can turn it on; members without 2FA are then sent to enrol', async () => {
    const studio = await createStudio(server);
    const engineer = await addMember(server, studio, 'engineer');
    const manager = await addMember(server, studio, 'manager');
    expect((await engineer.client.query('studio.get', undefined, studio.slug)).error).toBeUndefined();

    // Managers may not (owners only); an owner without 2FA is asked to enrol first.
    const before = await snapshot(server, studio.id);
    expectRefused(await manager.client.mutate('studioSecurity.setTwoFactorRequired', { required: true }, studio.slug), 'FORBIDDEN', 403);
    expectRefused(await studio.owner.mutate('studioSecurity.setTwoFactorRequired', { required: true }, studio.slug), 'TWO_FACTOR_REQUIRED', 403);
    expect(await snapshot(server, studio.id)).toEqual(before);

    await enrol(server, studio.owner);
    advanceSteps(server, 2);
    expect((await studio.owner.mutate('studioSecurity.setTwoFactorRequired', { required: true }, studio.slug)).error).toBeUndefined();
    expect((await studio.owner.query<{ requireTwoFactor: boolean }>('studioSecurity.get', undefined, studio.slug)).data).toEqual({ requireTwoFactor: true });

    // At once, for every procedure of the studio, whatever the role; the account's own pages stay open.
    expectRefused(await engineer.client.query('studio.get', undefined, studio.slug), 'TWO_FACTOR_REQUIRED', 403);
    expectRefused(
      await engineer.client.mutate('rooms.create', { name: 'Sneaky', hourlyRateCents: 1000, capacity: 1 }, studio.slug),
      'TWO_FACTOR_REQUIRED',
      403,
    );
    expectRefused(await manager.client.query('studioSecurity.get', undefined, studio.slug), 'TWO_FACTOR_REQUIRED', 403);
    expect((await engineer.client.query('auth.me')).error).toBeUndefined();
    expect((await studio.owner.query('studio.get', undefined, studio.slug)).error).toBeUndefined();

    const enrolment = await enrol(server, engineer.client);
    advanceSteps(server, 2);
    expect((await engineer.client.query('studio.get', undefined, studio.slug)).error).toBeUndefined();
    // Turning 2FA off again closes the studio again.
    expect((await engineer.client.mutate('account.disableTwoFactor', { code: enrolment.code() })).error).toBeUndefined();
    expectRefused(await engineer.client.query('studio.get', undefined, studio.slug), 'TWO_FACTOR_REQUIRED', 403);

    expect((await studio.owner.mutate('studioSecurity.setTwoFactorRequired', { required: false }, studio.slug)).error).toBeUndefined();
    expect((await engineer.client.query('studio.get', undefined, studio.slug)).error).toBeUndefined();
  });
});

type SessionRow = { id: string; userAgent: string | null; ip: string | null; createdAt: string; lastSeenAt: string; current: boolean };

describe('the user’s sessions', () => {
  async function signedIn(email: string, password: string, ip = freshIp()): Promise<ApiClient> {
    const c = new ApiClient(server.app, { ip });
    const result = await c.mutate('auth.logIn', { email, password });
    expect(result.error).toBeUndefined();
    return c;
  }

  it('lists the user’s own sessions with address and marks the current one', async () => {
    const studio = await createStudio(server);
    const laptop = await signedIn(studio.ownerEmail, studio.ownerPassword, '10.9.8.7');
    const list = await laptop.query<SessionRow[]>('account.sessions');
    expect(list.data).toHaveLength(2); // the sign-up's session and this one
    const current = list.data!.filter((s) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ ip: '10.9.8.7' });
    expect(Object.keys(current[0]!).sort()).toEqual(['createdAt', 'current', 'id', 'ip', 'lastSeenAt', 'userAgent']);
  });

  it('revoking a session ends it at once; another user’s session cannot be revoked', async () => {
    const studio = await createStudio(server);
    const phone = await signedIn(studio.ownerEmail, studio.ownerPassword);
    expect((await phone.query('studio.get', undefined, studio.slug)).error).toBeUndefined(); // cached by now
    const laptop = await signedIn(studio.ownerEmail, studio.ownerPassword);
    const phoneSession = (await phone.query<SessionRow[]>('account.sessions')).data!.find((s) => s.current)!;

    const stranger = await createStudio(server);
    expectRefused(await stranger.owner.mutate('account.revokeSession', { id: phoneSession.id }), 'NOT_FOUND', 404);
    expect((await phone.query('studio.get', undefined, studio.slug)).error).toBeUndefined();

    expect((await laptop.mutate('account.revokeSession', { id: phoneSession.id })).error).toBeUndefined();
    expectRefused(await phone.query('studio.get', undefined, studio.slug), 'UNAUTHORIZED', 401);
    expect((await phone.query<{ user: unknown }>('auth.me')).data?.user).toBeNull();
    expect((await laptop.query('studio.get', undefined, studio.slug)).error).toBeUndefined();
  });

  it('"sign out everywhere else" keeps only the current session', async () => {
    const studio = await createStudio(server);
    const others = [await signedIn(studio.ownerEmail, studio.ownerPassword), studio.owner];
    for (const other of others) expect((await other.query('studio.get', undefined, studio.slug)).error).toBeUndefined();
    const here = await signedIn(studio.ownerEmail, studio.ownerPassword);
    const result = await here.mutate<{ revoked: number }>('account.revokeOtherSessions');
    expect(result.data).toEqual({ revoked: 2 });
    for (const other of others) expectRefused(await other.query('studio.get', undefined, studio.slug), 'UNAUTHORIZED', 401);
    const left = await here.query<SessionRow[]>('account.sessions');
    expect(left.data?.map((s) => s.current)).toEqual([true]);
  });

  it('a session revoked on another server (another connection to the control database) stops working within moments', async () => {
    const studio = await createStudio(server);
    const phone = await signedIn(studio.ownerEmail, studio.ownerPassword);
    expect((await phone.query('studio.get', undefined, studio.slug)).error).toBeUndefined(); // cached by now
    const id = (await phone.query<SessionRow[]>('account.sessions')).data!.find((s) => s.current)!.id;
    const otherServer = new pg.Client(server.platform.config.DATABASE_URL);
    await otherServer.connect();
    try {
      await otherServer.query('DELETE FROM auth_sessions WHERE id = $1', [id]);
    } finally {
      await otherServer.end();
    }
    const deadline = Date.now() + 5_000;
    while ((await phone.query('studio.get', undefined, studio.slug)).status !== 401) {
      if (Date.now() > deadline) throw new Error('the revoked session still works on this server');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('every account procedure refuses callers who are not signed in', async () => {
    const anonymous = new ApiClient(server.app, { ip: freshIp() });
    for (const path of ['account.sessions', 'account.twoFactorStatus']) expectRefused(await anonymous.query(path), 'UNAUTHORIZED', 401);
    for (const path of ['account.beginTwoFactor', 'account.revokeOtherSessions']) expectRefused(await anonymous.mutate(path), 'UNAUTHORIZED', 401);
  });
});
