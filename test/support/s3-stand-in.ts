/**
 * A tiny S3-compatible server (test only, path-style addressing): PUT, HEAD, GET, DELETE and ListObjectsV2 over an
 * in-memory map, with a switch that answers 500 to chosen requests.
 */
import http from 'node:http';

export interface S3StandIn {
  endpoint: string;
  /** "/bucket/key" → body. */
  objects: Map<string, Buffer>;
  /** "METHOD /bucket/key" of every request. */
  seen: string[];
  /** Answer 500 to the requests this returns true for. */
  failWhen: ((method: string, path: string) => boolean) | null;
  close(): Promise<void>;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function startS3StandIn(): Promise<S3StandIn> {
  const state: Omit<S3StandIn, 'endpoint' | 'close'> = { objects: new Map(), seen: [], failWhen: null };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const path = decodeURIComponent(url.pathname);
    state.seen.push(`${req.method} ${path}`);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (state.failWhen?.(req.method!, path)) {
        res
          .writeHead(500, { 'content-type': 'application/xml' })
          .end('<?xml version="1.0"?><Error><Code>InternalError</Code><Message>stand-in failure</Message></Error>');
        return;
      }
      if (req.method === 'GET' && url.searchParams.get('list-type') === '2') {
        const bucket = path.replace(/^\/|\/$/g, '');
        const prefix = url.searchParams.get('prefix') ?? '';
        const keys = [...state.objects.keys()]
          .filter((k) => k.startsWith(`/${bucket}/${prefix}`))
          .map((k) => k.slice(bucket.length + 2))
          .sort();
        const contents = keys.map((k) => `<Contents><Key>${xml(k)}</Key><Size>${state.objects.get(`/${bucket}/${k}`)!.length}</Size></Contents>`).join('');
        res
          .writeHead(200, { 'content-type': 'application/xml' })
          .end(
            `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name><Prefix>${xml(prefix)}</Prefix><KeyCount>${keys.length}</KeyCount><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`,
          );
        return;
      }
      const object = state.objects.get(path);
      if (req.method === 'PUT') {
        state.objects.set(path, Buffer.concat(chunks));
        res.writeHead(200, { etag: '"x"' }).end();
      } else if (req.method === 'DELETE') {
        state.objects.delete(path);
        res.writeHead(204).end();
      } else if (!object) {
        res
          .writeHead(404, { 'content-type': 'application/xml' })
          .end(req.method === 'HEAD' ? undefined : '<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>missing</Message></Error>');
      } else if (req.method === 'HEAD') {
        res.writeHead(200, { 'content-length': object.length }).end();
      } else {
        res.writeHead(200, { 'content-length': object.length }).end(object);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return Object.assign(state, {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  });
}
