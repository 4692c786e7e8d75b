import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isAllowedOrigin, resolveStudioSlug, studioSlugFromHost, studioSlugFromPath, type OriginConfig } from './origins.ts';

const production: OriginConfig = { APP_URL: 'https://app.example.com', BASE_DOMAIN: 'studios.example.com', NODE_ENV: 'production', CORS_EXTRA_ORIGINS: [] };
const development: OriginConfig = { ...production, APP_URL: 'http://localhost:3000', NODE_ENV: 'development' };

describe('isAllowedOrigin', () => {
  it.each([
    'https://lumiere.studios.example.com',
    'https://a.studios.example.com',
    'https://studio-2.studios.example.com',
    'https://studios.example.com',
    'https://app.example.com',
    'https://lumiere.studios.example.com/',
  ])('allows %s in production', (origin) => {
    expect(isAllowedOrigin(origin, production)).toBe(true);
  });

  it.each([
    ['plain http on a studio', 'http://lumiere.studios.example.com'],
    ['another site', 'https://evil.com'],
    ['the base domain as a prefix', 'https://studios.example.com.evil.com'],
    ['a nested sub-domain', 'https://a.b.studios.example.com'],
    ['a look-alike suffix', 'https://evilstudios.example.com'],
    ['a label starting with a hyphen', 'https://-x.studios.example.com'],
    ['a label ending with a hyphen', 'https://x-.studios.example.com'],
    ['a path', 'https://lumiere.studios.example.com/page'],
    ['credentials', 'https://user:pw@lumiere.studios.example.com'],
    ['a port', 'https://lumiere.studios.example.com:8443'],
    ['upper case (not a browser origin)', 'https://LUMIERE.studios.example.com'],
    ['a trailing dot', 'https://lumiere.studios.example.com.'],
    ['the null origin', 'null'],
    ['garbage', 'not a url'],
    ['an empty string', ''],
    ['another scheme', 'ftp://lumiere.studios.example.com'],
    ['javascript', 'javascript:alert(1)'],
    ['the app over http', 'http://app.example.com'],
  ])('refuses %s in production', (_what, origin) => {
    expect(isAllowedOrigin(origin, production)).toBe(false);
  });

  it('accepts plain http only in development', () => {
    expect(isAllowedOrigin('http://lumiere.studios.example.com', development)).toBe(true);
    expect(isAllowedOrigin('http://lumiere.studios.example.com', { ...development, NODE_ENV: 'test' })).toBe(false);
    expect(isAllowedOrigin('http://a.b.studios.example.com', development)).toBe(false);
    expect(isAllowedOrigin('http://evil.com', development)).toBe(false);
  });

  it('always allows APP_URL’s own origin, and configured extra origins exactly', () => {
    expect(isAllowedOrigin('http://localhost:3000', development)).toBe(true);
    expect(isAllowedOrigin('http://localhost:3001', development)).toBe(false);
    const extra = { ...production, CORS_EXTRA_ORIGINS: ['https://partner.example.org'] };
    expect(isAllowedOrigin('https://partner.example.org', extra)).toBe(true);
    expect(isAllowedOrigin('https://sub.partner.example.org', extra)).toBe(false);
    expect(isAllowedOrigin('https://partner.example.org', production)).toBe(false);
  });

  it('without BASE_DOMAIN only APP_URL and extra origins pass', () => {
    const { BASE_DOMAIN: _unused, ...rest } = production;
    const noBase: OriginConfig = { ...rest, BASE_DOMAIN: undefined };
    expect(isAllowedOrigin('https://app.example.com', noBase)).toBe(true);
    expect(isAllowedOrigin('https://lumiere.studios.example.com', noBase)).toBe(false);
  });

  it('never allows a host outside the base domain or APP_URL (property)', () => {
    const label = fc.stringMatching(/^[a-z0-9-]{1,20}$/);
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 4 }), fc.constantFrom('https', 'http'), (labels, scheme) => {
        const host = labels.join('.');
        const allowed = isAllowedOrigin(`${scheme}://${host}`, production);
        const underBase = host === 'studios.example.com' || host.endsWith('.studios.example.com');
        if (allowed) expect(underBase || host === 'app.example.com').toBe(true);
      }),
    );
  });

  it('allows every single-label https studio sub-domain (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/), (slug) => {
        expect(isAllowedOrigin(`https://${slug}.studios.example.com`, production)).toBe(true);
      }),
    );
  });
});

describe('studioSlugFromHost', () => {
  it.each([
    ['lumiere.studios.example.com', 'lumiere'],
    ['LUMIERE.Studios.Example.com', 'lumiere'],
    ['studio-2.studios.example.com', 'studio-2'],
  ])('%s → %s', (host, slug) => {
    expect(studioSlugFromHost(host, 'studios.example.com')).toBe(slug);
  });

  it.each([
    ['the base domain itself', 'studios.example.com'],
    ['www', 'www.studios.example.com'],
    ['a nested sub-domain', 'a.b.studios.example.com'],
    ['another domain', 'lumiere.evil.com'],
    ['a look-alike suffix', 'lumiere.evilstudios.example.com'],
    ['the base as a prefix', 'lumiere.studios.example.com.evil.com'],
    ['a bad label', '-x.studios.example.com'],
    ['an empty label', '.studios.example.com'],
    ['no host', undefined],
  ])('ignores %s', (_what, host) => {
    expect(studioSlugFromHost(host, 'studios.example.com')).toBeNull();
  });

  it('reads nothing without a BASE_DOMAIN', () => {
    expect(studioSlugFromHost('lumiere.studios.example.com', undefined)).toBeNull();
  });
});

describe('studioSlugFromPath', () => {
  it.each([
    ['/s/lumiere/trpc/studio.get', 'lumiere'],
    ['/s/lumiere', 'lumiere'],
    ['/s/studio-2/settings', 'studio-2'],
  ])('%s → %s', (path, slug) => {
    expect(studioSlugFromPath(path)).toBe(slug);
  });

  it.each(['/trpc/studio.get', '/s/', '/s//trpc', '/s/Lumiere/trpc', '/s/-x/trpc', '/x/s/lumiere/trpc', '/s/lumi%65re/trpc'])('ignores %s', (path) => {
    expect(studioSlugFromPath(path)).toBeNull();
  });
});

describe('resolveStudioSlug', () => {
  const base = 'studios.example.com';

  it('takes the slug from the path, or else from the host', () => {
    expect(resolveStudioSlug('localhost:3000', '/s/lumiere/trpc/studio.get', base)).toEqual({ slug: 'lumiere', conflict: false });
    expect(resolveStudioSlug('lumiere.studios.example.com', '/trpc/studio.get', base)).toEqual({ slug: 'lumiere', conflict: false });
    expect(resolveStudioSlug('lumiere.studios.example.com', '/s/lumiere/trpc/studio.get', base)).toEqual({ slug: 'lumiere', conflict: false });
  });

  it('has no studio on the global endpoint of a non-studio host', () => {
    expect(resolveStudioSlug('studios.example.com', '/trpc/studio.get', base)).toEqual({ slug: null, conflict: false });
    expect(resolveStudioSlug('localhost:3000', '/trpc/studio.get', undefined)).toEqual({ slug: null, conflict: false });
  });

  it('refuses a path and a host that disagree, favouring neither', () => {
    expect(resolveStudioSlug('alpha.studios.example.com', '/s/bravo/trpc/studio.get', base)).toEqual({ slug: null, conflict: true });
    expect(resolveStudioSlug('bravo.studios.example.com', '/s/alpha/trpc/studio.get', base)).toEqual({ slug: null, conflict: true });
  });

  it('never answers a slug other than the path’s or the host’s (property)', () => {
    const slug = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?$/).filter((s) => s !== 'www');
    fc.assert(
      fc.property(slug, slug, (hostSlug, pathSlug) => {
        const result = resolveStudioSlug(`${hostSlug}.${base}`, `/s/${pathSlug}/trpc/x`, base);
        if (hostSlug === pathSlug) expect(result).toEqual({ slug: hostSlug, conflict: false });
        else expect(result).toEqual({ slug: null, conflict: true });
      }),
    );
  });
});
