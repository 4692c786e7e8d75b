/**
 * Seats: a studio's staff members (owners included) plus its pending invitations — an invitation holds its seat
 * until it is accepted (then the member holds it), revoked or expired. Inviting past the plan's seats is refused.
 */
import { and, count, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { limitsPlanOf, planLimitsOf } from './standing-guard.ts';
import { control } from '@rsm/db';
import { AppError } from '../../platform/errors.ts';
import type { ControlDb, ControlTx } from '../../platform/postgres/control-db.ts';
import type { StudioContext } from '../studios/studio-context.ts';
import { planName } from './plan-names.ts';

/** Seats in use; `exceptEmail` leaves out a pending invitation about to be replaced by a new one to that address. */
export async function seatsUsed(db: ControlDb | ControlTx, studioId: string, now: Date, exceptEmail?: string): Promise<number> {
  const [[members], [pending]] = await Promise.all([
    db.select({ n: count() }).from(control.memberships).where(eq(control.memberships.studioId, studioId)),
    db
      .select({ n: count() })
      .from(control.invitations)
      .where(
        and(
          eq(control.invitations.studioId, studioId),
          isNull(control.invitations.acceptedAt),
          isNull(control.invitations.revokedAt),
          gt(control.invitations.expiresAt, now),
          exceptEmail === undefined ? undefined : ne(control.invitations.email, exceptEmail),
        ),
      ),
  ]);
  return (members?.n ?? 0) + (pending?.n ?? 0);
}

/**
 * Refuse an invitation past the plan's seats. Call it inside the transaction that inserts the invitation: it
 * takes the studio's seat lock first, so two invitations at once cannot both take the last seat.
 */
export async function assertSeatAvailable(tx: ControlTx, studio: StudioContext, email: string, now: Date): Promise<void> {
  const limit = planLimitsOf(studio, now).seats;
  if (limit === null) return;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`plan-limit:seats:${studio.id}`}))`);
  const used = await seatsUsed(tx, studio.id, now, email);
  if (used + 1 > limit) {
    const plan = planName(limitsPlanOf(studio, now));
    const message =
      studio.locale === 'fr'
        ? `La formule ${plan} comprend ${limit} places (membres et invitations en attente) et elles sont toutes prises (${used}/${limit}). Retirez une invitation ou un membre, ou changez de formule.`
        : `The ${plan} plan includes ${limit} seats (members and pending invitations) and all are taken (${used}/${limit}). Revoke an invitation or remove a member, or upgrade the plan.`;
    throw new AppError('LIMIT_REACHED', message, { limit, used, plan: limitsPlanOf(studio, now), kind: 'seats' });
  }
}
