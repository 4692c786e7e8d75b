/**
 * Which Stripe events were applied, so each one is applied once however often and in whatever order Stripe
 * delivers it. Behind an interface: it lives in the control database today and moves into the studio's
 * database with the money tables (issue 11).
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { ControlDb, ControlTx } from '../../../platform/postgres/control-db.ts';

export interface EventClaim {
  /** The transaction every effect of the event is written in, with the event marked applied. */
  tx: ControlTx;
  /** Records what the event does; false when another event already did it (same payment, same refund total). */
  claimEffect(effectKey: string): Promise<boolean>;
}

export interface StripeEventStore {
  /** True when the event was already applied (a duplicate delivery): nothing to do. */
  wasApplied(eventId: string): Promise<boolean>;
  /**
   * Runs `apply` in one transaction holding the event's row lock (a concurrent delivery of the same event waits,
   * then sees it applied), and marks the event applied in that transaction. Returns false if it already was.
   */
  applyOnce(event: { id: string; type: string; studioId: string | null }, apply: (claim: EventClaim) => Promise<void>): Promise<boolean>;
}

const UNIQUE_VIOLATION = '23505';

export function controlEventStore(db: ControlDb): StripeEventStore {
  return {
    async wasApplied(eventId) {
      const [row] = await db.select({ appliedAt: control.stripeEvents.appliedAt }).from(control.stripeEvents).where(eq(control.stripeEvents.eventId, eventId));
      return !!row?.appliedAt;
    },
    async applyOnce(event, apply) {
      return db.transaction(async (tx) => {
        await tx.insert(control.stripeEvents).values({ eventId: event.id, type: event.type, studioId: event.studioId }).onConflictDoNothing();
        const [row] = await tx
          .select({ appliedAt: control.stripeEvents.appliedAt })
          .from(control.stripeEvents)
          .where(eq(control.stripeEvents.eventId, event.id))
          .for('update');
        if (row?.appliedAt) return false;
        const claimEffect = async (effectKey: string) => {
          try {
            // A savepoint: losing the race on the unique effect key must not abort the whole transaction.
            await tx.transaction(async (savepoint) => {
              await savepoint.update(control.stripeEvents).set({ effectKey }).where(eq(control.stripeEvents.eventId, event.id));
            });
            return true;
          } catch (error) {
            if ((error as { code?: string }).code === UNIQUE_VIOLATION || (error as { cause?: { code?: string } }).cause?.code === UNIQUE_VIOLATION)
              return false;
            throw error;
          }
        };
        await apply({ tx, claimEffect });
        await tx
          .update(control.stripeEvents)
          .set({ appliedAt: sql`now()` })
          .where(and(eq(control.stripeEvents.eventId, event.id), isNull(control.stripeEvents.appliedAt)));
        return true;
      });
    },
  };
}
