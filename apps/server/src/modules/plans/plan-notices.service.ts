/**
 * Mail a studio's owners get once about its plan (issue 12.2 and 12.4):
 * - the trial ending in 7, 3 and 1 days, the trial ended and a grace period ended unpaid (the studio is read-only),
 *   from a sweep that runs at start and every hour — one control query for the studios whose trial ends within 7 days;
 * - a limit reached to 80 % and to 90 %, noticed where the limit is counted (a session created, an invitation, an
 *   upload admitted, AI credits used), after the answer.
 * "Once" is the control table studio_notices: the notice's key is inserted first and the mail sent only by the
 * server whose insert took it; if sending fails the key is removed so the next occasion tries again.
 */
import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import { control } from '@rsm/db';
import { limitLevel, type LimitKind, type Plan } from '@rsm/shared/plans';
import { daysLeft } from '@rsm/shared/standing';
import type { Locale } from '@rsm/shared/schemas';
import type { Platform } from '../../platform/platform.ts';
import { runAfterResponse } from '../../platform/after-response.ts';
import type { TemplateName } from '../../platform/mail/templates.ts';
import { planName } from './plan-names.ts';
import { creditMonth } from './ai-credits.service.ts';

const DAY_MS = 86_400_000;
/** Days before the end of a trial when the owners are reminded. */
export const TRIAL_REMINDER_DAYS = [7, 3, 1] as const;
const SWEEP_EVERY_MS = 3_600_000;

interface NoticeStudio {
  id: string;
  slug: string;
  name: string;
  locale: Locale;
  timeZone: string;
}

async function ownersOf(platform: Platform, studioId: string) {
  return platform.controlDb
    .select({ email: control.users.email, name: control.users.name })
    .from(control.memberships)
    .innerJoin(control.users, eq(control.users.id, control.memberships.userId))
    .where(and(eq(control.memberships.studioId, studioId), eq(control.memberships.role, 'owner')));
}

/** Sends `template` to every owner of the studio unless the notice `key` was already sent; true when sent now. */
export async function notifyOwnersOnce(
  platform: Platform,
  studio: NoticeStudio,
  key: string,
  template: TemplateName,
  params: Record<string, string>,
): Promise<boolean> {
  const taken = await platform.controlDb
    .insert(control.studioNotices)
    .values({ studioId: studio.id, key })
    .onConflictDoNothing()
    .returning({ key: control.studioNotices.key });
  if (taken.length === 0) return false;
  try {
    const url = `${platform.config.APP_URL}/s/${studio.slug}/settings/plan`;
    for (const owner of await ownersOf(platform, studio.id)) {
      await platform.mailer.send({
        to: owner.email,
        template,
        locale: studio.locale,
        studioId: studio.id,
        params: { ...params, name: owner.name, studio: studio.name, url },
      });
    }
    return true;
  } catch (error) {
    await platform.controlDb.delete(control.studioNotices).where(and(eq(control.studioNotices.studioId, studio.id), eq(control.studioNotices.key, key)));
    throw error;
  }
}

const formatDay = (at: Date, studio: NoticeStudio) =>
  new Intl.DateTimeFormat(studio.locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: studio.timeZone }).format(at);

/**
 * One pass over the studios whose trial ends within 7 days or ended in the last 2: each gets the reminder it is due
 * (the nearest of 7 / 3 / 1 days not yet sent — a reminder missed while the servers were down is not sent late),
 * or the "read-only" mail once its trial has ended. Returns how many mails went out.
 */
export async function sendTrialNotices(platform: Platform): Promise<number> {
  // (and the grace periods that ended unpaid: the same pass, the same once-only notices)
  const now = platform.clock.now();
  const s = control.studios;
  const rows = await platform.controlDb
    .select({ id: s.id, slug: s.slug, name: s.name, locale: s.locale, timeZone: s.timeZone, trialEndsAt: s.trialEndsAt })
    .from(s)
    .where(
      and(
        eq(s.billingStatus, 'trial'),
        eq(s.isDemo, false),
        isNull(s.suspendedAt),
        lte(s.trialEndsAt, new Date(now.getTime() + 7 * DAY_MS)),
        gt(s.trialEndsAt, new Date(now.getTime() - 2 * DAY_MS)),
      ),
    );
  let sent = 0;
  for (const row of rows) {
    const studio: NoticeStudio = { ...row, locale: row.locale === 'fr' ? 'fr' : 'en' };
    const end = row.trialEndsAt!;
    const occasion = end.toISOString().slice(0, 10);
    const params = { end: formatDay(end, studio) };
    try {
      if (end.getTime() <= now.getTime()) {
        if (await notifyOwnersOnce(platform, studio, `trial:ended:${occasion}`, 'trial-ended', params)) sent++;
        continue;
      }
      const left = daysLeft(end, now)!;
      const due = TRIAL_REMINDER_DAYS.filter((d) => left <= d).at(-1);
      if (due === undefined) continue;
      if (await notifyOwnersOnce(platform, studio, `trial:${due}:${occasion}`, 'trial-ending', { ...params, days: String(due) })) sent++;
    } catch (error) {
      platform.logger.error({ err: error, studioId: row.id }, 'trial notice not sent; retried at the next pass');
    }
  }
  return sent + (await sendGraceEndedNotices(platform, now));
}

/** Studios whose grace period (a failed renewal) ended in the last 2 days unpaid: the "read-only" mail, once. */
async function sendGraceEndedNotices(platform: Platform, now: Date): Promise<number> {
  const s = control.studios;
  const rows = await platform.controlDb
    .select({ id: s.id, slug: s.slug, name: s.name, locale: s.locale, timeZone: s.timeZone, graceEndsAt: s.graceEndsAt })
    .from(s)
    .where(and(eq(s.billingStatus, 'past_due'), isNull(s.suspendedAt), lte(s.graceEndsAt, now), gt(s.graceEndsAt, new Date(now.getTime() - 2 * DAY_MS))));
  let sent = 0;
  for (const row of rows) {
    const studio: NoticeStudio = { ...row, locale: row.locale === 'fr' ? 'fr' : 'en' };
    const end = row.graceEndsAt!;
    try {
      if (await notifyOwnersOnce(platform, studio, `grace:ended:${end.toISOString()}`, 'grace-ended', { end: formatDay(end, studio) })) sent++;
    } catch (error) {
      platform.logger.error({ err: error, studioId: row.id }, 'grace-ended notice not sent; retried at the next pass');
    }
  }
  return sent;
}

/** Runs the trial sweep shortly after start and then every hour; returns the stop function. */
export function startPlanNotices(platform: Platform, options: { firstMs?: number; everyMs?: number } = {}): () => void {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const pass = async () => {
    try {
      await sendTrialNotices(platform);
    } catch (error) {
      platform.logger.error({ err: error }, 'trial notices pass failed');
    }
    if (!stopped) timer = setTimeout(() => void pass(), options.everyMs ?? SWEEP_EVERY_MS);
  };
  timer = setTimeout(() => void pass(), options.firstMs ?? 60_000);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

const LIMIT_WORDS: Record<LimitKind, Record<Locale, string>> = {
  sessions: { en: 'sessions this month', fr: 'sessions du mois' },
  storage: { en: 'storage', fr: 'stockage' },
  seats: { en: 'seats', fr: 'places' },
  aiCredits: { en: 'AI assistant credits this month', fr: 'crédits d’assistant IA du mois' },
};

const GB = 1000 ** 3;
const amount = (kind: LimitKind, n: number, locale: Locale) =>
  kind === 'storage' ? `${(n / GB).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 })} GB` : String(n);

/**
 * After a use of a limited resource: at 80 % and again at 90 % of the limit the owners get one mail — per month for
 * the monthly limits, per limit value for storage and seats (a new plan is a new limit). After the answer, so the
 * request neither waits for it nor fails with it.
 */
export function noticeUsage(platform: Platform, studio: NoticeStudio, usage: { kind: LimitKind; used: number; limit: number | null; plan: Plan }): void {
  const level = limitLevel(usage.used, usage.limit);
  if (level !== 'warn80' && level !== 'warn90') return;
  if (usage.limit === null) return;
  const limit = usage.limit;
  const monthly = usage.kind === 'sessions' || usage.kind === 'aiCredits';
  const period = monthly ? creditMonth(platform.clock.now(), studio.timeZone) : `of-${limit}`;
  const key = `usage:${usage.kind}:${level}:${period}`;
  runAfterResponse(platform.logger, 'usage warning mail', async () => {
    await notifyOwnersOnce(platform, studio, key, 'usage-warning', {
      limit: LIMIT_WORDS[usage.kind][studio.locale],
      used: amount(usage.kind, usage.used, studio.locale),
      allowed: amount(usage.kind, limit, studio.locale),
      percent: String(Math.floor((usage.used * 100) / limit)),
      plan: planName(usage.plan),
    });
  });
}
