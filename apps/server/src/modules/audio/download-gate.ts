/**
 * Whether a version's original may be downloaded by a client. A version marked "released when paid" stays
 * locked until its linked invoice is paid; whether an invoice is paid is answered by the invoices module,
 * which registers itself here at start-up (this module must not depend on invoicing). Without a registered
 * provider such versions stay locked: the gate fails closed.
 */
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { TenantDb } from '../../platform/tenancy/directory.ts';

export interface InvoicePaymentStatus {
  isInvoicePaid(db: TenantDb, invoiceId: string): Promise<boolean>;
}

let provider: InvoicePaymentStatus | null = null;

export function registerInvoicePaymentStatus(next: InvoicePaymentStatus | null): void {
  provider = next;
}

export type DownloadDecision = { allowed: true } | { allowed: false; reason: 'locked_until_paid' | 'not_found' };

export async function canDownloadVersion(db: TenantDb, versionId: string): Promise<DownloadDecision> {
  const [version] = await db
    .select({ releaseWhenPaid: tenant.trackVersions.releaseWhenPaid, invoiceId: tenant.trackVersions.invoiceId })
    .from(tenant.trackVersions)
    .where(eq(tenant.trackVersions.id, versionId))
    .limit(1);
  if (!version) return { allowed: false, reason: 'not_found' };
  if (!version.releaseWhenPaid) return { allowed: true };
  if (!version.invoiceId || !provider) return { allowed: false, reason: 'locked_until_paid' };
  return (await provider.isInvoicePaid(db, version.invoiceId)) ? { allowed: true } : { allowed: false, reason: 'locked_until_paid' };
}
