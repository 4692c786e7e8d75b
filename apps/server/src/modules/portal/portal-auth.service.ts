/**
 * Client portal log-in: password-less by magic link, optionally by password. Everything lives in the
 * studio's own database (a portal identity is a client of that studio, nothing in the control database).
 *
 * Magic links: a random 256-bit token whose SHA-256 only is stored; 15 minutes; single use (the row is
 * claimed with `UPDATE … WHERE used_at IS NULL AND expires_at > now RETURNING`, so two clicks cannot both
 * win); asking for a new link retires the older unused ones. Opening the link only renders a page with a
 * Confirm button: the token is consumed by that button's POST, so mail scanners that fetch links neither
 * log anyone in nor burn the link.
 *
 * Enumeration: asking for a link answers the same whether or not the address belongs to a client (and
 * archived or erased clients never get one); the rate limit counts the address either way; the mail is
 * sent after the answer is decided, off the request path, so timing does not tell either.
 */
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { Locale } from '@rsm/shared/schemas';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { hashPassword, verifyPassword } from '../../platform/security/passwords.ts';
import { hashToken, newToken } from '../../platform/security/tokens.ts';
import type { StudioContext } from '../studios/studio-context.ts';
import { recordPortalActivity } from './portal-activity.service.ts';
import { runAfterResponse } from '../../platform/after-response.ts';

export const LINK_TTL_MS = 15 * 60_000;
export const PORTAL_SESSION_TTL_MS = 30 * 86_400_000;
/** Sliding expiry: the session is extended (and last_seen written) at most this often. */
export const PORTAL_SESSION_TOUCH_MS = 60 * 60_000;

/** The portal cookie is per studio: one browser can be a client of several studios, and never mixes them. */
export const portalCookieName = (studioId: string) => `rsm_portal_${studioId.replace(/-/g, '')}`;

/** The page the magic link opens, on the studio's own address (sub-domain when configured, else path form). */
export function portalUrl(platform: Platform, slug: string, subPath: string): string {
  const base = new URL(platform.config.APP_URL);
  if (platform.config.BASE_DOMAIN) return `${base.protocol}//${slug}.${platform.config.BASE_DOMAIN}/portal/${subPath}`;
  return `${platform.config.APP_URL}/s/${slug}/portal/${subPath}`;
}

const activeClient = and(isNull(tenant.clients.erasedAt), isNull(tenant.clients.archivedAt));

/** The client an address belongs to: people before companies, oldest first (addresses are not unique). */
async function clientByEmail(db: TenantDb, email: string) {
  const [row] = await db
    .select({
      id: tenant.clients.id,
      name: tenant.clients.name,
      email: tenant.clients.email,
      locale: tenant.clients.locale,
      passwordHash: tenant.clients.portalPasswordHash,
    })
    .from(tenant.clients)
    .where(and(sql`lower(${tenant.clients.email}) = ${email.toLowerCase()}`, activeClient))
    .orderBy(sql`${tenant.clients.kind} = 'company'`, asc(tenant.clients.createdAt))
    .limit(1);
  return row ?? null;
}

interface LinkRequest {
  clientId: string;
  ip: string;
}

/** Store a new login token for the client (retiring the unused ones) and mail the link. */
async function issueLink(
  platform: Platform,
  db: TenantDb,
  studio: StudioContext,
  client: { id: string; name: string; email: string; locale: string },
  request: LinkRequest,
) {
  const token = newToken();
  const now = platform.clock.now();
  await db.transaction(async (tx) => {
    await tx
      .update(tenant.portalLoginTokens)
      .set({ usedAt: now })
      .where(and(eq(tenant.portalLoginTokens.clientId, client.id), eq(tenant.portalLoginTokens.purpose, 'login'), isNull(tenant.portalLoginTokens.usedAt)));
    await tx
      .insert(tenant.portalLoginTokens)
      .values({ clientId: client.id, tokenHash: hashToken(token), purpose: 'login', expiresAt: new Date(now.getTime() + LINK_TTL_MS), createdIp: request.ip });
  });
  const locale: Locale = client.locale === 'fr' || client.locale === 'en' ? client.locale : studio.locale;
  return () =>
    platform.mailer.send({
      to: client.email,
      template: 'portal-login',
      locale,
      studioId: studio.id,
      params: { name: client.name, studio: studio.name, url: portalUrl(platform, studio.slug, `login?token=${token}`) },
    });
}

/**
 * A visitor asks for a link. Resolves after the same single lookup whether or not the address is known;
 * for a known client, storing the token, recording the activity and mailing happen off the request path
 * (on a lease of their own: the request's lease ends with the request). The caller has already counted
 * the rate limits.
 */
export async function requestLoginLink(platform: Platform, db: TenantDb, studio: StudioContext, email: string, ip: string): Promise<void> {
  const client = await clientByEmail(db, email);
  if (!client) return;
  runAfterResponse(platform.logger, 'portal link mail', () =>
    platform.directory.withTenant(studio.location, async (own) => {
      const send = await issueLink(platform, own, studio, client, { clientId: client.id, ip });
      await recordPortalActivity(own, client.id, 'link_requested', {}, ip, platform.clock.now());
      await send();
    }),
  );
}

/** Staff send a link from the client's page (the client must have an address and be active). */
export async function sendLoginLinkAsStaff(
  platform: Platform,
  db: TenantDb,
  studio: StudioContext,
  clientId: string,
  ip: string,
  byUserId: string,
): Promise<{ email: string }> {
  const [client] = await db
    .select({ id: tenant.clients.id, name: tenant.clients.name, email: tenant.clients.email, locale: tenant.clients.locale })
    .from(tenant.clients)
    .where(and(eq(tenant.clients.id, clientId), activeClient));
  if (!client) throw new AppError('NOT_FOUND', 'client not found', { what: 'client' });
  if (!client.email) throw new AppError('BAD_REQUEST', 'This client has no e-mail address', { field: 'email' });
  const send = await issueLink(platform, db, studio, client, { clientId, ip });
  await send();
  await recordPortalActivity(db, client.id, 'link_sent_by_staff', { byUserId }, ip, platform.clock.now());
  await db.insert(tenant.auditLog).values({ actorUserId: byUserId, action: 'client.portal_link_sent', entity: 'client', entityId: client.id, details: {} });
  return { email: client.email };
}

export interface NewPortalSession {
  token: string;
  expiresAt: Date;
  clientId: string;
}

async function createPortalSession(db: TenantDb, clientId: string, userAgent: string | null, now: Date): Promise<NewPortalSession> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + PORTAL_SESSION_TTL_MS);
  await db
    .insert(tenant.portalSessions)
    .values({ clientId, tokenHash: hashToken(token), expiresAt, lastSeenAt: now, userAgent: (userAgent ?? '').slice(0, 500) });
  return { token, expiresAt, clientId };
}

const linkRefused = (reason: 'used' | 'expired' | 'unknown') => new AppError('TOKEN_INVALID', 'This link no longer works. Ask for a new one.', { reason });

/** The Confirm button: consume the token (once) and open a portal session. */
export async function confirmLoginLink(platform: Platform, db: TenantDb, token: string, ip: string, userAgent: string | null): Promise<NewPortalSession> {
  const now = platform.clock.now();
  const hash = hashToken(token);
  const [claimed] = await db
    .update(tenant.portalLoginTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(tenant.portalLoginTokens.tokenHash, hash),
        eq(tenant.portalLoginTokens.purpose, 'login'),
        isNull(tenant.portalLoginTokens.usedAt),
        gt(tenant.portalLoginTokens.expiresAt, now),
      ),
    )
    .returning({ clientId: tenant.portalLoginTokens.clientId });
  if (!claimed) {
    // Tell the person what happened to their link (it is theirs: they hold the token), never whose it was.
    const [row] = await db
      .select({ usedAt: tenant.portalLoginTokens.usedAt })
      .from(tenant.portalLoginTokens)
      .where(eq(tenant.portalLoginTokens.tokenHash, hash));
    throw linkRefused(!row ? 'unknown' : row.usedAt ? 'used' : 'expired');
  }
  const [client] = await db
    .select({ id: tenant.clients.id })
    .from(tenant.clients)
    .where(and(eq(tenant.clients.id, claimed.clientId), activeClient));
  if (!client) throw linkRefused('unknown');
  const session = await createPortalSession(db, client.id, userAgent, now);
  await recordPortalActivity(db, client.id, 'login', { method: 'link' }, ip, now);
  return session;
}

/** E-mail + password; the same error for an unknown address, a client without a password, or a wrong one. */
export async function loginWithPassword(
  platform: Platform,
  db: TenantDb,
  email: string,
  password: string,
  ip: string,
  userAgent: string | null,
): Promise<NewPortalSession> {
  const client = await clientByEmail(db, email);
  const ok = await verifyPassword(client?.passwordHash ?? null, password);
  if (!client || !ok) throw new AppError('INVALID_CREDENTIALS', 'Wrong e-mail or password');
  const now = platform.clock.now();
  const session = await createPortalSession(db, client.id, userAgent, now);
  await recordPortalActivity(db, client.id, 'login', { method: 'password' }, ip, now);
  return session;
}

export interface PortalSessionRow {
  id: string;
  clientId: string;
  expiresAt: Date;
  lastSeenAt: Date;
}

/** The live portal session behind a cookie token, in this studio's database; null when revoked, expired or the client is gone. */
export async function findPortalSession(db: TenantDb, token: string, now: Date): Promise<PortalSessionRow | null> {
  const [row] = await db
    .select({
      id: tenant.portalSessions.id,
      clientId: tenant.portalSessions.clientId,
      expiresAt: tenant.portalSessions.expiresAt,
      lastSeenAt: tenant.portalSessions.lastSeenAt,
    })
    .from(tenant.portalSessions)
    .innerJoin(tenant.clients, eq(tenant.clients.id, tenant.portalSessions.clientId))
    .where(
      and(
        eq(tenant.portalSessions.tokenHash, hashToken(token)),
        isNull(tenant.portalSessions.revokedAt),
        gt(tenant.portalSessions.expiresAt, now),
        activeClient,
      ),
    );
  return row ?? null;
}

/** Slide the 30-day expiry forward (at most once per PORTAL_SESSION_TOUCH_MS). Returns the new expiry when extended. */
export async function touchPortalSession(db: TenantDb, session: PortalSessionRow, now: Date): Promise<Date | null> {
  if (now.getTime() - session.lastSeenAt.getTime() < PORTAL_SESSION_TOUCH_MS) return null;
  const expiresAt = new Date(now.getTime() + PORTAL_SESSION_TTL_MS);
  await db.update(tenant.portalSessions).set({ lastSeenAt: now, expiresAt }).where(eq(tenant.portalSessions.id, session.id));
  return expiresAt;
}

export async function revokePortalSession(db: TenantDb, sessionId: string, now: Date): Promise<void> {
  await db.update(tenant.portalSessions).set({ revokedAt: now }).where(eq(tenant.portalSessions.id, sessionId));
}

/** Set (or replace) the optional password; other browsers stay logged in, this one too. */
export async function setPortalPassword(db: TenantDb, clientId: string, password: string | null): Promise<void> {
  const hash = password === null ? null : await hashPassword(password);
  await db.update(tenant.clients).set({ portalPasswordHash: hash, updatedAt: new Date() }).where(eq(tenant.clients.id, clientId));
}
