/**
 * The GDPR steps of what the clients module itself owns or reads: notes (deleted on erasure), sessions
 * (kept as business records, the client's own free text and copies of their details stripped) and projects (kept; the projects
 * module registers its own step for comments and files). Imported by gdpr.service.ts.
 */
import { and, asc, count, desc, eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { toIso } from './clients.service.ts';
import { clientIdentity, scrubSessionTexts } from './gdpr-session-text.ts';
import { registerClientDataStep } from './gdpr-registry.ts';

const s = tenant.sessions;

registerClientDataStep({
  name: 'notes',
  async export(db, clientId) {
    const rows = await db.select().from(tenant.clientNotes).where(eq(tenant.clientNotes.clientId, clientId)).orderBy(desc(tenant.clientNotes.createdAt));
    return rows.map((r) => ({ createdAt: toIso(r.createdAt)!, updatedAt: toIso(r.updatedAt)!, authorUserId: r.authorUserId, body: r.body }));
  },
  async erase(db, clientId) {
    const deleted = await db.delete(tenant.clientNotes).where(eq(tenant.clientNotes.clientId, clientId)).returning({ id: tenant.clientNotes.id });
    return { deleted: deleted.length };
  },
  async merge(db, fromClientId, toClientId) {
    await db.update(tenant.clientNotes).set({ clientId: toClientId }).where(eq(tenant.clientNotes.clientId, fromClientId));
  },
});

registerClientDataStep({
  name: 'sessions',
  async export(db, clientId) {
    const rows = await db
      .select({
        title: s.title,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        status: s.status,
        roomName: tenant.rooms.name,
        priceCents: s.priceCents,
        currency: s.currency,
        depositCents: s.depositCents,
        source: s.source,
        notes: s.notes,
        requestMessage: s.requestMessage,
        decisionMessage: s.decisionMessage,
        cancelledAt: s.cancelledAt,
        cancellationReason: s.cancellationReason,
        createdAt: s.createdAt,
      })
      .from(s)
      .innerJoin(tenant.rooms, eq(tenant.rooms.id, s.roomId))
      .where(eq(s.clientId, clientId))
      .orderBy(asc(s.startsAt));
    return rows.map((r) => ({
      ...r,
      startsAt: toIso(r.startsAt)!,
      endsAt: toIso(r.endsAt)!,
      cancelledAt: toIso(r.cancelledAt),
      createdAt: toIso(r.createdAt)!,
    }));
  },
  async erase(db, clientId) {
    // Copies of the client's name, e-mail and phone in titles, notes, history and audit go first (the
    // messages below are emptied anyway).
    const scrubbed = await scrubSessionTexts(db, clientId, await clientIdentity(db, clientId));
    // Sessions are business records (and will back invoices): kept, linked to the anonymous row, but the
    // messages the client wrote (and the studio's replies to them) are personal free text and go.
    const stripped = await db.update(s).set({ requestMessage: '', decisionMessage: '' }).where(eq(s.clientId, clientId)).returning({ id: s.id });
    await db
      .update(s)
      .set({ cancellationReason: '' })
      .where(and(eq(s.clientId, clientId), eq(s.cancelledByKind, 'client')));
    return { kept: stripped.length, textsScrubbed: scrubbed };
  },
  async merge(db, fromClientId, toClientId) {
    await db.update(s).set({ clientId: toClientId, updatedAt: new Date() }).where(eq(s.clientId, fromClientId));
  },
});

registerClientDataStep({
  name: 'projects',
  async export(db, clientId) {
    const p = tenant.projects;
    const rows = await db
      .select({ name: p.name, type: p.type, stage: p.stage, dueDate: p.dueDate, notes: p.notes, createdAt: p.createdAt })
      .from(p)
      .where(eq(p.clientId, clientId))
      .orderBy(asc(p.createdAt));
    return rows.map((r) => ({ ...r, createdAt: toIso(r.createdAt)! }));
  },
  async erase(db, clientId) {
    // The studio's work stays (its files and credits are the studio's records); the projects module adds
    // its own step for what clients wrote there.
    const [kept] = await db.select({ n: count() }).from(tenant.projects).where(eq(tenant.projects.clientId, clientId));
    return { kept: kept?.n ?? 0 };
  },
  async merge(db, fromClientId, toClientId) {
    await db.update(tenant.projects).set({ clientId: toClientId, updatedAt: new Date() }).where(eq(tenant.projects.clientId, fromClientId));
    // Credits naming the client as a person of the roster follow too (their foreign key would set null).
    await db.update(tenant.trackCredits).set({ clientId: toClientId, updatedAt: new Date() }).where(eq(tenant.trackCredits.clientId, fromClientId));
  },
});
