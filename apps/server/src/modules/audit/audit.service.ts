/** The studio's own audit log (in its database): who did what, when. */
import { tenant } from '@rsm/db';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import type { Actor } from '../studios/studio-context.ts';

type Writer = Pick<TenantDb, 'insert'>;

export async function recordAudit(
  db: Writer,
  actor: Pick<Actor, 'userId'> | null,
  action: string,
  entity: string,
  entityId: string | null,
  details: Record<string, unknown>,
): Promise<void> {
  await db.insert(tenant.auditLog).values({ actorUserId: actor?.userId ?? null, action, entity, entityId, details });
}
