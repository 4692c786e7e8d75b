/**
 * Replies to a studio's mail go to the studio, not to the product's no-reply sender: the contact address
 * of its profile (tenant `studio_settings.email`), when it has one.
 */
import { eq } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import type { ControlDb } from '../postgres/control-db.ts';
import type { TenantDirectory } from '../tenancy/directory.ts';

export type ReplyToResolver = (studioId: string) => Promise<string | null>;

export function studioReplyTo(controlDb: ControlDb, directory: TenantDirectory): ReplyToResolver {
  return async (studioId) => {
    const [location] = await controlDb.select().from(control.tenantDatabases).where(eq(control.tenantDatabases.studioId, studioId)).limit(1);
    if (!location || location.state !== 'active') return null;
    const [settings] = await directory.withTenant(location, (db) =>
      db.select({ email: tenant.studioSettings.email }).from(tenant.studioSettings).where(eq(tenant.studioSettings.id, 1)).limit(1),
    );
    return settings?.email || null;
  };
}
