/**
 * Mails of the public booking flow, in the visitor's language for their own mails and the studio's for
 * the studio's. Amounts and dates are formatted here, in the studio's currency and time zone.
 */
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { formatMinor } from '@rsm/shared/money';
import type { Locale } from '@rsm/shared/schemas';
import type { Platform } from '../../platform/platform.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { loadPolicy } from './booking-page-settings.service.ts';
import type { TemplateName } from '../../platform/mail/templates.ts';
import type { StudioContext } from '../studios/studio-context.ts';
import { studioManagerEmails } from '../booking/studio-recipients.ts';
import { formatInstant, formatSpan } from '../booking/time.ts';
import type { ConfirmOutcome } from './public-requests.service.ts';

type SessionRow = typeof tenant.sessions.$inferSelect;

const formatStudioInstant = (at: Date, studio: StudioContext, locale: Locale) => formatInstant(at, studio.timeZone, locale);

export const asLocale = (value: string | null | undefined, fallback: Locale): Locale => (value === 'fr' || value === 'en' ? value : fallback);

export const publicPageUrl = (platform: Platform, studio: StudioContext, subPath = '') => `${platform.config.APP_URL}/s/${studio.slug}/book${subPath}`;

/** The page where a visitor pays their booking's deposit online, behind the link's token. */
export const depositPageUrl = (platform: Platform, studio: StudioContext, token: string) =>
  publicPageUrl(platform, studio, `/deposit?token=${encodeURIComponent(token)}`);

export interface BookingFacts {
  startsAt: Date;
  endsAt: Date;
  roomName: string;
  depositCents: number;
  depositDueAt: Date | null;
  depositReceivedAt?: Date | null;
  holdExpiresAt: Date | null;
  currency: string;
  /** The deposit's online payment page, when the studio takes card payments and a link was made. */
  payUrl?: string | null;
}

/** The parameters every booking mail shares: what, when, where, and the deposit still to pay. */
function bookingParams(studio: StudioContext, locale: Locale, facts: BookingFacts, transferDetails: string): Record<string, string> {
  const params: Record<string, string> = { studio: studio.name, room: facts.roomName, when: formatSpan(facts.startsAt, facts.endsAt, studio.timeZone, locale) };
  if (facts.depositCents > 0 && !facts.depositReceivedAt) {
    params.deposit = formatMinor(facts.depositCents, facts.currency, locale);
    if (facts.depositDueAt) params.depositDue = formatStudioInstant(facts.depositDueAt, studio, locale);
    if (transferDetails) params.transfer = transferDetails;
    if (facts.payUrl) params.payUrl = facts.payUrl;
  }
  if (facts.holdExpiresAt) params.until = formatStudioInstant(facts.holdExpiresAt, studio, locale);
  return params;
}

export async function sendVerification(
  platform: Platform,
  studio: StudioContext,
  to: { name: string; email: string; locale: Locale },
  slot: { roomName: string; startsAt: Date; endsAt: Date },
  token: string,
) {
  await platform.mailer.send({
    to: to.email,
    template: 'public-booking-verify',
    locale: to.locale,
    studioId: studio.id,
    params: {
      name: to.name,
      studio: studio.name,
      room: slot.roomName,
      when: formatSpan(slot.startsAt, slot.endsAt, studio.timeZone, to.locale),
      url: publicPageUrl(platform, studio, `/confirm?token=${token}`),
    },
  });
}

const OUTCOME_TEMPLATE: Record<ConfirmOutcome, TemplateName> = {
  confirmed: 'public-booking-confirmed',
  hold: 'public-booking-hold',
  pending: 'public-booking-pending',
};

/** After a visitor's booking: what they got, and the studio's owners and managers told of it. */
export async function sendBookedMails(
  platform: Platform,
  studio: StudioContext,
  booked: { outcome: ConfirmOutcome; request: { name: string; email: string; locale: string; message: string }; facts: BookingFacts; transferDetails: string },
) {
  const locale = asLocale(booked.request.locale, studio.locale);
  await platform.mailer.send({
    to: booked.request.email,
    template: OUTCOME_TEMPLATE[booked.outcome],
    locale,
    studioId: studio.id,
    params: { name: booked.request.name, ...bookingParams(studio, locale, booked.facts, booked.transferDetails) },
  });
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: studio.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(booked.facts.startsAt);
  const staffParams = {
    ...bookingParams(studio, studio.locale, booked.facts, ''),
    name: booked.request.name,
    message: booked.request.message,
    title:
      studio.locale === 'fr'
        ? { confirmed: 'confirmée', hold: 'en option', pending: 'à valider' }[booked.outcome]
        : { confirmed: 'confirmed', hold: 'on hold', pending: 'waiting for your approval' }[booked.outcome],
    url: `${platform.config.APP_URL}/s/${studio.slug}/calendar?view=day&date=${date}`,
  };
  for (const to of await studioManagerEmails(platform, studio.id)) {
    await platform.mailer.send({ to, template: 'public-booking-staff-request', locale: studio.locale, studioId: studio.id, params: staffParams });
  }
}

export async function sendLimitReached(platform: Platform, studio: StudioContext, slot: { roomName: string; startsAt: Date; endsAt: Date }) {
  const params = {
    studio: studio.name,
    room: slot.roomName,
    when: formatSpan(slot.startsAt, slot.endsAt, studio.timeZone, studio.locale),
    url: `${platform.config.APP_URL}/s/${studio.slug}`,
  };
  for (const to of await studioManagerEmails(platform, studio.id)) {
    await platform.mailer.send({ to, template: 'public-booking-limit-reached', locale: studio.locale, studioId: studio.id, params });
  }
}

export type DecisionMail = 'public-booking-approved' | 'public-booking-declined' | 'public-booking-deposit-received';

/** The studio's answer to a client: approved (with the deposit still due), declined, deposit received. */
export async function sendDecision(
  platform: Platform,
  studio: StudioContext,
  template: DecisionMail,
  client: { name: string; email: string; locale: string },
  facts: BookingFacts,
  extra: { message?: string; transferDetails?: string },
) {
  if (!client.email) return;
  const locale = asLocale(client.locale, studio.locale);
  const params: Record<string, string> = {
    name: client.name,
    ...bookingParams(studio, locale, facts, extra.transferDetails ?? ''),
    ...(extra.message ? { message: extra.message } : {}),
  };
  if (template === 'public-booking-deposit-received') params.deposit = formatMinor(facts.depositCents, facts.currency, locale);
  await platform.mailer.send({ to: client.email, template, locale, studioId: studio.id, params });
}

/** Tell the session's client what the studio decided (nothing when the session has no client address). */
export async function tellClient(
  platform: Platform,
  studio: StudioContext,
  db: TenantDb,
  session: SessionRow,
  template: DecisionMail,
  message: string,
  payUrl: string | null = null,
) {
  if (!session.clientId) return;
  const [client] = await db.select().from(tenant.clients).where(eq(tenant.clients.id, session.clientId));
  const [room] = await db.select({ name: tenant.rooms.name }).from(tenant.rooms).where(eq(tenant.rooms.id, session.roomId));
  if (!client?.email || client.erasedAt) return;
  const policy = await loadPolicy(db);
  const facts = {
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    roomName: room?.name ?? '',
    depositCents: session.depositCents,
    depositDueAt: session.depositDueAt,
    depositReceivedAt: template === 'public-booking-deposit-received' ? null : session.depositReceivedAt,
    holdExpiresAt: null,
    currency: session.currency,
    payUrl,
  };
  await sendDecision(platform, studio, template, client, facts, { message, transferDetails: policy.transferDetails });
}

/**
 * The client told that a second payment of their booking's deposit was refunded (money-payment-recorder.ts), in
 * their language; once per payment (keyed by its deposit invoice), however often the webhook comes.
 */
export async function tellDuplicateRefunded(
  platform: Platform,
  studio: StudioContext,
  db: TenantDb,
  duplicate: { sessionId: string; documentId: string },
  amountCents: number,
  currency: string,
) {
  const [row] = await db
    .select({ session: tenant.sessions, client: tenant.clients, roomName: tenant.rooms.name })
    .from(tenant.sessions)
    .innerJoin(tenant.clients, eq(tenant.clients.id, tenant.sessions.clientId))
    .innerJoin(tenant.rooms, eq(tenant.rooms.id, tenant.sessions.roomId))
    .where(eq(tenant.sessions.id, duplicate.sessionId));
  if (!row?.client.email || row.client.erasedAt) return;
  const [doc] = await db.select({ number: tenant.moneyDocuments.number }).from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, duplicate.documentId));
  const locale = asLocale(row.client.locale, studio.locale);
  await platform.mailer.send({
    to: row.client.email,
    template: 'public-booking-deposit-refunded-duplicate',
    locale,
    studioId: studio.id,
    idempotencyKey: `deposit-refunded-duplicate:${duplicate.documentId}`,
    params: {
      name: row.client.name,
      studio: studio.name,
      room: row.roomName,
      when: formatSpan(row.session.startsAt, row.session.endsAt, studio.timeZone, locale),
      amount: formatMinor(amountCents, currency.toUpperCase(), locale),
      number: doc?.number ?? '',
    },
  });
}
