/**
 * The HTTP server: security headers, CORS allow-list, cookies, health and
 * metrics, the tRPC API (global and per-studio path), and the web app.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import { latestVersion } from '@rsm/db';
import type { Platform } from './platform/platform.ts';
import type { Logger } from './platform/observability/logger.ts';
import { createMetrics } from './platform/observability/metrics.ts';
import { loggablePath } from './platform/observability/log-scrub.ts';
import { isAllowedOrigin, resolveStudioSlug } from './platform/http/origins.ts';
import { registerWebApp } from './platform/http/web-app.ts';
import { securityHeaders } from './platform/http/security-headers.ts';
import { refuseLargeBatches } from './platform/http/batch-limit.ts';
import { MAX_BATCH_SIZE } from '@rsm/shared/api-limits';
import { registerTestHooks } from './platform/http/test-hooks.ts';
import { appRouter, type AppRouter } from './trpc/app-router.ts';
import { createRequestContext, requestTimings } from './trpc/context.ts';
import { retryAfterOf, toAppError, toTRPCError } from './trpc/error-mapping.ts';
import { renderFeed } from './modules/booking/ical-feeds.service.ts';
import { currentSlugOf } from './modules/studios/studio-lookup.ts';
import { registerPublicBookingRoutes } from './modules/public-booking/public-booking.http.ts';
import { registerShareMediaRoutes } from './modules/sharing/share-media.route.ts';
import { registerPortalDocumentRoutes } from './modules/money/portal/portal-documents.route.ts';
import { registerAudioRoutes } from './modules/audio/audio.routes.ts';
import { registerDocumentPdfRoutes } from './modules/money/invoicing/document-pdf.routes.ts';
import { registerStripeWebhookRoute } from './modules/money/payments/stripe-webhook.route.ts';
import { registerQuotePdfRoute } from './modules/money/delivery/public-quote-pdf.route.ts';
import { registerMoneyExportRoutes } from './modules/money/exports/exports.routes.ts';
import { registerStudioExportRoutes } from './modules/studios/studio-export.routes.ts';
import { registerLiveUpdateRoutes } from './modules/studios/live-updates.routes.ts';
import type { ControlDatabase } from './platform/postgres/control-db.ts';
import { fastifyTrustProxy } from './config/trust-proxy.ts';
import { metricsAccess } from './platform/observability/metrics-access.ts';
import { isUnavailableError } from './platform/postgres/unavailable.ts';
import { reportError } from './platform/observability/error-tracking.ts';

export interface AppDeps {
  platform: Platform;
  logger: Logger;
  control: ControlDatabase;
  serveWebApp?: boolean;
  /** How often an open live stream re-checks its member (tests shorten it); 25 s by default. */
  liveHeartbeatMs?: number;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

function pathOf(req: FastifyRequest): string {
  return req.url.split('?')[0] ?? '/';
}

const API_BODY_LIMIT = 6 * 1024 * 1024;

export async function buildApp({ platform, logger, control, serveWebApp = true, liveHeartbeatMs }: AppDeps): Promise<FastifyInstance> {
  const { config } = platform;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    trustProxy: fastifyTrustProxy(config.TRUST_PROXY),
    bodyLimit: 1024 * 1024,
    // A batched tRPC call names every procedure in one path segment ("a.b,c.d,…"): with Fastify's default of
    // 100 characters a page that loads ten queries at once got a 404 and retried them one second later.
    maxParamLength: 5000,
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
  const metrics = createMetrics({
    clusters: platform.clusters,
    controlDb: platform.controlDb,
    controlPool: control.pool,
    onProbeError: (error) => logger.warn({ err: error }, 'a metrics reading failed; its series are left out of this scrape'),
  });

  // Routes outside tRPC (files, feeds, uploads, the booking page) that hit a busy or unreachable
  // database answer 503 + Retry-After, like the API; everything else keeps Fastify's default answer.
  app.setErrorHandler((error, req, reply) => {
    if (!isUnavailableError(error)) {
      // Fastify answers with the error's own status (400 for a bad body…); only a 500 is a bug worth a report.
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status >= 500) reportError(error, { source: 'route', requestId: String(req.id), route: req.routeOptions.url ?? 'unmatched', method: req.method });
      throw error;
    }
    req.log.warn({ err: { message: (error as Error).message, code: (error as { code?: string }).code } }, 'database unavailable');
    return reply.code(503).header('retry-after', '1').send({ error: 'The server is busy. Please retry in a moment.' });
  });

  // Log one line per request: path only (query strings can carry tokens) with credential segments redacted, never bodies or cookies.
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) metrics.httpErrors.inc({ status: String(reply.statusCode) });
    req.log.info(
      { method: req.method, path: loggablePath(req.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime), timings: requestTimings.get(req) },
      'request',
    );
    done();
  });
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header('x-request-id', req.id);
    // Answers depend on the Origin header (CORS): caches must not reuse one origin's answer for another.
    const vary = String(reply.getHeader('vary') ?? '');
    if (!/\borigin\b/i.test(vary)) reply.header('vary', vary ? `${vary}, Origin` : 'Origin');
    done(null, payload);
  });

  // helmet's headers, computed once (see security-headers.ts); set on the raw response like @fastify/helmet did,
  // so routes that write the raw response (uploads, file streams) carry them too.
  const security = securityHeaders({ secure: config.COOKIE_SECURE });
  const commonHeaders = Object.entries(security.common);
  app.addHook('onRequest', (req, reply, done) => {
    for (const [name, value] of commonHeaders) reply.raw.setHeader(name, value);
    done();
  });
  await app.register(cors, {
    credentials: true,
    origin: (origin, cb) => cb(null, origin === undefined ? false : isAllowedOrigin(origin, config)),
  });
  await app.register(cookie);

  // Cookies are SameSite=Lax; on top of that a state-changing request from a foreign origin is refused.
  app.addHook('onRequest', (req, reply, done) => {
    const origin = req.headers.origin;
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS' && origin) {
      const sameOrigin = origin === `${req.protocol}://${req.headers.host}`;
      if (!sameOrigin && !isAllowedOrigin(origin, config)) {
        void reply.code(403).send({ error: 'Origin not allowed' });
        return;
      }
    }
    done();
  });

  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (req, reply) => {
    try {
      const res = await control.pool.query<{ v: number }>('SELECT max(version) AS v FROM rsm_schema_migrations');
      const version = res.rows[0]?.v ?? 0;
      const required = latestVersion('control');
      if (version < required) return reply.code(503).send({ status: 'migrations pending', control: { version, required } });
      return { status: 'ready', control: { version }, tenantSchema: latestVersion('tenant') };
    } catch {
      return reply.code(503).send({ status: 'control database unreachable' });
    }
  });
  app.get('/metrics', async (req, reply) => {
    const access = metricsAccess(config, req.headers.authorization);
    if (access === 'hidden') return reply.code(404).send({ error: 'Not found' });
    if (access === 'unauthorized') return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized' });
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  // Calendar feeds: the secret token in the URL is the credential (calendar apps send no cookie).
  app.get<{ Params: { file: string } }>('/ical/:file', async (req, reply) => {
    const token = /^([A-Za-z0-9_-]{20,100})\.ics$/.exec(req.params.file)?.[1];
    try {
      const body = token ? await renderFeed(platform, token, req.ip) : null;
      if (!body) return reply.code(404).type('text/plain').send('Not found');
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(body);
    } catch (error) {
      const appError = toAppError(error);
      if (appError?.code === 'RATE_LIMITED')
        return reply
          .code(429)
          .header('retry-after', String(appError.params.retryAfterSeconds ?? 60))
          .send('Too many requests');
      throw error;
    }
  });

  registerShareMediaRoutes(app, platform);
  registerPortalDocumentRoutes(app, platform);
  registerAudioRoutes(app, platform);
  registerDocumentPdfRoutes(app, platform);

  registerPublicBookingRoutes(app, platform);
  registerStripeWebhookRoute(app, platform);
  registerQuotePdfRoute(app, platform);
  registerMoneyExportRoutes(app, platform);
  registerStudioExportRoutes(app, platform);
  registerLiveUpdateRoutes(app, platform, { heartbeatMs: liveHeartbeatMs });

  const trpcOptions: FastifyTRPCPluginOptions<AppRouter>['trpcOptions'] = {
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: async ({ req, res }) => {
      const { slug, conflict } = resolveStudioSlug(req.headers.host, pathOf(req), config.BASE_DOMAIN);
      try {
        return await createRequestContext(platform, req, res, conflict ? null : slug);
      } catch (error) {
        throw toTRPCError(error); // the session look-up hit a busy control database: 503, not 500
      }
    },
    responseMeta({ errors }) {
      const retryAfter = retryAfterOf(errors);
      return retryAfter ? { headers: { 'retry-after': String(retryAfter) } } : {};
    },
    onError({ error, path, req, ctx }) {
      if (error.code !== 'INTERNAL_SERVER_ERROR') return;
      logger.error({ err: error.cause ?? error, path }, 'tRPC error');
      reportError(error.cause ?? error, { source: 'trpc', requestId: String(req.id), studioId: ctx?.studioId ?? null, ...(path ? { procedure: path } : {}) });
    },
  };
  // API calls stay small, except a client CSV import (up to 5 MB of text, see clients-schemas): the API
  // routes take up to 6 MB; every other route keeps the 1 MB default (uploads go through tus in chunks).
  app.addHook('onRoute', (route) => {
    if (!route.url.endsWith('/trpc/:path')) return;
    route.bodyLimit = API_BODY_LIMIT;
    route.onRequest = [refuseLargeBatches, ...(route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest])];
  });
  await app.register(fastifyTRPCPlugin, { prefix: '/trpc', trpcOptions });
  await app.register(fastifyTRPCPlugin, { prefix: '/s/:slug/trpc', trpcOptions });

  registerTestHooks(app, platform);
  if (serveWebApp) await registerWebApp(app, config, security, (slug) => currentSlugOf(platform, slug));
  return app;
}
