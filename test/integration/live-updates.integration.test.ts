/**
 * Live updates across servers (issue #13, item 5; PRODUCT.md "in-app in real time"): two app servers on one
 * control database; a page listening on server B hears a change made through server A, the tab that made the
 * change is not told again, a non-member is refused, another studio hears nothing, and a member removed stops
 * hearing at the next heartbeat.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/platform.ts';
import type { ApiClient } from '../support/api.ts';
import { addMember, createStudio, type Studio } from '../support/studios.ts';

let a: TestServer;
let b: TestServer;
let bPort: number;
let studio: Studio;
let other: Studio;

beforeAll(async () => {
  a = await createTestServer();
  // B re-checks its listeners often, for the removal case below.
  b = await createTestServer({ DATABASE_URL: a.config.DATABASE_URL! }, { liveHeartbeatMs: 150 });
  await b.app.listen({ port: 0, host: '127.0.0.1' });
  bPort = (b.app.server.address() as { port: number }).port;
  studio = await createStudio(a, { studioName: 'Live Two Servers' });
  other = await createStudio(a, { studioName: 'Live Elsewhere' });
}, 60_000);
afterAll(async () => {
  await b?.close();
  await a?.close();
});

interface LiveStream {
  status: number;
  events: string[];
  ended: boolean;
  /** Resolves with the first event (data line) matching, or rejects after `ms`. */
  next(match: (data: string) => boolean, ms?: number): Promise<string>;
  close(): void;
}

function openStream(port: number, slug: string, sessionCookie: string | null, tab = ''): Promise<LiveStream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: `/s/${slug}/live${tab ? `?tab=${tab}` : ''}`, headers: sessionCookie ? { cookie: sessionCookie } : {} },
      (res: IncomingMessage) => {
        const waiters: { match: (d: string) => boolean; done: (d: string) => void }[] = [];
        const stream: LiveStream = {
          status: res.statusCode ?? 0,
          events: [],
          ended: false,
          next(match, ms = 5_000) {
            const found = stream.events.find(match);
            if (found) return Promise.resolve(found);
            return new Promise((ok, fail) => {
              const timer = setTimeout(() => fail(new Error(`no matching live event within ${ms} ms; got ${JSON.stringify(stream.events)}`)), ms);
              waiters.push({ match, done: (d) => (clearTimeout(timer), ok(d)) });
            });
          },
          close: () => req.destroy(),
        };
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let cut;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            for (const line of block.split('\n')) {
              if (!line.startsWith('data: ')) continue;
              const data = line.slice(6);
              stream.events.push(data);
              for (const w of waiters.splice(0)) {
                if (w.match(data)) w.done(data);
                else waiters.push(w);
              }
            }
          }
        });
        res.on('end', () => (stream.ended = true));
        res.on('close', () => (stream.ended = true));
        resolve(stream);
      },
    );
    req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
    req.end();
  });
}

const createRoom = (client: ApiClient, slug: string, name: string) => client.mutate('rooms.create', { name, hourlyRateCents: 4000, capacity: 2 }, slug);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('live updates across two servers', () => {
  it('a change made through server A reaches a page listening on server B, and not another studio', async () => {
    const onB = await openStream(bPort, studio.slug, studio.owner.cookie);
    const otherOnB = await openStream(bPort, other.slug, other.owner.cookie);
    expect(onB.status).toBe(200);
    await onB.next((d) => d === '{}'); // the "ready" event
    expect((await createRoom(studio.owner, studio.slug, 'Live Room')).error).toBeUndefined();
    expect(await onB.next((d) => d.includes('"area":"rooms"'))).toBe('{"area":"rooms"}');
    await sleep(300);
    expect(otherOnB.events.filter((d) => d.includes('area'))).toEqual([]);
    onB.close();
    otherOnB.close();
  });

  it('the tab that made the change is not told again; the studio’s other tabs are', async () => {
    const mine = await openStream(bPort, studio.slug, studio.owner.cookie, 'tab-mine-0001');
    const theirs = await openStream(bPort, studio.slug, studio.owner.cookie, 'tab-theirs-0002');
    await Promise.all([mine.next((d) => d === '{}'), theirs.next((d) => d === '{}')]);
    const made = await a.app.inject({
      method: 'POST',
      url: `/s/${studio.slug}/trpc/rooms.create`,
      headers: { cookie: studio.owner.cookie!, 'content-type': 'application/json', 'x-rsm-tab': 'tab-mine-0001' },
      payload: JSON.stringify({ name: 'Booth', hourlyRateCents: 2000, capacity: 1 }),
    });
    expect(made.statusCode).toBe(200);
    await theirs.next((d) => d.includes('"area":"rooms"'));
    // A change from elsewhere (no tab) still reaches "mine": its stream works, it only skipped its own notice.
    expect((await createRoom(studio.owner, studio.slug, 'Overdub')).error).toBeUndefined();
    await theirs.next((d) => d.includes('rooms') && theirs.events.filter((e) => e.includes('rooms')).length >= 2);
    await mine.next((d) => d.includes('"area":"rooms"'));
    expect(mine.events.filter((d) => d.includes('"area"'))).toHaveLength(1);
    mine.close();
    theirs.close();
  });

  it('refuses a visitor without a session and a member of another studio', async () => {
    expect((await openStream(bPort, studio.slug, null)).status).toBe(401);
    const stranger = await openStream(bPort, studio.slug, other.owner.cookie);
    expect(stranger.status).toBe(403);
    expect(stranger.events).toEqual([]);
  });

  it('a failed change tells nobody', async () => {
    const onB = await openStream(bPort, studio.slug, studio.owner.cookie);
    await onB.next((d) => d === '{}');
    expect((await studio.owner.mutate('rooms.create', { name: '', hourlyRateCents: -1, capacity: 0 }, studio.slug)).error).toBeDefined();
    await sleep(400);
    expect(onB.events.filter((d) => d.includes('area'))).toEqual([]);
    onB.close();
  });

  it('a member removed stops hearing at the next heartbeat', async () => {
    const engineer = await addMember(a, studio, 'engineer');
    const listening = await openStream(bPort, studio.slug, engineer.client.cookie);
    expect(listening.status).toBe(200);
    await listening.next((d) => d === '{}');
    await sleep(400); // heartbeats pass: still a member, still listening
    expect(listening.ended).toBe(false);
    expect((await studio.owner.mutate('members.remove', { userId: engineer.userId }, studio.slug)).error).toBeUndefined();
    const deadline = Date.now() + 5_000;
    while (!listening.ended && Date.now() < deadline) await sleep(50);
    expect(listening.ended).toBe(true);
  });
});
