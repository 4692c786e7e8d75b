/**
 * The S3 store against a tiny S3-compatible stand-in (test only): put from a file and from memory, get
 * whole and by range, stat, delete, a missing key, and keys confined to the studio layout.
 */
import http from 'node:http';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3FileStorage } from '../../../apps/server/src/platform/storage/s3-storage.ts';
import { studioFileKey, InvalidStorageKeyError } from '../../../apps/server/src/platform/storage/keys.ts';

const objects = new Map<string, { body: Buffer; type: string }>();
const seen: string[] = [];
let standIn: http.Server;
let storage: S3FileStorage;

beforeAll(async () => {
  standIn = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
    seen.push(`${req.method} ${path}`);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const object = objects.get(path);
      if (req.method === 'PUT') {
        objects.set(path, { body: Buffer.concat(chunks), type: String(req.headers['content-type']) });
        res.writeHead(200, { etag: '"x"' }).end();
      } else if (!object) {
        res
          .writeHead(404, { 'content-type': 'application/xml' })
          .end(req.method === 'HEAD' ? undefined : '<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>missing</Message></Error>');
      } else if (req.method === 'DELETE') {
        objects.delete(path);
        res.writeHead(204).end();
      } else if (req.method === 'HEAD') {
        res.writeHead(200, { 'content-length': object.body.length, 'content-type': object.type }).end();
      } else {
        const range = /^bytes=(\d+)-(\d+)$/.exec(String(req.headers.range ?? ''));
        if (range) {
          const [start, end] = [Number(range[1]), Number(range[2])];
          res
            .writeHead(206, { 'content-range': `bytes ${start}-${end}/${object.body.length}`, 'content-length': end - start + 1 })
            .end(object.body.subarray(start, end + 1));
        } else res.writeHead(200, { 'content-length': object.body.length }).end(object.body);
      }
    });
  });
  await new Promise<void>((r) => standIn.listen(0, '127.0.0.1', r));
  const address = standIn.address() as { port: number };
  storage = new S3FileStorage({
    bucket: 'studio-files',
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${address.port}`,
    accessKeyId: 'test',
    secretAccessKey: 'test-secret',
    forcePathStyle: true,
  });
});

afterAll(() => new Promise<void>((r) => standIn.close(() => r())));

describe('S3 storage', () => {
  const studio = randomUUID();

  it('stores a file (streamed, then removed locally), serves it whole and by range, and deletes it', async () => {
    const source = join(mkdtempSync(join(tmpdir(), 'rsm-s3-')), 'upload');
    writeFileSync(source, 'abcdefghijklmnopqrstuvwxyz');
    const key = studioFileKey(studio, 'originals', randomUUID(), 'wav');
    expect(await storage.putFile(key, source, 'audio/wav')).toEqual({ size: 26 });
    expect(existsSync(source)).toBe(false);
    expect(objects.get(`/studio-files/${key}`)).toMatchObject({ type: 'audio/wav' });
    expect(await text(await storage.get(key))).toBe('abcdefghijklmnopqrstuvwxyz');
    expect(await text(await storage.get(key, { start: 3, end: 6 }))).toBe('defg');
    expect(await storage.stat(key)).toEqual({ size: 26 });
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
  });

  it('stores small bodies from memory', async () => {
    const key = studioFileKey(studio, 'peaks', randomUUID(), 'bin');
    await storage.putBuffer(key, Buffer.from([1, 2, 3]), 'application/octet-stream');
    expect(objects.get(`/studio-files/${key}`)!.body).toEqual(Buffer.from([1, 2, 3]));
  });

  it('answers null for a missing object and refuses keys outside the layout before any request', async () => {
    expect(await storage.stat(studioFileKey(studio, 'originals', randomUUID(), 'wav'))).toBeNull();
    const before = seen.length;
    await expect(storage.get(`studios/${studio}/originals/../../other/x.wav`)).rejects.toThrow(InvalidStorageKeyError);
    expect(seen.length).toBe(before);
  });
});
