/**
 * What the server writes to its logs: one line per request with a request id
 * (taken from a well-formed `x-request-id`, else generated) and never a
 * secret — no password, no session token, no reset or invitation token —
 * even at the most verbose level.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, uniqueEmail } from '../support/api.ts';
import { freshIp, tokenFromOutbox } from '../support/studios.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ LOG_LEVEL: 'trace' });
});
afterAll(async () => server?.close());

interface LogLine {
  msg: string;
  reqId?: string;
  path?: string;
  method?: string;
  status?: number;
}

const parsed = (from = 0): LogLine[] =>
  server.logs
    .slice(from)
    .join('')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LogLine);

const sessionToken = (client: ApiClient) => {
  expect(client.cookie).toMatch(/^rsm_session=.{20,}/);
  return client.cookie!.slice('rsm_session='.length);
};

describe('secrets never reach the logs', () => {
  const secrets: Record<string, string> = {};
  let from = 0;

  beforeAll(async () => {
    from = server.logs.length;
    const email = uniqueEmail('logged');
    secrets.signUpPassword = 'sign-up secret p4ssword';
    const owner = new ApiClient(server.app, { ip: freshIp() });
    const signUp = await owner.mutate<{ studioSlug: string }>('auth.signUp', {
      name: 'Log Watcher',
      email,
      password: secrets.signUpPassword,
      studioName: 'Quiet Logs',
    });
    const slug = signUp.data!.studioSlug;
    secrets.signUpSession = sessionToken(owner);

    const wrong = new ApiClient(server.app, { ip: freshIp() });
    await wrong.mutate('auth.logIn', { email, password: 'wrong-password-guess-xyz' });
    secrets.wrongPassword = 'wrong-password-guess-xyz';

    const login = new ApiClient(server.app, { ip: freshIp() });
    expect((await login.mutate('auth.logIn', { email, password: secrets.signUpPassword })).error).toBeUndefined();
    secrets.logInSession = sessionToken(login);
    await login.query('studio.get', undefined, slug);

    await new ApiClient(server.app, { ip: freshIp() }).mutate('auth.requestPasswordReset', { email });
    secrets.resetToken = await tokenFromOutbox(server, email, '/reset-password');
    secrets.newPassword = 'after-reset secret p4ssword';
    expect(
      (await new ApiClient(server.app, { ip: freshIp() }).mutate('auth.resetPassword', { token: secrets.resetToken, password: secrets.newPassword })).data,
    ).toEqual({ ok: true });
    // A second use fails: its error path is logged too.
    await new ApiClient(server.app, { ip: freshIp() }).mutate('auth.resetPassword', { token: secrets.resetToken, password: secrets.newPassword });

    const relogin = new ApiClient(server.app, { ip: freshIp() });
    expect((await relogin.mutate('auth.logIn', { email, password: secrets.newPassword })).error).toBeUndefined();
    secrets.reloginSession = sessionToken(relogin);

    const invitee = uniqueEmail('invitee');
    expect((await relogin.mutate('members.invite', { email: invitee, role: 'engineer' }, slug)).error).toBeUndefined();
    secrets.invitationToken = await tokenFromOutbox(server, invitee, '/invite');
    const joiner = new ApiClient(server.app, { ip: freshIp() });
    // A query: the token travels in the query string.
    expect((await joiner.query('invitations.preview', { token: secrets.invitationToken })).error).toBeUndefined();
    secrets.inviteePassword = 'invitee secret p4ssword';
    expect(
      (await joiner.mutate('invitations.accept', { token: secrets.invitationToken, name: 'Joiner', password: secrets.inviteePassword })).error,
    ).toBeUndefined();
    secrets.inviteeSession = sessionToken(joiner);
    await joiner.mutate('auth.logOut');
  });

  it('logged every one of those requests', () => {
    const paths = parsed(from)
      .filter((l) => l.msg === 'request')
      .map((l) => l.path);
    for (const path of [
      '/trpc/auth.signUp',
      '/trpc/auth.logIn',
      '/trpc/auth.requestPasswordReset',
      '/trpc/auth.resetPassword',
      '/trpc/invitations.preview',
      '/trpc/invitations.accept',
      '/trpc/auth.logOut',
    ]) {
      expect(paths).toContain(path);
    }
  });

  it.each([
    'signUpPassword',
    'wrongPassword',
    'newPassword',
    'inviteePassword',
    'signUpSession',
    'logInSession',
    'reloginSession',
    'inviteeSession',
    'resetToken',
    'invitationToken',
  ])('contain no %s', (name) => {
    const secret = secrets[name]!;
    expect(secret.length).toBeGreaterThan(10);
    const text = server.logs.join('');
    expect(text.includes(secret), `${name} found in the logs`).toBe(false);
    expect(text.includes(encodeURIComponent(secret)), `${name} (URL-encoded) found in the logs`).toBe(false);
  });

  it('log query strings of no request', () => {
    for (const line of parsed(from).filter((l) => l.msg === 'request')) expect(line.path).not.toContain('?');
  });
});

describe('request ids', () => {
  it('every request line carries a request id, distinct per request', async () => {
    const from = server.logs.length;
    for (let i = 0; i < 5; i++) await server.app.inject({ method: 'GET', url: '/healthz' });
    await new ApiClient(server.app).query('auth.me');
    const lines = parsed(from).filter((l) => l.msg === 'request');
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(line.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(lines.map((l) => l.reqId)).size).toBe(6);
  });

  it('a well-formed x-request-id is echoed and used in the log line', async () => {
    const from = server.logs.length;
    const id = 'edge-proxy.4f2a9c_17';
    const response = await server.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': id } });
    expect(response.headers['x-request-id']).toBe(id);
    const [line] = parsed(from).filter((l) => l.msg === 'request');
    expect(line).toMatchObject({ reqId: id, path: '/healthz', status: 200 });
  });

  it.each([
    ['too short', 'abc'],
    ['with spaces and a newline', 'bad id\nforged log line'],
    ['too long', 'x'.repeat(65)],
    ['with markup', '<script>alert(1)</script>'],
  ])('an x-request-id %s is replaced by a generated one', async (_what, id) => {
    const from = server.logs.length;
    const response = await server.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': id } });
    const echoed = response.headers['x-request-id'];
    expect(echoed).not.toBe(id);
    expect(echoed).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(parsed(from).find((l) => l.msg === 'request')?.reqId).toBe(echoed);
  });

  it('tRPC answers carry the request id too', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/trpc/auth.me', headers: { 'x-request-id': 'trpc-call-0001' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-request-id']).toBe('trpc-call-0001');
  });
});
