/**
 * Drafts of quotes and invoices: created, edited and deleted freely — they have no number and bind no one.
 * Totals are stored with every save, computed by computeTotals from the lines (draft-lines.ts). Whatever is
 * issued is frozen by the database (migration 0018), so "only drafts change" holds even against a bug here.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { z } from 'zod';
import type { createDraftInput, updateDraftInput } from '@rsm/shared/money-documents-schemas';
import { AppError, notFound } from '../../../platform/errors.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../studios/studio-context.ts';
import type { TenantTx } from '../numbering/document-number.ts';
import { fromDiscount, resolveLines, sessionsAlreadyBilled } from './draft-lines.ts';

export interface StudioMoneyContext {
  studioId: string;
  timeZone: string;
  locale: 'en' | 'fr';
  currency: string;
}

type CreateInput = z.output<typeof createDraftInput>;
type UpdateInput = z.output<typeof updateDraftInput>;
type DraftFields = Omit<CreateInput, 'kind'>;

const invalid = (problem: string) => new AppError('DOCUMENT_INVALID', problem, { problems: problem });
const INVOICE_KINDS = ['invoice', 'final_invoice'];

/** Lock a document for a change; refuses anything that is not a draft. */
export async function lockDraft(tx: TenantTx, id: string) {
  const [doc] = await tx.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, id)).for('update');
  if (!doc) throw notFound('document');
  if (doc.status !== 'draft') throw new AppError('DOCUMENT_NOT_DRAFT', `${doc.number} is issued and cannot be changed`, { number: doc.number ?? '' });
  return doc;
}

async function checkParties(tx: TenantTx, kind: CreateInput['kind'], input: DraftFields, selfId: string | null): Promise<void> {
  const [client] = await tx.select({ erasedAt: tenant.clients.erasedAt }).from(tenant.clients).where(eq(tenant.clients.id, input.clientId));
  if (!client || client.erasedAt) throw notFound('client');
  if (input.projectId) {
    const [project] = await tx.select({ id: tenant.projects.id }).from(tenant.projects).where(eq(tenant.projects.id, input.projectId));
    if (!project) throw notFound('project');
  }
  if (input.fromQuoteId) {
    if (kind === 'quote') throw invalid('a quote is not made from a quote');
    const [quote] = await tx.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, input.fromQuoteId));
    if (!quote || quote.kind !== 'quote') throw notFound('quote');
    if (quote.clientId !== input.clientId) throw invalid('the quote is for another client');
    if (quote.status !== 'accepted' && quote.status !== 'invoiced') throw invalid('only an accepted quote is invoiced');
  }
  if (input.depositInvoiceIds.length > 0 && kind !== 'final_invoice') throw invalid('only a final invoice deducts deposit invoices');
  if (input.deposit && kind !== 'quote') throw invalid('only a quote asks for a deposit');
  if (input.validUntil && kind !== 'quote') throw invalid('only a quote has a validity date');
  if (INVOICE_KINDS.includes(kind)) {
    const ids = input.lines.flatMap((l) => (l.source === 'session' ? [l.sessionId] : []));
    const billed = await sessionsAlreadyBilled(tx, ids, selfId, INVOICE_KINDS);
    if (billed.length > 0) throw new AppError('CONFLICT', 'A session is already on another invoice', { sessionId: billed[0]! });
  }
}

/** Deposit invoices a final invoice deducts: issued, the same client, not deducted by another final invoice. */
async function depositDeductions(tx: TenantTx, clientId: string, ids: string[], selfId: string | null) {
  if (ids.length === 0) return [];
  const deposits = await tx.select().from(tenant.moneyDocuments).where(inArray(tenant.moneyDocuments.id, ids));
  for (const id of ids) {
    const d = deposits.find((x) => x.id === id);
    if (!d || d.kind !== 'deposit_invoice') throw notFound('deposit invoice');
    if (d.clientId !== clientId) throw invalid('a deposit invoice is for another client');
    if (d.status === 'draft' || d.status === 'cancelled') throw invalid('only an issued deposit invoice is deducted');
  }
  const taken = await tx.select().from(tenant.moneyDocumentDeductions).where(inArray(tenant.moneyDocumentDeductions.depositInvoiceId, ids));
  if (taken.some((t) => t.finalInvoiceId !== selfId)) throw new AppError('CONFLICT', 'A deposit invoice is already deducted by another final invoice');
  // What a deposit invoice stands for on the final invoice is what it asks for, net of any credit note on it.
  return deposits.map((d) => ({ depositInvoiceId: d.id, amountCents: d.grossCents - d.creditedCents }));
}

async function writeDraft(tx: TenantTx, ctx: StudioMoneyContext, kind: CreateInput['kind'], input: DraftFields, id: string | null): Promise<string> {
  await checkParties(tx, kind, input, id);
  const discount = fromDiscount(input.discount);
  const { lines, totals } = await resolveLines(tx, input.lines, input.clientId, input.discount ?? null, ctx);
  const deductions = await depositDeductions(tx, input.clientId, input.depositInvoiceIds, id);
  const depositsDeductedCents = deductions.reduce((sum, d) => sum + d.amountCents, 0);
  // Refused as soon as it is written; issuing checks again, since a deposit may be credited meanwhile.
  if (depositsDeductedCents > totals.grossCents) throw invalid('the deposits deducted exceed the final invoice');
  const deposit = fromDiscount(input.deposit);
  const fields = {
    clientId: input.clientId,
    projectId: input.projectId ?? null,
    serviceDate: input.serviceDate ?? null,
    validUntil: input.validUntil ?? null,
    discountKind: discount.kind,
    discountValue: discount.value,
    notes: input.notes,
    fromQuoteId: input.fromQuoteId ?? null,
    depositBasisPoints: deposit.kind === 'percent' ? deposit.value : null,
    depositCents: deposit.kind === 'amount' ? deposit.value : null,
    subtotalCents: totals.subtotalCents,
    discountCents: totals.documentDiscountCents,
    netCents: totals.netCents,
    vatCents: totals.vatCents,
    grossCents: totals.grossCents,
    depositsDeductedCents,
    updatedAt: new Date(),
  };
  let docId = id;
  if (docId) {
    await tx.update(tenant.moneyDocuments).set(fields).where(eq(tenant.moneyDocuments.id, docId));
    await tx.delete(tenant.moneyDocumentLines).where(eq(tenant.moneyDocumentLines.documentId, docId));
    await tx.delete(tenant.moneyDocumentDeductions).where(eq(tenant.moneyDocumentDeductions.finalInvoiceId, docId));
  } else {
    const [row] = await tx
      .insert(tenant.moneyDocuments)
      .values({ ...fields, kind, currency: ctx.currency })
      .returning({ id: tenant.moneyDocuments.id });
    docId = row!.id;
  }
  const documentId = docId;
  if (lines.length > 0) await tx.insert(tenant.moneyDocumentLines).values(lines.map((l, position) => ({ ...l, documentId, position })));
  if (deductions.length > 0) await tx.insert(tenant.moneyDocumentDeductions).values(deductions.map((d) => ({ ...d, finalInvoiceId: documentId })));
  return documentId;
}

export async function createDraft(db: TenantDb, ctx: StudioMoneyContext, actor: Actor, input: CreateInput): Promise<string> {
  return db.transaction(async (tx) => {
    const id = await writeDraft(tx, ctx, input.kind, input, null);
    await tx.update(tenant.moneyDocuments).set({ createdBy: actor.userId }).where(eq(tenant.moneyDocuments.id, id));
    await recordAudit(tx, actor, 'money_document.draft_created', 'money_document', id, { kind: input.kind });
    return id;
  });
}

export async function updateDraft(db: TenantDb, ctx: StudioMoneyContext, actor: Actor, input: UpdateInput): Promise<string> {
  return db.transaction(async (tx) => {
    const doc = await lockDraft(tx, input.id);
    if (doc.kind === 'credit_note') throw invalid('a credit note is made again from its invoice, not edited');
    const { id, ...fields } = input;
    // What the draft was made from stays unless the caller says otherwise (updateDraftInput).
    const depositInvoiceIds =
      fields.depositInvoiceIds ??
      (
        await tx
          .select({ id: tenant.moneyDocumentDeductions.depositInvoiceId })
          .from(tenant.moneyDocumentDeductions)
          .where(eq(tenant.moneyDocumentDeductions.finalInvoiceId, id))
      ).map((d) => d.id);
    const fromQuoteId = fields.fromQuoteId === undefined ? doc.fromQuoteId : fields.fromQuoteId;
    await writeDraft(tx, ctx, doc.kind, { ...fields, depositInvoiceIds, fromQuoteId }, id);
    await recordAudit(tx, actor, 'money_document.draft_updated', 'money_document', id, {});
    return id;
  });
}

export async function deleteDraft(db: TenantDb, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const doc = await lockDraft(tx, id);
    await tx.delete(tenant.moneyDocuments).where(and(eq(tenant.moneyDocuments.id, id), eq(tenant.moneyDocuments.status, 'draft')));
    await recordAudit(tx, actor, 'money_document.draft_deleted', 'money_document', id, { kind: doc.kind });
  });
}
