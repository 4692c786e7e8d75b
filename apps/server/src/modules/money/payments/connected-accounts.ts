/**
 * Each studio's connected Stripe account, in the control database (see the table's comment): found by studio
 * for Settings → Payments and by Stripe account id for webhooks.
 */
import { and, eq, lte, sql } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { ControlDb, ControlTx } from '../../../platform/postgres/control-db.ts';
import type { AccountStatus } from './payment-types.ts';

export type ConnectedAccount = typeof control.stripeConnectedAccounts.$inferSelect;
type Db = ControlDb | ControlTx;

export async function accountOfStudio(db: Db, studioId: string): Promise<ConnectedAccount | null> {
  const [row] = await db.select().from(control.stripeConnectedAccounts).where(eq(control.stripeConnectedAccounts.studioId, studioId));
  return row ?? null;
}

export async function accountByStripeId(db: Db, stripeAccountId: string): Promise<ConnectedAccount | null> {
  const [row] = await db.select().from(control.stripeConnectedAccounts).where(eq(control.stripeConnectedAccounts.stripeAccountId, stripeAccountId));
  return row ?? null;
}

/**
 * Links a new account to the studio. If another request linked one first (two clicks at once), theirs is kept
 * and returned: the studio has one account.
 */
export async function linkAccount(db: Db, studioId: string, status: AccountStatus, readAt: Date): Promise<ConnectedAccount> {
  await db
    .insert(control.stripeConnectedAccounts)
    .values({ studioId, stripeAccountId: status.accountId, ...statusColumns(status), syncedAt: readAt })
    .onConflictDoNothing({ target: control.stripeConnectedAccounts.studioId });
  const row = await accountOfStudio(db, studioId);
  if (!row) throw new Error('connected account row vanished after insert');
  return row;
}

/**
 * Stores what Stripe said at `readAt`, unless a later read is already stored: two webhooks answered out of
 * order (or a webhook and a refresh) never leave the older state behind. Returns whether it was stored.
 */
export async function storeStatus(db: Db, status: AccountStatus, readAt: Date): Promise<boolean> {
  const updated = await db
    .update(control.stripeConnectedAccounts)
    .set({ ...statusColumns(status), syncedAt: readAt, updatedAt: sql`now()` })
    .where(and(eq(control.stripeConnectedAccounts.stripeAccountId, status.accountId), lte(control.stripeConnectedAccounts.syncedAt, readAt)))
    .returning({ studioId: control.stripeConnectedAccounts.studioId });
  return updated.length > 0;
}

function statusColumns(status: AccountStatus) {
  return {
    chargesEnabled: status.chargesEnabled,
    payoutsEnabled: status.payoutsEnabled,
    detailsSubmitted: status.detailsSubmitted,
    requirementsDue: status.requirementsDue,
    disabledReason: status.disabledReason,
  };
}
