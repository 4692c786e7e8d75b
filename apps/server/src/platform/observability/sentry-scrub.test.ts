import { describe, expect, it } from 'vitest';
import type { ErrorEvent } from '@sentry/node';
import { scrubEvent, scrubText } from './sentry-scrub.ts';

describe('the Sentry scrubber', () => {
  it('drops request, user, breadcrumbs, extras, host name and unknown tags', () => {
    const event = {
      type: undefined,
      message: 'failed for ada@example.com from 198.51.100.4',
      request: {
        url: 'https://x.test/s/a/trpc/p?token=abc',
        cookies: { rsm_session: 's' },
        headers: { cookie: 'rsm_session=s' },
        data: '{"email":"ada@example.com"}',
      },
      user: { email: 'ada@example.com', ip_address: '198.51.100.4' },
      breadcrumbs: [{ message: 'GET /?email=ada@example.com' }],
      extra: { body: { name: 'Ada' } },
      server_name: 'prod-1',
      contexts: { runtime: { name: 'node' }, culture: { locale: 'fr-FR' } },
      tags: { requestId: 'r-1', studioId: 's-1', email: 'ada@example.com' },
      exception: {
        values: [
          {
            type: 'Error',
            value: 'duplicate key (email)=(ada@example.com)\nparams: ada@example.com,Ada',
            stacktrace: { frames: [{ filename: 'a.ts', vars: { password: 'x' } }] },
          },
        ],
      },
    } as unknown as ErrorEvent;
    const out = scrubEvent(event);
    for (const key of ['request', 'user', 'breadcrumbs', 'extra', 'server_name']) expect(out).not.toHaveProperty(key);
    expect(out.tags).toEqual({ requestId: 'r-1', studioId: 's-1' });
    expect(out.contexts).toEqual({ runtime: { name: 'node' } });
    expect(out.message).toBe('failed for [email] from [ip]');
    expect(out.exception?.values?.[0]?.value).toBe('duplicate key (email)=([email])');
    expect(out.exception?.values?.[0]?.stacktrace?.frames?.[0]).toEqual({ filename: 'a.ts' });
    expect(JSON.stringify(out)).not.toMatch(/ada@|Ada|198\.51|rsm_session|token=/);
  });

  it('leaves text without personal data as it is', () => {
    expect(scrubText('relation "rooms" does not exist')).toBe('relation "rooms" does not exist');
  });
});
