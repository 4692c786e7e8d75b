import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.ts';

describe('security headers computed once', () => {
  it('carry helmet’s protections and the policy, without nonces, for every answer', () => {
    const { common } = securityHeaders({ secure: false });
    expect(common['content-security-policy']).toContain("default-src 'self'");
    expect(common['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(common['content-security-policy']).not.toContain('nonce-');
    expect(common['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(common['x-content-type-options']).toBe('nosniff');
    expect(common['strict-transport-security']).toBeUndefined();
  });

  it('add HSTS and upgrade-insecure-requests over https', () => {
    const { common, pagePolicy } = securityHeaders({ secure: true });
    expect(common['strict-transport-security']).toMatch(/max-age=15552000; includeSubDomains/);
    expect(common['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(pagePolicy().policy).toContain('upgrade-insecure-requests');
  });

  it('give the page fresh nonces in script-src and style-src, different each time', () => {
    const headers = securityHeaders({ secure: false });
    const first = headers.pagePolicy();
    const second = headers.pagePolicy();
    expect(first.nonces.script).toMatch(/^[0-9a-f]{32}$/);
    expect(first.nonces.script).not.toBe(second.nonces.script);
    expect(first.policy).toMatch(new RegExp(`script-src 'self' 'nonce-${first.nonces.script}'`));
    expect(first.policy).toMatch(new RegExp(`style-src 'self' 'unsafe-inline' 'nonce-${first.nonces.style}'`));
    expect(first.policy).not.toContain('__rsm_');
  });
});
