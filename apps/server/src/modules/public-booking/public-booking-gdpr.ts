/**
 * GDPR step of the public booking page: a request row keeps what the visitor typed (name, e-mail, phone,
 * message, IP) until it is pruned. Exported with the client's data; on erasure, the requests behind the
 * client's sessions and those made with the client's address are deleted — nothing in them is a record
 * the studio must keep (the session is). No merge: requests point at sessions, not at clients.
 */
import { eq, inArray, or, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { registerClientDataStep, type ClientDataTx } from '../clients/gdpr-registry.ts';
import { clientIdentity } from '../clients/gdpr-session-text.ts';

const r = tenant.bookingRequests;

async function requestsOf(db: ClientDataTx, clientId: string) {
  const { email } = await clientIdentity(db, clientId);
  const sessionIds = db.select({ id: tenant.sessions.id }).from(tenant.sessions).where(eq(tenant.sessions.clientId, clientId));
  return or(inArray(r.sessionId, sessionIds), email ? sql`lower(${r.email}) = ${email.toLowerCase()}` : undefined);
}

registerClientDataStep({
  name: 'bookingRequests',
  async export(db, clientId) {
    const rows = await db
      .select({ name: r.name, email: r.email, phone: r.phone, message: r.message, startsAt: r.startsAt, endsAt: r.endsAt, ip: r.ip, createdAt: r.createdAt })
      .from(r)
      .where(await requestsOf(db, clientId));
    if (rows.length === 0) return null;
    return rows.map((row) => ({ ...row, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString(), createdAt: row.createdAt.toISOString() }));
  },
  async erase(db, clientId) {
    const deleted = await db
      .delete(r)
      .where(await requestsOf(db, clientId))
      .returning({ id: r.id });
    return { deleted: deleted.length };
  },
});
