/**
 * Settings → Payments: status for every member, connecting and refreshing for `money:manage`. On a server
 * pointed at the stand-in Stripe (role matrix), the studio gets its connected account first, so `refresh` has
 * one to read; elsewhere (no Stripe configured) only the refusals are exercised.
 */
import type { StudioProcedure } from '../studio-procedures.ts';
import type { TestServer } from '../platform.ts';
import type { Studio } from '../studios.ts';
import { ensureConnectedAccount } from '../../../apps/server/src/modules/money/payments/payments.service.ts';

export const procedures: StudioProcedure[] = [
  { path: 'payments.status', kind: 'query', permission: 'studio:read', input: () => undefined },
  { path: 'payments.connect', kind: 'mutation', permission: 'money:manage', input: () => undefined },
  { path: 'payments.refresh', kind: 'mutation', permission: 'money:manage', input: () => undefined },
];

export async function createTargets(server: TestServer, studio: Studio): Promise<Record<string, string>> {
  if (!server.config.STRIPE_SECRET_KEY) return {};
  const account = await ensureConnectedAccount(server.platform, { id: studio.id, name: 'Target studio' }, studio.ownerEmail);
  return { stripeAccountId: account.stripeAccountId };
}
