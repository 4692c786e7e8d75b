/**
 * The built web app's files: hashed assets go out pre-compressed (brotli, else gzip, else as they are) by the
 * visitor's Accept-Encoding, cached for a year as immutable, with `Vary: Accept-Encoding` so a shared cache
 * never hands a brotli body to a client that did not ask for it; index.html is revalidated on every visit.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../apps/web/build/precompress.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';

const SCRIPT = `export const greeting = ${JSON.stringify('hello studio '.repeat(400))};\n`;
const dist = mkdtempSync(join(tmpdir(), 'rsm-web-dist-'));
let server: TestServer;

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head></head><body><div id="root"></div></body></html>');
  writeFileSync(join(dist, 'assets', 'app-Ab12Cd34.js'), SCRIPT);
  writeFileSync(join(dist, 'assets', 'tiny-Ef56Gh78.js'), 'export {};\n');
  expect(precompressDir(join(dist, 'assets'))).toBe(1); // the tiny file is not worth compressing
  server = await createTestServer({ WEB_DIST_DIR: dist });
});
afterAll(async () => {
  await server?.close();
  rmSync(dist, { recursive: true, force: true });
});

function get(url: string, acceptEncoding?: string) {
  return server.app.inject({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });
}

describe('hashed assets', () => {
  it('go out as brotli to a browser that accepts it, with long-lived immutable caching', async () => {
    const response = await get('/assets/app-Ab12Cd34.js', 'gzip, deflate, br, zstd');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(response.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(response.rawPayload.length).toBeLessThan(SCRIPT.length / 5);
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(SCRIPT);
  });

  it('go out as gzip when brotli is not accepted', async () => {
    const response = await get('/assets/app-Ab12Cd34.js', 'gzip');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(String(response.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(gunzipSync(response.rawPayload).toString()).toBe(SCRIPT);
  });

  it('go out as they are to a client that accepts no compression', async () => {
    for (const acceptEncoding of [undefined, 'identity']) {
      const response = await get('/assets/app-Ab12Cd34.js', acceptEncoding);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.body).toBe(SCRIPT);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(String(response.headers.vary).toLowerCase()).toContain('accept-encoding');
    }
  });

  it('are served as they are when no compressed copy exists', async () => {
    const response = await get('/assets/tiny-Ef56Gh78.js', 'br, gzip');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body).toBe('export {};\n');
  });

  it('answer 404 for a file that does not exist, whatever the encoding', async () => {
    expect((await get('/assets/missing-Zz99.js', 'br')).statusCode).toBe(404);
  });
});

describe('index.html', () => {
  it('is revalidated on every visit, so a new release is picked up at once', async () => {
    const response = await get('/s/lumiere/calendar', 'br, gzip');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain('<div id="root">');
  });

  it('runs its boot script under a nonce of its own policy, a new one per visit; other answers carry no nonce', async () => {
    const nonces = [];
    for (let i = 0; i < 2; i++) {
      const response = await get('/s/lumiere/calendar');
      const script = /<script nonce="([0-9a-f]{32})">window.__RSM__=(.*?)<\/script>/.exec(response.body);
      expect(script).not.toBeNull();
      const policy = String(response.headers['content-security-policy']);
      expect(policy).toContain(`script-src 'self' 'nonce-${script![1]}'`);
      expect(policy).toContain(`'nonce-${JSON.parse(script![2]!).styleNonce}'`);
      nonces.push(script![1]);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
    const asset = await get('/assets/tiny-Ef56Gh78.js');
    expect(String(asset.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(String(asset.headers['content-security-policy'])).not.toContain('nonce-');
  });
});
