/**
 * A studio's own database behind a pool of its own (20 connections), for booking races run at the service
 * level: many transactions really run at once, as they do behind the HTTP server.
 */
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { control, tenant } from '@rsm/db';
import { databaseUrl } from '../../apps/server/src/platform/postgres/connection-manager.ts';
import type { TenantDb } from '../../apps/server/src/platform/tenancy/directory.ts';
import type { Actor, StudioContext } from '../../apps/server/src/modules/studios/studio-context.ts';
import type { TestServer } from './platform.ts';
import { ApiClient, signUpStudio } from './api.ts';
import { freshIp } from './studios.ts';

export interface BookingDb {
  db: TenantDb;
  studio: StudioContext;
  actor: Actor;
  /** The owner's signed-in API client (staff procedures through the real router). */
  owner: ApiClient;
  close: () => Promise<void>;
}

export async function openBookingDb(server: TestServer, studioName: string, options: { connections?: number } = {}): Promise<BookingDb> {
  const ownerClient = new ApiClient(server.app, { ip: freshIp() });
  const owner = await signUpStudio(ownerClient, { studioName });
  const [row] = await server.platform.controlDb
    .select({ studio: control.studios, location: control.tenantDatabases })
    .from(control.studios)
    .innerJoin(control.tenantDatabases, eq(control.tenantDatabases.studioId, control.studios.id))
    .where(eq(control.studios.slug, owner.slug));
  const [user] = await server.platform.controlDb.select().from(control.users).where(eq(control.users.email, owner.email.toLowerCase()));
  const pool = new pg.Pool({ connectionString: databaseUrl(server.adminUrl, row!.location.databaseName), max: options.connections ?? 20 });
  const db = drizzle(pool, { schema: tenant });
  return {
    db,
    studio: { ...row!.studio, locale: 'en', location: row!.location },
    actor: { userId: user!.id, name: user!.name, email: user!.email, role: 'owner' },
    owner: ownerClient,
    close: () => pool.end(),
  };
}

/** Settle every promise; the rejections, for assertions that name them. */
export async function settleAll<T>(work: Promise<T>[]): Promise<{ values: T[]; errors: unknown[] }> {
  const settled = await Promise.allSettled(work);
  return {
    values: settled.filter((s): s is PromiseFulfilledResult<Awaited<T>> => s.status === 'fulfilled').map((s) => s.value),
    errors: settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => s.reason),
  };
}
