/**
 * Merging two records of the same client: the survivor keeps its values and takes the duplicate's where
 * its own are empty, tags are united, everything that pointed at the duplicate (sessions, notes,
 * projects, contacts, whatever other modules registered) moves to the survivor, and the duplicate is
 * deleted — one transaction, one audit entry.
 */
import { eq, or, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../studios/studio-context.ts';
import { liveClient, type ClientRow } from './clients.service.ts';
import { clientDataSteps, type ClientDataTx } from './gdpr-registry.ts';
import './gdpr-steps.ts';

const FILLABLE = ['companyType', 'email', 'phone', 'addressLine1', 'addressLine2', 'postalCode', 'city', 'country', 'website', 'vatNumber', 'locale'] as const;

/** The survivor's values, with empty fields taken from the duplicate (what the preview shows). */
export function mergedFields(survivor: ClientRow, duplicate: ClientRow) {
  const filled: Partial<Record<(typeof FILLABLE)[number], string>> = {};
  for (const key of FILLABLE) if (!survivor[key] && duplicate[key]) filled[key] = duplicate[key];
  if (survivor.kind !== 'company') delete filled.companyType;
  return { filled, tags: [...new Set([...survivor.tags, ...duplicate.tags])].slice(0, 30) };
}

export async function mergeClients(db: TenantDb, actor: Actor, survivorId: string, duplicateId: string) {
  return db.transaction(async (tx) => {
    // Lock both rows in id order, so two merges of the same pair cannot deadlock.
    const [firstId, secondId] = [survivorId, duplicateId].sort();
    const first = await liveClient(tx, firstId!, true);
    const second = await liveClient(tx, secondId!, true);
    const survivor = first.id === survivorId ? first : second;
    const duplicate = first.id === survivorId ? second : first;
    if (survivor.kind !== duplicate.kind) throw new AppError('CONFLICT', 'A person and a company cannot be merged', { reason: 'merge_kind_mismatch' });
    const { filled, tags } = mergedFields(survivor, duplicate);
    await moveContacts(tx, duplicate.id, survivor.id);
    for (const step of clientDataSteps()) await step.merge?.(tx, duplicate.id, survivor.id);
    // The duplicate goes before the survivor takes its e-mail: an address belongs to one client at a time.
    await tx.delete(tenant.clients).where(eq(tenant.clients.id, duplicate.id));
    await tx
      .update(tenant.clients)
      .set({
        ...filled,
        tags,
        portalPasswordHash: survivor.portalPasswordHash ?? duplicate.portalPasswordHash,
        archivedAt: survivor.archivedAt && duplicate.archivedAt ? survivor.archivedAt : null,
        updatedAt: new Date(),
      })
      .where(eq(tenant.clients.id, survivor.id));
    await recordAudit(tx, actor, 'client.merged', 'client', survivor.id, { duplicateId: duplicate.id, filledFields: Object.keys(filled) });
    return { id: survivor.id };
  });
}

/**
 * Contact links of the duplicate become the survivor's. Where the survivor already has the same link,
 * roles are united and the portal right is kept if either had it; a link between the two is dropped.
 */
async function moveContacts(tx: ClientDataTx, fromId: string, toId: string) {
  const cc = tenant.clientContacts;
  const links = await tx
    .select()
    .from(cc)
    .where(or(eq(cc.companyId, fromId), eq(cc.personId, fromId)));
  for (const link of links) {
    const companyId = link.companyId === fromId ? toId : link.companyId;
    const personId = link.personId === fromId ? toId : link.personId;
    if (companyId === personId) continue;
    await tx
      .insert(cc)
      .values({ companyId, personId, roles: link.roles, canSeeCompanyItems: link.canSeeCompanyItems, createdAt: link.createdAt })
      .onConflictDoUpdate({
        target: [cc.companyId, cc.personId],
        set: {
          roles: sql`ARRAY(SELECT DISTINCT unnest(${cc.roles} || excluded.roles))`,
          canSeeCompanyItems: sql`${cc.canSeeCompanyItems} OR excluded.can_see_company_items`,
        },
      });
  }
  if (links.length) await tx.delete(cc).where(or(eq(cc.companyId, fromId), eq(cc.personId, fromId)));
}
