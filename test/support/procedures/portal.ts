/**
 * Staff procedures of the portal and the cancellation policy. Targets: a client with an e-mail address
 * (for sending a log-in link), and for moving a deposit a cancelled session with a received deposit and a
 * confirmed session of the same client.
 */
import { tenant } from '@rsm/db';
import type { StudioProcedure, Targets } from '../studio-procedures.ts';
import type { TestServer } from '../platform.ts';
import { withStudioDb, type Studio } from '../studios.ts';

export const procedures: StudioProcedure[] = [
  { path: 'clientPortal.activity', kind: 'query', permission: 'clients:read', input: (t) => ({ clientId: t.extra.portalClientId }) },
  { path: 'clientPortal.sendLoginLink', kind: 'mutation', permission: 'clients:write', input: (t) => ({ clientId: t.extra.portalClientId }) },
  { path: 'cancellations.preview', kind: 'query', permission: 'sessions:read', input: (t) => ({ id: t.sessionId }) },
  { path: 'cancellations.cancel', kind: 'mutation', permission: 'sessions:write', input: (t) => ({ id: t.sessionId, reason: 'Injected cancel' }) },
  {
    path: 'cancellations.rebookDeposit',
    kind: 'mutation',
    permission: 'money:manage',
    input: (t) => ({ fromSessionId: t.extra.depositFromSessionId, toSessionId: t.extra.depositToSessionId }),
  },
];

export async function createTargets(server: TestServer, studio: Studio, base: Targets): Promise<Record<string, string>> {
  return withStudioDb(server, studio.id, async (db) => {
    const [client] = await db
      .insert(tenant.clients)
      .values({ name: 'Portal target', email: `portal-target-${Math.random().toString(36).slice(2)}@example.test` })
      .returning({ id: tenant.clients.id });
    const common = { roomId: base.roomId, currency: 'EUR', clientId: client!.id, depositCents: 5000 };
    const [from] = await db
      .insert(tenant.sessions)
      .values({
        ...common,
        title: 'Cancelled with deposit',
        startsAt: new Date('2030-03-04T09:00:00Z'),
        endsAt: new Date('2030-03-04T11:00:00Z'),
        status: 'cancelled',
        depositReceivedAt: new Date('2030-01-01T00:00:00Z'),
        cancelledAt: new Date('2030-02-01T00:00:00Z'),
        cancelledByKind: 'staff',
        refundableCents: 2500,
        keptCents: 2500,
      })
      .returning({ id: tenant.sessions.id });
    const [to] = await db
      .insert(tenant.sessions)
      .values({ ...common, title: 'Rebooked', startsAt: new Date('2030-03-11T09:00:00Z'), endsAt: new Date('2030-03-11T11:00:00Z'), status: 'confirmed' })
      .returning({ id: tenant.sessions.id });
    return { portalClientId: client!.id, depositFromSessionId: from!.id, depositToSessionId: to!.id };
  });
}
