/**
 * Per-request context. The studio slug comes only from the URL (path
 * `/s/<slug>/trpc` or host `<slug>.<BASE_DOMAIN>`); it means nothing until a
 * studio procedure has checked the caller's membership.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie'; // request.cookies / reply.setCookie types
import type { Platform } from '../platform/platform.ts';
import type { FastifyBaseLogger as Logger } from 'fastify';
import { findSessionUser, SESSION_COOKIE, type SessionUser } from '../modules/auth/sessions.ts';
import { tabIdOf } from '../platform/live/live-hub.ts';
import type { SharedReads } from '../platform/tenancy/shared-reads.ts';

export interface RequestContext {
  platform: Platform;
  log: Logger;
  requestId: string;
  ip: string;
  userAgent: string | null;
  /** The browser tab that sent the call (header `x-rsm-tab`): its own live notices are not sent back to it. */
  tab: string | null;
  studioSlug: string | null;
  /** The studio (tenant) once a studio procedure has resolved it: error reports are tagged with it. */
  studioId: string | null;
  user: SessionUser | null;
  sessionToken: string | null;
  /** Milliseconds spent in phases of this request (session, membership, tenant connection), logged with it. */
  timings: Record<string, number>;
  /** The request's read calls share one connection per studio (ADR 26); made by the first of them. */
  sharedReads?: SharedReads;
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
  /** Other cookies of this product (the client portal's session): same security options as the staff one. */
  readCookie(name: string): string | null;
  setCookie(name: string, value: string, expiresAt: Date): void;
  clearCookie(name: string): void;
}

export const requestTimings = new WeakMap<FastifyRequest, Record<string, number>>();

export function sessionCookieOptions(platform: Platform, expiresAt?: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: platform.config.COOKIE_SECURE,
    ...(platform.config.COOKIE_DOMAIN ? { domain: platform.config.COOKIE_DOMAIN } : {}),
    ...(expiresAt ? { expires: expiresAt } : {}),
  };
}

export async function createRequestContext(platform: Platform, req: FastifyRequest, reply: FastifyReply, studioSlug: string | null): Promise<RequestContext> {
  const timings: Record<string, number> = {};
  requestTimings.set(req, timings);
  const token = req.cookies[SESSION_COOKIE] ?? null;
  const t0 = performance.now();
  const user = token ? await findSessionUser(platform, token) : null;
  if (token) timings.session = Math.round((performance.now() - t0) * 10) / 10;
  return {
    platform,
    log: req.log,
    requestId: String(req.id),
    ip: req.ip,
    userAgent: req.headers['user-agent'] ?? null,
    tab: tabIdOf(req.headers['x-rsm-tab']),
    studioSlug,
    studioId: null,
    user,
    sessionToken: token,
    timings,
    setSessionCookie: (value, expiresAt) => void reply.setCookie(SESSION_COOKIE, value, sessionCookieOptions(platform, expiresAt)),
    clearSessionCookie: () => void reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(platform)),
    readCookie: (name) => req.cookies[name] ?? null,
    setCookie: (name, value, expiresAt) => void reply.setCookie(name, value, sessionCookieOptions(platform, expiresAt)),
    clearCookie: (name) => void reply.clearCookie(name, sessionCookieOptions(platform)),
  };
}
