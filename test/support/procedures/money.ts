/**
 * Money settings (money.billingDetails.*, money.vatRates.*, money.catalogue.*). Targets: an active VAT rate
 * and an archived one, each with a percentage of its own (active rates are unique per percentage, and the
 * suites make targets many times per studio), an active catalogue item on the studio's 20 % rate and an
 * archived one.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { StudioProcedure } from '../studio-procedures.ts';
import type { TestServer } from '../platform.ts';
import { withStudioDb, type Studio } from '../studios.ts';

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
    return { vatRateId: active!.id, archivedVatRateId: archived!.id, catalogueItemId: item!.id, archivedCatalogueItemId: archivedItem!.id };
  });
}
