/**
 * Erasure of copies of a client's name, e-mail and phone in the free text around their sessions: titles,
 * notes and cancellation reasons, the status history's notes and the audit entries about those sessions.
 * Public booking requests used to copy the visitor's details into the title and notes, and staff type names
 * into titles and decline messages: the sessions stay (business records), these copies go.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { ClientDataTx } from './gdpr-registry.ts';
import { scrubIdentity, type ClientIdentity } from './personal-text.ts';

const s = tenant.sessions;

/** The client's identity as it is before the erasure anonymises the row (steps run first). */
export async function clientIdentity(db: ClientDataTx, clientId: string): Promise<ClientIdentity> {
  const [row] = await db
    .select({ name: tenant.clients.name, email: tenant.clients.email, phone: tenant.clients.phone })
    .from(tenant.clients)
    .where(eq(tenant.clients.id, clientId));
  return row ?? { name: '', email: '', phone: '' };
}

/** Scrubs the client's sessions and what hangs off them; returns how many rows changed. */
export async function scrubSessionTexts(db: ClientDataTx, clientId: string, identity: ClientIdentity): Promise<number> {
  const scrub = (text: string) => scrubIdentity(text, identity);
  let changed = 0;
  const sessions = await db
    .select({ id: s.id, title: s.title, notes: s.notes, cancellationReason: s.cancellationReason })
    .from(s)
    .where(eq(s.clientId, clientId));
  for (const row of sessions) {
    const next = { title: scrub(row.title), notes: scrub(row.notes), cancellationReason: scrub(row.cancellationReason) };
    if (next.title === row.title && next.notes === row.notes && next.cancellationReason === row.cancellationReason) continue;
    await db.update(s).set(next).where(eq(s.id, row.id));
    changed++;
  }
  const ids = sessions.map((row) => row.id);
  if (ids.length === 0) return changed;

  const history = tenant.sessionStatusHistory;
  for (const row of await db.select({ id: history.id, note: history.note }).from(history).where(inArray(history.sessionId, ids))) {
    const note = scrub(row.note);
    if (note === row.note) continue;
    await db.update(history).set({ note }).where(eq(history.id, row.id));
    changed++;
  }

  const audit = tenant.auditLog;
  const entries = await db
    .select({ id: audit.id, details: audit.details })
    .from(audit)
    .where(and(eq(audit.entity, 'session'), inArray(audit.entityId, ids)));
  for (const entry of entries) {
    const text = JSON.stringify(entry.details);
    const scrubbed = scrub(text);
    if (scrubbed === text) continue;
    await db
      .update(audit)
      .set({ details: JSON.parse(scrubbed) as unknown })
      .where(eq(audit.id, entry.id));
    changed++;
  }
  return changed;
}
