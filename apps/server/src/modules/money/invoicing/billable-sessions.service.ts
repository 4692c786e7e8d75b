/**
 * The sessions the document editor offers as lines: a client's, a project's ("Invoice this project") or the ones
 * named ("Invoice this session"), not cancelled, each with the invoice it is already on if any (a session is
 * invoiced once: drafts.service refuses a second invoice; the editor leaves those unticked). Two queries whatever
 * the number of sessions: the sessions, then the invoice lines naming them (money_document_lines_session_idx).
 * A session whose deposit was paid online names its deposit invoice: its invoice is then a final invoice deducting it.
 */
import { and, desc, eq, inArray, isNotNull, ne, type SQL } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { z } from 'zod';
import type { billableSessionsInput } from '@rsm/shared/money-documents-schemas';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';

type Input = z.output<typeof billableSessionsInput>;
const s = tenant.sessions;
const INVOICE_KINDS = ['invoice', 'final_invoice'] as const;

export async function billableSessions(db: TenantDb, input: Input) {
  const where: (SQL | undefined)[] = [ne(s.status, 'cancelled'), isNotNull(s.clientId)];
  if (input.clientId) where.push(eq(s.clientId, input.clientId));
  if (input.sessionIds?.length) where.push(inArray(s.id, input.sessionIds));
  const base = db
    .select({
      id: s.id,
      title: s.title,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      status: s.status,
      clientId: s.clientId,
      clientName: tenant.clients.name,
      priceCents: s.priceCents,
      currency: s.currency,
      depositInvoiceId: s.depositInvoiceId,
    })
    .from(s)
    .innerJoin(tenant.clients, eq(tenant.clients.id, s.clientId));
  const rows = await (
    input.projectId
      ? base.innerJoin(tenant.projectSessions, and(eq(tenant.projectSessions.sessionId, s.id), eq(tenant.projectSessions.projectId, input.projectId)))
      : base
  )
    .where(and(...where))
    .orderBy(desc(s.startsAt))
    .limit(200);
  const ids = rows.map((r) => r.id);
  const billed = ids.length
    ? await db
        .select({ sessionId: tenant.moneyDocumentLines.sessionId, documentId: tenant.moneyDocuments.id, number: tenant.moneyDocuments.number })
        .from(tenant.moneyDocumentLines)
        .innerJoin(tenant.moneyDocuments, eq(tenant.moneyDocuments.id, tenant.moneyDocumentLines.documentId))
        .where(and(inArray(tenant.moneyDocumentLines.sessionId, ids), inArray(tenant.moneyDocuments.kind, INVOICE_KINDS)))
    : [];
  const byId = new Map(billed.map((b) => [b.sessionId, b]));
  return rows.map((r) => ({
    ...r,
    clientId: r.clientId!,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    invoicedOn: byId.has(r.id) ? { documentId: byId.get(r.id)!.documentId, number: byId.get(r.id)!.number } : null,
  }));
}
