/**
 * `portalProcedure`: a studio's client, logged in to that studio's portal. Built on publicStudioProcedure
 * (studio from the URL), it reads **this studio's** portal cookie and looks its hash up in **this
 * studio's** database, so a cookie of studio A means nothing on studio B (other name, other database),
 * and a staff session is not a portal session (different cookie, different store). Revoked or expired
 * sessions and erased or archived clients are refused.
 *
 * ctx.client = { id, name, email, companyIds }: companyIds are the companies where the client is a
 * contact allowed to see the company's items. Other modules (sharing) build on this: keep it stable.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError } from '../platform/errors.ts';
import { findPortalSession, portalCookieName, touchPortalSession } from '../modules/portal/portal-auth.service.ts';
import { publicStudioProcedure } from './init.ts';
import { bindToLog } from './log-bindings.ts';

export interface PortalClient {
  id: string;
  name: string;
  email: string;
  /** Companies whose sessions (and later projects, invoices) this client may see. */
  companyIds: string[];
}

export interface PortalContext {
  client: PortalClient;
  portalSessionId: string;
}

export const portalProcedure = publicStudioProcedure.use(async ({ ctx, next }) => {
  const cookie = portalCookieName(ctx.studio.id);
  const token = ctx.readCookie(cookie);
  if (!token || token.length > 200) throw new AppError('UNAUTHORIZED', 'Please log in to the portal');
  const db = await ctx.tenant();
  const now = ctx.platform.clock.now();
  const session = await findPortalSession(db, token, now);
  if (!session) {
    ctx.clearCookie(cookie);
    throw new AppError('UNAUTHORIZED', 'Please log in to the portal');
  }
  const [client] = await db
    .select({ id: tenant.clients.id, name: tenant.clients.name, email: tenant.clients.email })
    .from(tenant.clients)
    .where(and(eq(tenant.clients.id, session.clientId), isNull(tenant.clients.erasedAt), isNull(tenant.clients.archivedAt)));
  if (!client) throw new AppError('UNAUTHORIZED', 'Please log in to the portal');
  // Only companies that are themselves active.
  const companies = await db
    .select({ id: tenant.clientContacts.companyId })
    .from(tenant.clientContacts)
    .innerJoin(tenant.clients, eq(tenant.clients.id, tenant.clientContacts.companyId))
    .where(
      and(
        eq(tenant.clientContacts.personId, client.id),
        eq(tenant.clientContacts.canSeeCompanyItems, true),
        isNull(tenant.clients.erasedAt),
        isNull(tenant.clients.archivedAt),
      ),
    );
  const extended = await touchPortalSession(db, session, now);
  if (extended) ctx.setCookie(cookie, token, extended);
  bindToLog(ctx, 'portalClientId', client.id);
  const portal: PortalContext = { client: { ...client, companyIds: companies.map((c) => c.id) }, portalSessionId: session.id };
  return next({ ctx: portal });
});
