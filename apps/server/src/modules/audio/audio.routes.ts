/**
 * HTTP routes of the audio module (plain Fastify, not tRPC): the tus upload endpoint and file serving.
 * Registered by app.ts; the upload gateway is one per platform (its tus servers per studio); the quota
 * reservations are in each studio's database, shared by every server.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { registerFileRoutes } from './files.routes.ts';
import { isAcceptedFormat, UPLOAD_ID, UploadGateway, UploadRefusal } from './upload-gateway.ts';
import { isRefusal, staffAccess } from './staff-access.ts';
import { peekBytes } from './upload-files.ts';
import { SNIFF_BYTES } from './formats.ts';
import { parseUploadMetadata } from './uploads.service.ts';
import { versionHeaders } from './upload-finish.ts';

const gateways = new WeakMap<Platform, UploadGateway>();

export function uploadGateway(platform: Platform): UploadGateway {
  let gateway = gateways.get(platform);
  if (!gateway) gateways.set(platform, (gateway = new UploadGateway(platform)));
  return gateway;
}

function refuse(reply: FastifyReply, status: number, code: string, message: string, close = false, params: Record<string, unknown> = {}) {
  reply.code(status).header('tus-resumable', '1.0.0').header('cache-control', 'no-store');
  // The body of a refused PATCH is not read: close the connection rather than drain gigabytes.
  if (close) reply.header('connection', 'close');
  return reply.send({ code, message, params });
}

function refuseWith(reply: FastifyReply, refusal: UploadRefusal, close = false) {
  const { code, params } = JSON.parse(refusal.body) as { code: string; params: Record<string, unknown> };
  return refuse(reply, refusal.status_code, code, refusal.message, close, params);
}

async function handleUpload(platform: Platform, req: FastifyRequest, reply: FastifyReply) {
  const access = await staffAccess(platform, req, 'projects:write', { write: true });
  if (isRefusal(access)) return refuse(reply, access.status, access.code, access.message, req.method === 'PATCH');
  const gateway = uploadGateway(platform);
  const server = gateway.serverFor(access.studio.id);
  const id = (req.url.split('?')[0] ?? '').split('/').filter(Boolean).pop() ?? '';
  if (req.method === 'PATCH' || req.method === 'HEAD' || req.method === 'DELETE') {
    if (!UPLOAD_ID.test(id)) return refuse(reply, 404, 'NOT_FOUND', 'This upload does not exist', req.method === 'PATCH');
    if (req.method === 'HEAD') {
      // Finished (or completed before a crash, and finished now): complete, with the version it became.
      const finished = await gateway.finishedForHead(access, id).catch((error: unknown) => {
        if (error instanceof UploadRefusal) return error;
        throw error;
      });
      if (finished instanceof UploadRefusal) return refuseWith(reply, finished);
      if (finished) {
        void reply.code(200).headers({
          'tus-resumable': '1.0.0',
          'upload-offset': String(finished.sizeBytes),
          'upload-length': String(finished.sizeBytes),
          'cache-control': 'no-store',
          ...versionHeaders(finished),
        });
        return reply.send();
      }
    }
    const upload = await server.datastore.getUpload(id).catch(() => null);
    // Someone else's upload (even in the same studio) is not continued, looked at or cancelled.
    if (!upload || upload.metadata?.userId !== access.actor.userId)
      return refuse(reply, 404, 'NOT_FOUND', 'This upload does not exist', req.method === 'PATCH');
    if (req.method === 'PATCH') {
      // Every chunk keeps the upload's space reserved (or wins it again after a lapse) before a byte is taken.
      const held = await gateway.holdForChunk(access, upload).catch((error: unknown) => {
        if (error instanceof UploadRefusal) return error;
        throw error;
      });
      if (held instanceof UploadRefusal) return refuseWith(reply, held, true);
    }
    // Cancelled: the space is given back first (if the files survive, a later chunk must win it again).
    if (req.method === 'DELETE') await gateway.release(access, id);
    if (req.method === 'PATCH' && upload.offset === 0) {
      // Check the type from the first bytes before accepting the rest.
      const head = await peekBytes(req.raw, SNIFF_BYTES);
      const label = parseUploadMetadata(upload.metadata ?? {}).label;
      if (head.length >= SNIFF_BYTES && !isAcceptedFormat(head, label)) {
        await gateway.discard(access.studio.id, id);
        await gateway.release(access, id);
        return refuse(reply, 415, 'UNSUPPORTED_TYPE', 'This file is not an audio file we can read', true);
      }
    }
  }
  gateway.accessByRequest.set(req.raw, access);
  void reply.hijack();
  await server.handle(req.raw, reply.raw);
}

export function registerAudioRoutes(app: FastifyInstance, platform: Platform): void {
  // tus bodies are streamed by the tus server itself: Fastify must not read them.
  app.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));
  for (const prefix of ['/s/:slug/uploads', '/uploads']) {
    for (const url of [prefix, `${prefix}/`, `${prefix}/:id`]) {
      app.route({ method: ['POST', 'HEAD', 'PATCH', 'DELETE'], url, exposeHeadRoute: false, handler: (req, reply) => handleUpload(platform, req, reply) });
    }
  }
  registerFileRoutes(app, platform);
  const gateway = uploadGateway(platform);
  const timer = setInterval(() => {
    void gateway
      .cleanupExpired(new Date())
      .then((removed) => removed > 0 && platform.logger.info({ removed }, 'expired uploads removed'))
      .catch((error: unknown) => platform.logger.warn({ err: error }, 'upload cleanup failed'));
  }, 3600 * 1000);
  timer.unref();
  app.addHook('onClose', (_app, done) => {
    clearInterval(timer);
    done();
  });
}
