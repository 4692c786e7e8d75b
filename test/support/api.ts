/**
 * Calling the tRPC API through the real HTTP stack (fastify inject), as a
 * browser would: JSON over POST for mutations, GET for queries, cookies kept.
 */
import type { FastifyInstance } from 'fastify';

export interface ApiResult<T = unknown> {
  status: number;
  data?: T;
  error?: { message: string; data: { appCode: string; httpStatus: number; params: Record<string, unknown>; fieldErrors: Record<string, string[]> | null } };
  headers: Record<string, string | string[] | number | undefined>;
}

export class ApiClient {
  cookie: string | null = null;
  constructor(
    private readonly app: FastifyInstance,
    private readonly options: { host?: string; ip?: string } = {},
  ) {}

  private inject(method: 'GET' | 'POST', url: string, body?: unknown) {
    return this.app.inject({
      method,
      url,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.options.host ? { host: this.options.host } : {}),
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      },
      remoteAddress: this.options.ip ?? '127.0.0.1',
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  }

  private async call<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<ApiResult<T>> {
    const response = await this.inject(method, url, body);
    const setCookie = response.cookies.find((c) => c.name === 'rsm_session');
    if (setCookie) this.cookie = setCookie.value ? `rsm_session=${setCookie.value}` : null;
    const json = response.json() as { result?: { data: T }; error?: ApiResult['error'] };
    return { status: response.statusCode, data: json.result?.data, error: json.error, headers: response.headers };
  }

  /** `studio` = slug for the path form (`/s/<slug>/trpc`); omit for the global endpoint. */
  query<T = unknown>(procedure: string, input?: unknown, studio?: string): Promise<ApiResult<T>> {
    const base = studio ? `/s/${studio}/trpc` : '/trpc';
    const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.call<T>('GET', `${base}/${procedure}${qs}`);
  }

  /** Several queries in one request, as the web app's httpBatchLink sends a page's calls: one result per call. */
  async queryBatch(calls: { procedure: string; input?: unknown }[], studio: string): Promise<{ status: number; results: Omit<ApiResult, 'headers'>[] }> {
    const inputs = Object.fromEntries(calls.map((c, i) => [i, c.input]));
    const url = `/s/${studio}/trpc/${calls.map((c) => c.procedure).join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
    const response = await this.inject('GET', url);
    const items = response.json() as { result?: { data: unknown }; error?: ApiResult['error'] }[];
    return {
      status: response.statusCode,
      results: items.map((item) => ({ status: item.error ? item.error.data.httpStatus : 200, data: item.result?.data, error: item.error })),
    };
  }

  mutate<T = unknown>(procedure: string, input?: unknown, studio?: string): Promise<ApiResult<T>> {
    const base = studio ? `/s/${studio}/trpc` : '/trpc';
    return this.call<T>('POST', `${base}/${procedure}`, input ?? {});
  }
}

let counter = 0;
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${Date.now().toString(36)}-${counter++}@example.test`;
}

export async function signUpStudio(client: ApiClient, overrides: Partial<{ name: string; email: string; password: string; studioName: string }> = {}) {
  const input = {
    name: 'Ada Owner',
    email: uniqueEmail('owner'),
    password: 'correct horse battery',
    studioName: `Studio ${Math.random().toString(36).slice(2, 8)}`,
    ...overrides,
  };
  const result = await client.mutate<{ studioSlug: string }>('auth.signUp', input);
  if (!result.data) throw new Error(`sign-up failed: ${JSON.stringify(result.error)}`);
  return { ...input, slug: result.data.studioSlug };
}
