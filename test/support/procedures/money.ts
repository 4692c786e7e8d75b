/**
 * Money settings (money.billingDetails.*, money.vatRates.*, money.catalogue.*). Targets: an active VAT rate
 * and an archived one, each with a percentage of its own (active rates are unique per percentage, and the
 * suites make targets many times per studio), an active catalogue item on the studio's 20 % rate and an
 * archived one.
 * Money documents (money.documents.*, money.payments.*), all `money:manage`: a client, a draft invoice, an
 * issued invoice (through the real issue path) with one payment on it, and an issued invoice of a client with an
 * e-mail address (money.delivery.*).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { StudioProcedure } from '../studio-procedures.ts';
import type { TestServer } from '../platform.ts';
import type { TenantDb } from '../../../apps/server/src/platform/tenancy/directory.ts';
import { withStudioDb, type Studio } from '../studios.ts';
import { fileStorage } from '../../../apps/server/src/platform/storage/storage.ts';
import { createDraft, issueDocument, quoteLink, recordPayment, respondToQuote } from '../../../apps/server/src/modules/money/invoicing/index.ts';
import { completeBillingDetails, insertClient } from '../money.ts';

/** Percentages no test makes otherwise (3000–9999 basis points), one per target rate. */
let nextBasisPoints = 3000;
const freshBasisPoints = () => 3000 + (nextBasisPoints++ % 7000);

export const procedures: StudioProcedure[] = [
  { path: 'money.billingDetails.get', kind: 'query', permission: 'money:manage', input: () => undefined },
  {
    path: 'money.billingDetails.update',
    kind: 'mutation',
    permission: 'money:manage',
    input: () => ({
      legalName: 'Injected SARL',
      iban: 'FR7630006000011234567890189',
      bic: 'BNPAFRPP',
      paymentTermsDays: 15,
      invoicePrefix: 'FX',
      creditNotePrefix: 'AX',
      quotePrefix: 'DX',
    }),
  },
  { path: 'money.vatRates.list', kind: 'query', permission: 'catalogue:read', input: () => ({ includeArchived: true }) },
  { path: 'money.vatRates.create', kind: 'mutation', permission: 'money:manage', input: () => ({ label: 'Injected', basisPoints: 1700 }) },
  { path: 'money.vatRates.rename', kind: 'mutation', permission: 'money:manage', input: (t) => ({ id: t.extra.vatRateId, label: 'Renamed rate' }) },
  { path: 'money.vatRates.setDefault', kind: 'mutation', permission: 'money:manage', input: (t) => ({ id: t.extra.vatRateId }) },
  { path: 'money.vatRates.archive', kind: 'mutation', permission: 'money:manage', input: (t) => ({ id: t.extra.vatRateId }) },
  { path: 'money.vatRates.restore', kind: 'mutation', permission: 'money:manage', input: (t) => ({ id: t.extra.archivedVatRateId }) },
  { path: 'money.catalogue.list', kind: 'query', permission: 'catalogue:read', input: () => ({ includeArchived: true }) },
  {
    path: 'money.catalogue.create',
    kind: 'mutation',
    permission: 'money:manage',
    input: (t) => ({ name: 'Injected service', unit: 'hour', unitPriceCents: 5000, vatRateId: t.extra.vatRateId }),
  },
  {
    path: 'money.catalogue.update',
    kind: 'mutation',
    permission: 'money:manage',
    input: (t) => ({ id: t.extra.catalogueItemId, name: 'Renamed service', unit: 'day', unitPriceCents: 40000, vatRateId: t.extra.vatRateId }),
  },
  { path: 'money.catalogue.archive', kind: 'mutation', permission: 'money:manage', input: (t) => ({ id: t.extra.catalogueItemId }) },
  { path: 'money.catalogue.restore', kind: 'mutation', permission: 'money:manage', input: (t) => ({ id: t.extra.archivedCatalogueItemId }) },
  { path: 'money.documents.list', kind: 'query', permission: 'money:manage', input: () => ({}) },
  { path: 'money.documents.summary', kind: 'query', permission: 'money:manage', input: () => ({}) },
  { path: 'money.documents.payments', kind: 'query', permission: 'money:manage', input: () => ({}) },
  { path: 'money.documents.billableSessions', kind: 'query', permission: 'money:manage', input: (t) => ({ clientId: t.extra.moneyClientId }) },
  { path: 'money.documents.deductibleDeposits', kind: 'query', permission: 'money:manage', input: (t) => ({ clientId: t.extra.moneyClientId }) },
  { path: 'money.documents.paymentsTotal', kind: 'query', permission: 'money:manage', input: () => ({}) },
  { path: 'money.documents.get', kind: 'query', permission: 'money:manage', input: (t) => ({ id: t.extra.issuedInvoiceId }) },
  {
    path: 'money.documents.createDraft',
    kind: 'mutation',
    permission: 'money:manage',
    input: (t) => ({
      kind: 'quote',
      clientId: t.extra.moneyClientId,
      lines: [{ source: 'catalogue', catalogueItemId: t.extra.catalogueItemId, quantity: 2000 }],
    }),
  },
  {
    path: 'money.documents.updateDraft',
    kind: 'mutation',
    permission: 'money:manage',
    input: (t) => ({
      id: t.extra.draftInvoiceId,
      clientId: t.extra.moneyClientId,
      notes: 'Edited',
      lines: [{ source: 'catalogue', catalogueItemId: t.extra.catalogueItemId, quantity: 3000 }],
    }),
  },
  { path: 'money.documents.deleteDraft', kind: 'mutation', permission: 'money:manage', input: (t) => ({ id: t.extra.draftInvoiceId }) },
  { path: 'money.documents.issue', kind: 'mutation', permission: 'money:manage', input: (t) => ({ id: t.extra.draftInvoiceId }) },
  {
    path: 'money.documents.createCreditNote',
    kind: 'mutation',
    permission: 'money:manage',
    input: (t) => ({ invoiceId: t.extra.issuedInvoiceId, reason: 'Injected correction' }),
  },
  {
    path: 'money.payments.record',
    kind: 'mutation',
    permission: 'money:manage',
    input: (t) => ({ documentId: t.extra.issuedInvoiceId, method: 'cash', amountCents: 100, receivedOn: '2026-03-01' }),
  },
  { path: 'money.documents.quoteLink', kind: 'mutation', permission: 'money:manage', input: (t) => ({ id: t.extra.sentQuoteId }) },
  { path: 'money.documents.invoiceFromQuote', kind: 'mutation', permission: 'money:manage', input: (t) => ({ id: t.extra.acceptedQuoteId }) },
  { path: 'money.delivery.send', kind: 'mutation', permission: 'money:manage', input: (t) => ({ id: t.extra.mailedInvoiceId }) },
  { path: 'money.payments.remove', kind: 'mutation', permission: 'money:manage', input: (t) => ({ paymentId: t.extra.paymentId, reason: 'Injected removal' }) },
];

export async function createTargets(server: TestServer, studio: Studio): Promise<Record<string, string>> {
  return withStudioDb(server, studio.id, async (db) => {
    const [active, archived] = await db
      .insert(tenant.vatRates)
      .values([{ basisPoints: freshBasisPoints() }, { basisPoints: freshBasisPoints(), archivedAt: new Date() }])
      .returning({ id: tenant.vatRates.id });
    const [standard] = await db
      .select({ id: tenant.vatRates.id })
      .from(tenant.vatRates)
      .where(and(eq(tenant.vatRates.basisPoints, 2000), eq(tenant.vatRates.category, 'S'), isNull(tenant.vatRates.archivedAt)));
    const [item, archivedItem] = await db
      .insert(tenant.catalogueItems)
      .values([
        { name: 'Mixing', unit: 'hour', unitPriceCents: 6000, vatRateId: standard!.id },
        { name: 'Old mastering', unit: 'session', unitPriceCents: 15000, vatRateId: standard!.id, archivedAt: new Date() },
      ])
      .returning({ id: tenant.catalogueItems.id });
    const documents = await moneyDocumentTargets(server, studio, db, item!.id);
    return { vatRateId: active!.id, archivedVatRateId: archived!.id, catalogueItemId: item!.id, archivedCatalogueItemId: archivedItem!.id, ...documents };
  });
}

async function moneyDocumentTargets(server: TestServer, studio: Studio, db: TenantDb, catalogueItemId: string): Promise<Record<string, string>> {
  await completeBillingDetails(db);
  const clientId = await insertClient(db, 'Money Target Client');
  const ctx = { studioId: studio.id, timeZone: 'Europe/Paris', locale: 'en' as const, currency: 'EUR' };
  const actor = { userId: studio.ownerId, name: 'Owner', email: studio.ownerEmail, role: 'owner' as const };
  const lines = [{ source: 'catalogue' as const, catalogueItemId, quantity: 1000 }];
  const draftInvoiceId = await createDraft(db, ctx, actor, { kind: 'invoice', clientId, notes: '', lines, depositInvoiceIds: [] });
  const issuedInvoiceId = await createDraft(db, ctx, actor, { kind: 'invoice', clientId, notes: '', lines, depositInvoiceIds: [] });
  await issueDocument(db, ctx, { storage: fileStorage(server.config) }, actor, issuedInvoiceId);
  const { payment } = await recordPayment(db, actor, { documentId: issuedInvoiceId, method: 'transfer', amountCents: 1000, receivedOn: '2026-03-01' });
  const [sentQuoteId, acceptedQuoteId] = [
    await createDraft(db, ctx, actor, { kind: 'quote', clientId, notes: '', lines, depositInvoiceIds: [] }),
    await createDraft(db, ctx, actor, { kind: 'quote', clientId, notes: '', lines, depositInvoiceIds: [] }),
  ];
  for (const quote of [sentQuoteId, acceptedQuoteId]) await issueDocument(db, ctx, { storage: fileStorage(server.config) }, actor, quote);
  // money.delivery.send mails an issued invoice to a client with an e-mail address.
  const mailedClientId = await insertClient(db, 'Money Mailed Client');
  await db
    .update(tenant.clients)
    .set({ email: `mailed-${randomUUID()}@example.test` })
    .where(eq(tenant.clients.id, mailedClientId));
  const mailedInvoiceId = await createDraft(db, ctx, actor, { kind: 'invoice', clientId: mailedClientId, notes: '', lines, depositInvoiceIds: [] });
  await issueDocument(db, ctx, { storage: fileStorage(server.config) }, actor, mailedInvoiceId);
  const { token } = await quoteLink(db, actor, acceptedQuoteId);
  await respondToQuote(db, ctx, { token, decision: 'accept', fullName: 'Target Client', ip: '192.0.2.1' });
  return { moneyClientId: clientId, draftInvoiceId, issuedInvoiceId, paymentId: payment.id, sentQuoteId, acceptedQuoteId, mailedInvoiceId };
}
