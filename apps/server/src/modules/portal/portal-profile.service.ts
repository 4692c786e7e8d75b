/**
 * The client's own details in the portal. The e-mail address is not editable here: it is how the client
 * logs in, so changing it from a (possibly shared or stolen) portal session would hand the account to
 * another inbox. The studio changes it on the client's page; the client asks the studio.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { tenant } from '@rsm/db';
import type { portalProfileInput } from '@rsm/shared/portal-schemas';
import { notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import type { PortalClient } from '../../trpc/portal-procedure.ts';

type ProfileInput = z.output<typeof portalProfileInput>;

export async function portalProfile(db: TenantDb, client: PortalClient) {
  const [row] = await db
    .select()
    .from(tenant.clients)
    .where(and(eq(tenant.clients.id, client.id), isNull(tenant.clients.erasedAt)));
  if (!row) throw notFound('client');
  const companies = client.companyIds.length
    ? await db.select({ id: tenant.clients.id, name: tenant.clients.name }).from(tenant.clients).where(inArray(tenant.clients.id, client.companyIds))
    : [];
  return {
    name: row.name,
    email: row.email,
    phone: row.phone,
    addressLine1: row.addressLine1,
    addressLine2: row.addressLine2,
    postalCode: row.postalCode,
    city: row.city,
    country: row.country,
    locale: row.locale,
    hasPassword: row.portalPasswordHash !== null,
    companies,
  };
}

/** Saves the profile; returns the names of the fields that changed (for the activity log, without values). */
export async function updatePortalProfile(db: TenantDb, client: PortalClient, input: ProfileInput): Promise<string[]> {
  const [before] = await db.select().from(tenant.clients).where(eq(tenant.clients.id, client.id));
  if (!before) throw notFound('client');
  const changed = (Object.keys(input) as (keyof ProfileInput)[]).filter((key) => before[key] !== input[key]);
  if (changed.length)
    await db
      .update(tenant.clients)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(tenant.clients.id, client.id));
  return changed;
}
