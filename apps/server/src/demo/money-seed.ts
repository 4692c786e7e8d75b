/**
 * The demo studio's money settings: the legal and bank details a French SARL prints on its invoices, and a
 * catalogue of what a recording studio sells, so Settings → Billing details and Catalogue show what they are for.
 * The IBAN is the French banks' published specimen (valid check digits, no real account).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { TenantDb } from '../platform/tenancy/directory.ts';

export async function seedDemoMoney(db: TenantDb): Promise<void> {
  await db
    .update(tenant.billingSettings)
    .set({
      registrationNumber: '123 456 789 00012',
      legalForm: 'SARL',
      shareCapitalCents: 1_000_000,
      iban: 'FR7630006000011234567890189',
      bic: 'AGRIFRPP',
      paymentTermsDays: 30,
    })
    .where(eq(tenant.billingSettings.id, 1));
  const rates = await db
    .select({ id: tenant.vatRates.id, basisPoints: tenant.vatRates.basisPoints })
    .from(tenant.vatRates)
    .where(and(eq(tenant.vatRates.category, 'S'), isNull(tenant.vatRates.archivedAt)));
  const standard = rates.find((r) => r.basisPoints === 2000)?.id;
  if (!standard) return;
  await db.insert(tenant.catalogueItems).values([
    { name: 'Recording with engineer', description: 'Live room and control room, one engineer.', unit: 'hour', unitPriceCents: 6500, vatRateId: standard },
    { name: 'Recording day', description: 'Ten hours, engineer included.', unit: 'day', unitPriceCents: 55000, vatRateId: standard },
    { name: 'Mixing (per track)', unit: 'item', unitPriceCents: 25000, vatRateId: standard },
    { name: 'Mastering (per track)', unit: 'item', unitPriceCents: 8000, vatRateId: standard },
    { name: 'Rehearsal session', description: 'Three hours in the live room, backline included.', unit: 'session', unitPriceCents: 9000, vatRateId: standard },
  ]);
}
