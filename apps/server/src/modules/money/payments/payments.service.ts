/**
 * Settings → Payments: whether online payment is set up on this server, the studio's connected Stripe account
 * and its onboarding. Framework-free: the router, the webhook and (later) the money service call these.
 */
import type { Platform } from '../../../platform/platform.ts';
import type { StudioContext, Actor } from '../../studios/studio-context.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import { AppError } from '../../../platform/errors.ts';
import { requireStripe, stripeGateway } from './stripe-adapter.ts';
import { accountOfStudio, linkAccount, storeStatus, type ConnectedAccount } from './connected-accounts.ts';
import { portalUrl } from '../../portal/portal-auth.service.ts';

export interface PaymentsStatus {
  /** False when the server has no Stripe key: every "pay online" control stays hidden. */
  configured: boolean;
  account: null | {
    accountId: string;
    chargesEnabled: boolean;
    payoutsEnabled: boolean;
    detailsSubmitted: boolean;
    requirementsDue: string[];
    disabledReason: string | null;
    syncedAt: Date;
  };
  /** Clients can be asked to pay online: configured, connected and Stripe accepts charges. */
  acceptsOnlinePayment: boolean;
}

function statusOf(configured: boolean, row: ConnectedAccount | null): PaymentsStatus {
  const account = row && {
    accountId: row.stripeAccountId,
    chargesEnabled: row.chargesEnabled,
    payoutsEnabled: row.payoutsEnabled,
    detailsSubmitted: row.detailsSubmitted,
    requirementsDue: row.requirementsDue,
    disabledReason: row.disabledReason,
    syncedAt: row.syncedAt,
  };
  return { configured, account, acceptsOnlinePayment: configured && !!account?.chargesEnabled };
}

export async function paymentsStatus(platform: Platform, studioId: string): Promise<PaymentsStatus> {
  return statusOf(stripeGateway(platform.config) !== null, await accountOfStudio(platform.controlDb, studioId));
}

/**
 * The "pay online" link an invoice's PDF prints when it is issued: the client portal's money page, where the client
 * pays the balance through Checkout (a Checkout Session expires, the portal page does not). Undefined while the studio
 * cannot take online payments: the PDF then shows bank details only, never a link that leads nowhere.
 */
export async function payOnlineLink(platform: Platform, studio: Pick<StudioContext, 'id' | 'slug'>): Promise<string | undefined> {
  const status = await paymentsStatus(platform, studio.id);
  return status.acceptsOnlinePayment ? portalUrl(platform, studio.slug, 'money') : undefined;
}

/** The studio's connected account, created on Stripe the first time (idempotent: a second call reuses it). */
export async function ensureConnectedAccount(platform: Platform, studio: Pick<StudioContext, 'id' | 'name'>, contactEmail: string): Promise<ConnectedAccount> {
  const stripe = requireStripe(platform.config);
  const existing = await accountOfStudio(platform.controlDb, studio.id);
  if (existing) return existing;
  const readAt = new Date();
  const status = await stripe.createConnectedAccount({ id: studio.id, name: studio.name, email: contactEmail });
  return linkAccount(platform.controlDb, studio.id, status, readAt);
}

/** Where Stripe sends the owner back: the studio's Settings → Payments page (path form, which always works). */
export function settingsUrl(platform: Platform, studio: Pick<StudioContext, 'slug'>, outcome: 'return' | 'refresh'): string {
  return `${platform.config.APP_URL}/s/${studio.slug}/settings/payments?stripe=${outcome}`;
}

/** Starts (or resumes) Stripe onboarding: a one-time link the browser is sent to. */
export async function startOnboarding(platform: Platform, db: TenantDb, studio: StudioContext, actor: Actor): Promise<{ url: string }> {
  const stripe = requireStripe(platform.config);
  const account = await ensureConnectedAccount(platform, studio, actor.email);
  const link = await stripe.onboardingLink(account.stripeAccountId, {
    refreshUrl: settingsUrl(platform, studio, 'refresh'),
    returnUrl: settingsUrl(platform, studio, 'return'),
  });
  await recordAudit(db, actor, 'payments.onboarding_started', 'stripe_account', account.stripeAccountId, {});
  return { url: link.url };
}

/** Reads the account from Stripe now (the return page; webhooks do the same on `account.updated`). */
export async function refreshAccount(platform: Platform, db: TenantDb, studio: StudioContext, actor: Actor): Promise<PaymentsStatus> {
  const stripe = requireStripe(platform.config);
  const row = await accountOfStudio(platform.controlDb, studio.id);
  if (!row) throw new AppError('NOT_FOUND', 'This studio has no Stripe account yet: connect one first', { what: 'stripe account' });
  const readAt = new Date();
  const status = await stripe.accountStatus(row.stripeAccountId);
  await storeStatus(platform.controlDb, status, readAt);
  await recordAudit(db, actor, 'payments.status_checked', 'stripe_account', row.stripeAccountId, {
    chargesEnabled: status.chargesEnabled,
    detailsSubmitted: status.detailsSubmitted,
  });
  return paymentsStatus(platform, studio.id);
}
