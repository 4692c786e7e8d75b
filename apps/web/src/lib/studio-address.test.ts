// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { addressUnderSlug } from './studio-address.ts';

const at = (url: string) => {
  const u = new URL(url);
  return { pathname: u.pathname, search: u.search, hash: u.hash, protocol: u.protocol, host: u.host };
};

describe('addressUnderSlug', () => {
  it('moves a path-form page to the current slug, keeping path, query and hash', () => {
    expect(addressUnderSlug(at('http://localhost:3000/s/old/portal/login?token=x#top'), null, 'old', 'new')).toBe('/s/new/portal/login?token=x#top');
    expect(addressUnderSlug(at('http://localhost:3000/s/old'), null, 'old', 'new')).toBe('/s/new');
  });

  it('moves a sub-domain page to the current sub-domain', () => {
    expect(addressUnderSlug(at('https://old.studios.test:8443/book?x=1'), 'old', 'old', 'new')).toBe('https://new.studios.test:8443/book?x=1');
  });

  it('stays when already current or when the address does not name the old slug', () => {
    expect(addressUnderSlug(at('http://localhost/s/new/book'), null, 'new', 'new')).toBeNull();
    expect(addressUnderSlug(at('http://localhost/s/older/book'), null, 'old', 'new')).toBeNull();
  });
});
