/**
 * A browser of the client portal in tests: keeps every cookie it is given (portal and staff), calls the
 * API through the real HTTP stack, path form (`/s/<slug>/trpc`) or host form (`host` option → `/trpc`).
 * Also: fixtures for portal clients and the login link read back from the outbox.
 */
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { control, tenant } from '@rsm/db';
import { settleAfterResponse } from '../../apps/server/src/platform/after-response.ts';
import type { ApiResult } from './api.ts';
import type { TestServer } from './platform.ts';
import { freshIp, withStudioDb } from './studios.ts';

export class PortalBrowser {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: FastifyInstance,
    readonly slug: string,
    readonly options: { host?: string; ip?: string; userAgent?: string } = {},
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async raw(method: 'GET' | 'POST', url: string, body?: unknown) {
    const response = await this.app.inject({
      method,
      url,
      headers: {
        ...(this.cookies.size ? { cookie: this.cookieHeader } : {}),
        ...(this.options.host ? { host: this.options.host } : {}),
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        'user-agent': this.options.userAgent ?? 'vitest portal browser',
      },
      remoteAddress: this.options.ip ?? '127.0.0.1',
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    for (const c of response.cookies) {
      if (c.value && !(c.expires && c.expires.getTime() < Date.now())) this.cookies.set(c.name, c.value);
      else this.cookies.delete(c.name);
    }
    return response;
  }

  private base() {
    return this.options.host ? '/trpc' : `/s/${this.slug}/trpc`;
  }

  private async call<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<ApiResult<T>> {
    const response = await this.raw(method, url, body);
    const json = response.json() as { result?: { data: T }; error?: ApiResult['error'] };
    return { status: response.statusCode, data: json.result?.data, error: json.error, headers: response.headers };
  }

  query<T = unknown>(procedure: string, input?: unknown): Promise<ApiResult<T>> {
    const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.call<T>('GET', `${this.base()}/${procedure}${qs}`);
  }

  mutate<T = unknown>(procedure: string, input?: unknown): Promise<ApiResult<T>> {
    return this.call<T>('POST', `${this.base()}/${procedure}`, input ?? {});
  }
}

export function newBrowser(server: TestServer, slug: string, options: { host?: string; ip?: string } = {}) {
  return new PortalBrowser(server.app, slug, { ip: freshIp(), ...options });
}

export async function insertClient(
  server: TestServer,
  studioId: string,
  fields: Partial<typeof tenant.clients.$inferInsert> & { name: string },
): Promise<string> {
  return withStudioDb(server, studioId, async (db) => {
    const [row] = await db.insert(tenant.clients).values(fields).returning({ id: tenant.clients.id });
    return row!.id;
  });
}

/** Wait for the link mails sent off the request path. */
export async function mailsSettled(): Promise<void> {
  await settleAfterResponse();
}

/** The newest portal log-in link mailed to `to`: the whole URL and its token. */
export async function portalLinkFromOutbox(server: TestServer, to: string): Promise<{ url: string; token: string }> {
  await mailsSettled();
  const rows = await server.platform.controlDb
    .select()
    .from(control.mailOutbox)
    .where(eq(control.mailOutbox.toAddress, to))
    .orderBy(desc(control.mailOutbox.createdAt));
  for (const row of rows) {
    const match = /(https?:\/\/\S+\/portal\/login\?token=([A-Za-z0-9_-]+))/.exec(row.textBody);
    if (match) return { url: match[1]!, token: match[2]! };
  }
  throw new Error(`no portal link mailed to ${to}`);
}

export async function outboxCount(server: TestServer, to: string): Promise<number> {
  await mailsSettled();
  const rows = await server.platform.controlDb.select({ id: control.mailOutbox.id }).from(control.mailOutbox).where(eq(control.mailOutbox.toAddress, to));
  return rows.length;
}

/** Log a client in through the real flow: request a link, read it from the outbox, confirm it. */
export async function logInByLink(server: TestServer, browser: PortalBrowser, email: string): Promise<void> {
  const requested = await browser.mutate('portal.requestLink', { email });
  if (requested.error) throw new Error(`requestLink failed: ${JSON.stringify(requested.error)}`);
  const { token } = await portalLinkFromOutbox(server, email);
  const confirmed = await browser.mutate('portal.confirmLink', { token });
  if (confirmed.error) throw new Error(`confirmLink failed: ${JSON.stringify(confirmed.error)}`);
}
