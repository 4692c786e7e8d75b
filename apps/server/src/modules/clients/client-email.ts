/**
 * One client per e-mail address in a studio, decided by the database (the partial unique index
 * `clients_email_unique` on lower(email), erased clients aside): a write that would give a second client an
 * address is refused with a CONFLICT naming the client who has it, so the UI can offer to open that one.
 */
import { and, isNull, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError } from '../../platform/errors.ts';
import { isUniqueViolation } from '../../platform/postgres/pg-errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';

export const CLIENT_EMAIL_INDEX = 'clients_email_unique';

/** The client who holds this address (archived or not), or null. */
export async function clientHoldingEmail(db: Pick<TenantDb, 'select'>, email: string) {
  const [row] = await db
    .select({ id: tenant.clients.id, name: tenant.clients.name })
    .from(tenant.clients)
    .where(and(sql`lower(${tenant.clients.email}) = ${email.toLowerCase()}`, sql`${tenant.clients.email} <> ''`, isNull(tenant.clients.erasedAt)))
    .limit(1);
  return row ?? null;
}

/**
 * Runs a write that sets a client's e-mail; when the address belongs to another client, answers CONFLICT with
 * that client. `db` must not be the failed write's own transaction (it is aborted): pass the outer handle.
 */
export async function withUniqueClientEmail<T>(db: Pick<TenantDb, 'select'>, email: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!email || !isUniqueViolation(error, CLIENT_EMAIL_INDEX)) throw error;
    const holder = await clientHoldingEmail(db, email);
    throw new AppError('CONFLICT', holder ? `This e-mail address is already ${holder.name}’s` : 'This e-mail address is already another client’s', {
      reason: 'client_email_taken',
      ...(holder ? { clientId: holder.id, clientName: holder.name } : {}),
    });
  }
}
