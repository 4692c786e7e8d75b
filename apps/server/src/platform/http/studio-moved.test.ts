import { describe, expect, it } from 'vitest';
import { movedLocation } from './studio-moved.ts';

describe('movedLocation', () => {
  it('replaces the path form segment and keeps the rest of the path and the query', () => {
    expect(movedLocation({ url: '/s/old-name/book/confirm?token=a?b', host: 'localhost:3000', protocol: 'http' }, 'old-name', 'new-name', undefined)).toBe(
      '/s/new-name/book/confirm?token=a?b',
    );
    expect(movedLocation({ url: '/s/old-name', host: 'localhost', protocol: 'http' }, 'old-name', 'new-name', undefined)).toBe('/s/new-name');
  });

  it('replaces the sub-domain, keeping scheme, path and query (a port is part of BASE_DOMAIN)', () => {
    expect(
      movedLocation({ url: '/portal/login?token=x', host: 'old-name.studios.test:8443', protocol: 'https' }, 'old-name', 'new-name', 'studios.test:8443'),
    ).toBe('https://new-name.studios.test:8443/portal/login?token=x');
  });

  it('answers null when nothing in the request names the old address (no open redirect to elsewhere)', () => {
    expect(movedLocation({ url: '/s/other/book', host: 'localhost', protocol: 'http' }, 'old-name', 'new-name', undefined)).toBeNull();
    expect(movedLocation({ url: '/s/old-namex/book', host: 'evil.test', protocol: 'http' }, 'old-name', 'new-name', 'studios.test')).toBeNull();
  });
});
