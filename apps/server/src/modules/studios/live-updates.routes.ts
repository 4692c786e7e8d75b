/**
 * GET /s/:slug/live (and /live on a studio sub-domain): the studio's live notices as Server-Sent Events, for
 * the staff pages to refresh when anything changes (platform/live/live-hub.ts). Any member may listen (the
 * notices carry no data, only the area that changed); the session, membership and two-factor rule are checked
 * as for every staff route, and again at each heartbeat, so a member removed, a session revoked or a studio
 * suspended stops hearing within a heartbeat.
 *
 * Bounded: at most `PER_USER` streams per user and `PER_SERVER` per server (a browser has a few tabs; more is
 * a script), answered 429 / 503 beyond. The browser's EventSource reconnects by itself after a drop; the page
 * then reads everything again, since notices sent meanwhile were missed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { tabIdOf } from '../../platform/live/live-hub.ts';
import { isRefusal, staffAccess } from '../audio/staff-access.ts';

const HEARTBEAT_MS = 25_000;
const PER_USER = 12;
const PER_SERVER = 5_000;

interface Stream {
  userId: string;
  end(): void;
}

function refuse(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).header('cache-control', 'no-store').send({ code, message });
}

export function registerLiveUpdateRoutes(app: FastifyInstance, platform: Platform, options: { heartbeatMs?: number | undefined } = {}): void {
  const streams = new Set<Stream>();
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;

  const open = async (req: FastifyRequest<{ Querystring: { tab?: string } }>, reply: FastifyReply) => {
    const access = await staffAccess(platform, req, 'studio:read');
    if (isRefusal(access)) return refuse(reply, access.status, access.code, access.message);
    const userId = access.actor.userId;
    if (streams.size >= PER_SERVER) return refuse(reply.header('retry-after', '30'), 503, 'OVERLOADED', 'Too many live connections on this server');
    if ([...streams].filter((s) => s.userId === userId).length >= PER_USER)
      return refuse(reply, 429, 'RATE_LIMITED', 'Too many live connections for this account: close some tabs');
    const tab = tabIdOf(req.query.tab);

    // The response is written by hand from here on (an event stream never ends by itself).
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no', // a reverse proxy must pass each event on at once
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    res.write('retry: 3000\n\nevent: ready\ndata: {}\n\n');

    let ended = false;
    const stream: Stream = { userId, end: () => finish() };
    const stopListening = platform.live.listen(access.studio.id, (notice) => {
      if ('reset' in notice) res.write('data: {"reset":true}\n\n');
      else if (notice.tab === null || notice.tab !== tab) res.write(`data: ${JSON.stringify({ area: notice.area })}\n\n`);
    });
    const heartbeat = setInterval(() => {
      void (async () => {
        const still = await staffAccess(platform, req, 'studio:read').catch(() => null);
        if (ended) return;
        if (!still || isRefusal(still) || still.studio.id !== access.studio.id) return finish();
        res.write(': still here\n\n');
      })();
    }, heartbeatMs);
    heartbeat.unref();
    function finish() {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      stopListening();
      streams.delete(stream);
      res.end();
    }
    streams.add(stream);
    req.raw.on('close', finish);
    res.on('error', finish);
  };

  for (const path of ['/s/:slug/live', '/live']) app.get<{ Querystring: { tab?: string } }>(path, open);
  // Open streams would keep the server from closing: they end first (the browsers reconnect to another server).
  app.addHook('preClose', (done) => {
    for (const stream of [...streams]) stream.end();
    done();
  });
}
