/** Staff marking of a version as "deliverable, released when paid" and the state of its lock. */
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../studios/studio-context.ts';
import { canDownloadVersion } from '../audio/download-gate.ts';

export async function deliverableStatus(db: TenantDb, versionId: string) {
  const [version] = await db
    .select({ releaseWhenPaid: tenant.trackVersions.releaseWhenPaid, invoiceId: tenant.trackVersions.invoiceId })
    .from(tenant.trackVersions)
    .where(eq(tenant.trackVersions.id, versionId));
  if (!version) throw notFound('version');
  const decision = await canDownloadVersion(db, versionId);
  return { versionId, releaseWhenPaid: version.releaseWhenPaid, invoiceId: version.invoiceId, locked: !decision.allowed };
}

export async function setReleaseWhenPaid(
  db: TenantDb,
  actor: Actor,
  input: { versionId: string; releaseWhenPaid: boolean; invoiceId?: string | null | undefined },
) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(tenant.trackVersions)
      .set({ releaseWhenPaid: input.releaseWhenPaid, ...(input.invoiceId !== undefined ? { invoiceId: input.invoiceId } : {}) })
      .where(eq(tenant.trackVersions.id, input.versionId))
      .returning({ id: tenant.trackVersions.id });
    if (!row) throw notFound('version');
    await recordAudit(tx, actor, input.releaseWhenPaid ? 'deliverable.lock' : 'deliverable.unlock', 'track_version', input.versionId, {
      invoiceId: input.invoiceId ?? null,
    });
  });
  return deliverableStatus(db, input.versionId);
}
