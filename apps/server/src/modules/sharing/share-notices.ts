/**
 * The mail telling someone the studio shared something with them, with their personal link: to the address
 * typed for the recipient, else to the client the link is for. Sent from the request that made the link (like
 * a member's invitation): the link's token is only in this mail and the creator's answer, never stored in
 * clear, queued or logged. One function per notice, so a transactional outbox can take it over.
 */
import { eq, inArray } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { Locale } from '@rsm/shared/schemas';
import type { Platform } from '../../platform/platform.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import type { StudioContext } from '../studios/studio-context.ts';
import type { ResolvedTarget } from './share-links.service.ts';

export interface CreatedShare {
  url: string;
  recipientName: string;
  recipientEmail: string;
  clientId: string | null;
}

const quote = (locale: Locale, text: string) => (locale === 'fr' ? `« ${text} »` : `"${text}"`);

/** "Night Drive" (v3), "Night Drive", or the project's name, in the recipient's language. */
async function describeTarget(db: TenantDb, target: ResolvedTarget, locale: Locale): Promise<string> {
  if (target.kind === 'project') {
    const [project] = await db.select({ name: tenant.projects.name }).from(tenant.projects).where(eq(tenant.projects.id, target.projectId));
    return quote(locale, project?.name ?? '');
  }
  const [track] = await db.select({ title: tenant.tracks.title }).from(tenant.tracks).where(eq(tenant.tracks.id, target.trackId!));
  if (target.kind === 'track') return quote(locale, track?.title ?? '');
  const [version] = await db.select({ number: tenant.trackVersions.number }).from(tenant.trackVersions).where(eq(tenant.trackVersions.id, target.versionId!));
  return `${quote(locale, track?.title ?? '')} (v${version?.number ?? ''})`;
}

/** Mails each new link to its recipient when there is an address for them; returns how many were sent. */
export async function mailShareRecipients(
  platform: Platform,
  db: TenantDb,
  studio: StudioContext,
  target: ResolvedTarget,
  shares: CreatedShare[],
  options: { expiresAt: Date | null; password: boolean },
): Promise<number> {
  const clientIds = [...new Set(shares.map((s) => s.clientId).filter((id): id is string => !!id))];
  const clients = clientIds.length
    ? await db
        .select({ id: tenant.clients.id, name: tenant.clients.name, email: tenant.clients.email, locale: tenant.clients.locale })
        .from(tenant.clients)
        .where(inArray(tenant.clients.id, clientIds))
    : [];
  let sent = 0;
  for (const share of shares) {
    const client = clients.find((c) => c.id === share.clientId);
    const to = share.recipientEmail || client?.email;
    if (!to) continue;
    const locale: Locale = client?.locale === 'fr' || client?.locale === 'en' ? client.locale : studio.locale;
    const params: Record<string, string> = {
      name: share.recipientName || client?.name || '',
      studio: studio.name,
      item: await describeTarget(db, target, locale),
      url: share.url,
    };
    if (options.expiresAt) params.until = new Intl.DateTimeFormat(locale, { timeZone: studio.timeZone, dateStyle: 'long' }).format(options.expiresAt);
    if (options.password) params.password = 'yes';
    await platform.mailer.send({ to, template: 'share-received', locale, studioId: studio.id, params });
    sent++;
  }
  return sent;
}
