/**
 * A minimal tus 1.0.0 client over real HTTP, for protocol-level tests and the benchmark: create, HEAD,
 * PATCH (from a buffer or a stream), and a PATCH cut off mid-body like a dropped network.
 */
import http from 'node:http';
import type { Readable } from 'node:stream';

export interface TusAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function encodeMetadata(metadata: Record<string, string>): string {
  return Object.entries(metadata)
    .map(([key, value]) => `${key} ${Buffer.from(value, 'utf8').toString('base64')}`)
    .join(',');
}

function request(url: string, method: string, headers: Record<string, string>, body?: Buffer | Readable): Promise<TusAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { 'tus-resumable': '1.0.0', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (!body) req.end();
    else if (Buffer.isBuffer(body)) req.end(body);
    else body.pipe(req);
  });
}

export class TusClient {
  constructor(
    readonly origin: string,
    readonly cookie: string | null,
    /** A Host header (a studio sub-domain) instead of the origin's. */
    readonly host?: string,
  ) {}

  private auth(): Record<string, string> {
    return { ...(this.cookie ? { cookie: this.cookie } : {}), ...(this.host ? { host: this.host } : {}) };
  }

  /** POST to the studio endpoint; `location` is the upload URL (absolute) when created. */
  async create(endpointPath: string, size: number, metadata: Record<string, string>): Promise<TusAnswer & { location: string | null }> {
    const answer = await request(`${this.origin}${endpointPath}`, 'POST', {
      ...this.auth(),
      'upload-length': String(size),
      'upload-metadata': encodeMetadata(metadata),
    });
    const location = typeof answer.headers.location === 'string' ? new URL(answer.headers.location, this.origin).toString() : null;
    return { ...answer, location };
  }

  async head(url: string): Promise<TusAnswer & { offset: number | null }> {
    const answer = await request(url, 'HEAD', this.auth());
    const offset = answer.headers['upload-offset'];
    return { ...answer, offset: typeof offset === 'string' ? Number(offset) : null };
  }

  patch(url: string, offset: number, body: Buffer | Readable, length?: number): Promise<TusAnswer> {
    const size = Buffer.isBuffer(body) ? body.length : length;
    return request(
      url,
      'PATCH',
      {
        ...this.auth(),
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
        ...(size !== undefined ? { 'content-length': String(size) } : {}),
      },
      body,
    );
  }

  /** Send `body` but drop the connection after `sendBytes` bytes, as a network failure would. */
  patchCut(url: string, offset: number, body: Buffer, sendBytes: number): Promise<void> {
    return new Promise((resolve) => {
      const req = http.request(url, {
        method: 'PATCH',
        headers: {
          ...this.auth(),
          'tus-resumable': '1.0.0',
          'upload-offset': String(offset),
          'content-type': 'application/offset+octet-stream',
          'content-length': String(body.length),
        },
      });
      req.on('error', () => resolve());
      req.on('response', () => resolve());
      req.write(body.subarray(0, sendBytes), () => {
        // Give the server a moment to write what arrived, then cut the line.
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 300);
      });
    });
  }

  delete(url: string): Promise<TusAnswer> {
    return request(url, 'DELETE', this.auth());
  }
}
