/**
 * The legal details printed on the studio's documents. Name, address and VAT number are the studio profile's
 * own columns (studio_settings); the rest is billing_settings. Both rows exist from the template on, and are
 * written together so a document never prints half an edit.
 */
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { z } from 'zod';
import { STATUTORY_LATE_PAYMENT_TEXT } from '@rsm/shared/billing-texts';
import type { billingDetailsInput } from '@rsm/shared/money-schemas';
import type { Locale } from '@rsm/shared/schemas';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../studios/studio-context.ts';

type DetailsInput = z.output<typeof billingDetailsInput>;

export async function getBillingDetails(db: TenantDb, locale: Locale) {
  const [row] = await db
    .select({ profile: tenant.studioSettings, billing: tenant.billingSettings })
    .from(tenant.studioSettings)
    .innerJoin(tenant.billingSettings, eq(tenant.billingSettings.id, tenant.studioSettings.id))
    .where(eq(tenant.studioSettings.id, 1));
  if (!row) throw new Error('studio_settings or billing_settings row missing (migrations 0001 / 0017 create them)');
  const { profile, billing } = row;
  return {
    legalName: profile.legalName,
    addressLine1: profile.addressLine1,
    addressLine2: profile.addressLine2,
    postalCode: profile.postalCode,
    city: profile.city,
    country: profile.country,
    vatNumber: profile.vatNumber,
    registrationNumber: billing.registrationNumber,
    legalForm: billing.legalForm,
    shareCapitalCents: billing.shareCapitalCents,
    iban: billing.iban,
    bic: billing.bic,
    paymentTermsDays: billing.paymentTermsDays,
    reminderDays: billing.reminderDays,
    /** Empty when the studio prints the statutory wording, given beside it in the studio's language. */
    latePaymentText: billing.latePaymentText ?? '',
    statutoryLatePaymentText: STATUTORY_LATE_PAYMENT_TEXT[locale],
    invoicePrefix: billing.invoicePrefix,
    creditNotePrefix: billing.creditNotePrefix,
    quotePrefix: billing.quotePrefix,
  };
}
export type BillingDetails = Awaited<ReturnType<typeof getBillingDetails>>;

export async function updateBillingDetails(db: TenantDb, actor: Actor, locale: Locale, input: DetailsInput): Promise<BillingDetails> {
  const { legalName, addressLine1, addressLine2, postalCode, city, country, vatNumber, latePaymentText, ...billing } = input;
  await db.transaction(async (tx) => {
    const now = new Date();
    await tx
      .update(tenant.studioSettings)
      .set({ legalName, addressLine1, addressLine2, postalCode, city, country, vatNumber, updatedAt: now })
      .where(eq(tenant.studioSettings.id, 1));
    await tx
      .update(tenant.billingSettings)
      .set({ ...billing, reminderDays: billing.reminderDays, latePaymentText: latePaymentText === '' ? null : latePaymentText, updatedAt: now })
      .where(eq(tenant.billingSettings.id, 1));
    // Bank details are not logged in full: the audit log says they changed, not what they are.
    await recordAudit(tx, actor, 'billing_details.updated', 'billing_details', null, { ibanSuffix: billing.iban.slice(-4) });
  });
  return getBillingDetails(db, locale);
}
