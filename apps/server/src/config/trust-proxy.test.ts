import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { fastifyTrustProxy, parseTrustProxy, type TrustProxy } from './trust-proxy.ts';

/** The address Fastify gives a request under `setting`, from `peer` with `forwardedFor`. */
async function clientAddress(setting: TrustProxy, peer: string, forwardedFor?: string): Promise<string> {
  const app = Fastify({ trustProxy: fastifyTrustProxy(setting) });
  app.get('/', (req) => ({ ip: req.ip }));
  try {
    const response = await app.inject({ method: 'GET', url: '/', remoteAddress: peer, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
    return (response.json() as { ip: string }).ip;
  } finally {
    await app.close();
  }
}

describe('parseTrustProxy', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['0', false],
    ['127.0.0.1', { addresses: ['127.0.0.1'] }],
    ['127.0.0.1, 10.0.0.0/8,::1,fd00::/8', { addresses: ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8'] }],
    ['192.168.0.0/255.255.0.0', { addresses: ['192.168.0.0/255.255.0.0'] }],
    ['loopback,uniquelocal', { addresses: ['loopback', 'uniquelocal'] }],
    ['1', { hops: 1 }],
    ['2', { hops: 2 }],
  ])('reads %j', (value, expected) => {
    expect(parseTrustProxy(value, '127.0.0.1')).toEqual(expected);
  });

  it.each(['true', 'yes', '10.0.0.0/33', '300.1.1.1', 'nginx', '127.0.0.1/8/8', '11'])('refuses %j with a message', (value) => {
    const result = parseTrustProxy(value, '127.0.0.1');
    expect(result).toHaveProperty('error');
    expect((result as { error: string }).error).toMatch(/TRUST_PROXY/);
  });

  it('takes a hop count only when the server listens on loopback', () => {
    expect(parseTrustProxy('1', '0.0.0.0')).toHaveProperty('error');
    expect(parseTrustProxy('1', '::1')).toEqual({ hops: 1 });
  });
});

describe('the client address Fastify reads', () => {
  it('is the right-most entry not written by a listed proxy', async () => {
    const nginx: TrustProxy = { addresses: ['127.0.0.1'] };
    expect(await clientAddress(nginx, '127.0.0.1', '127.0.0.1, 6.6.6.6, 198.51.100.7')).toBe('198.51.100.7');
    expect(await clientAddress(nginx, '127.0.0.1', '198.51.100.7')).toBe('198.51.100.7');
  });

  it('is the socket peer when the peer is not a listed proxy, whatever it sends', async () => {
    expect(await clientAddress({ addresses: ['10.0.0.5'] }, '203.0.113.80', '127.0.0.1')).toBe('203.0.113.80');
  });

  it('with a hop count, is the entry that many hops away', async () => {
    // nginx (peer) behind a CDN: the CDN appended the client's address, the client wrote the rest.
    expect(await clientAddress({ hops: 2 }, '127.0.0.1', '127.0.0.1, 198.51.100.7, 192.0.2.10')).toBe('198.51.100.7');
    expect(await clientAddress({ hops: 1 }, '127.0.0.1', '127.0.0.1, 198.51.100.7')).toBe('198.51.100.7');
  });

  it('with a hop count, trusts nothing from a peer that is not local', async () => {
    expect(await clientAddress({ hops: 1 }, '203.0.113.80', '127.0.0.1')).toBe('203.0.113.80');
  });

  it('without TRUST_PROXY, is the socket peer', async () => {
    expect(await clientAddress(false, '203.0.113.80', '127.0.0.1')).toBe('203.0.113.80');
  });
});
