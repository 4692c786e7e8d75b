/**
 * A studio's profile: the control record (name, address, time zone,
 * currency, language) and the studio's own settings row in its database.
 */
import { studioStanding } from '@rsm/shared/standing';
import { eq } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { ROLE_PERMISSIONS } from '@rsm/shared/roles';
import type { z } from 'zod';
import type { studioProfileInput } from '@rsm/shared/schemas';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import type { Actor, StudioContext } from './studio-context.ts';
import { isUniqueViolation } from '../../platform/postgres/pg-errors.ts';
import { builtOnce } from '../../platform/postgres/built-once.ts';

type ProfileInput = z.output<typeof studioProfileInput>;

export async function getStudio(db: TenantDb, studio: StudioContext, actor: Actor, now: Date) {
  // Every page asks for the studio: built once per connection (see built-once.ts).
  const query = builtOnce(db, 'studio.settings', () => db.select().from(tenant.studioSettings).where(eq(tenant.studioSettings.id, 1)).limit(1).prepare(''));
  const [settings] = await query.execute();
  return {
    id: studio.id,
    slug: studio.slug,
    name: studio.name,
    timeZone: studio.timeZone,
    currency: studio.currency,
    locale: studio.locale,
    plan: studio.plan,
    trialEndsAt: studio.trialEndsAt?.toISOString() ?? null,
    // What the app may do now (banners, disabled actions): issue 12.2.
    standing: studioStanding(studio, now),
    graceEndsAt: studio.graceEndsAt?.toISOString() ?? null,
    onboardedAt: studio.onboardedAt?.toISOString() ?? null,
    legalName: settings?.legalName ?? '',
    addressLine1: settings?.addressLine1 ?? '',
    addressLine2: settings?.addressLine2 ?? '',
    postalCode: settings?.postalCode ?? '',
    city: settings?.city ?? '',
    country: settings?.country ?? '',
    phone: settings?.phone ?? '',
    email: settings?.email ?? '',
    website: settings?.website ?? '',
    vatNumber: settings?.vatNumber ?? '',
    role: actor.role,
    permissions: [...ROLE_PERMISSIONS[actor.role]],
  };
}

export async function updateStudio(platform: Platform, db: TenantDb, studio: StudioContext, actor: Actor, input: ProfileInput) {
  if (input.slug !== studio.slug) {
    // Checked before touching anything; the database re-checks it (trigger on studios, ADR 0014), races included.
    const [holder] = await platform.controlDb
      .select({ studioId: control.studioSlugs.studioId })
      .from(control.studioSlugs)
      .where(eq(control.studioSlugs.slug, input.slug))
      .limit(1);
    if (holder && holder.studioId !== studio.id) throw new AppError('SLUG_TAKEN', 'This studio address is already taken', { slug: input.slug });
  }
  const { name, slug, timeZone, currency, locale, ...settings } = input;
  await db
    .update(tenant.studioSettings)
    .set({ ...settings, updatedAt: new Date() })
    .where(eq(tenant.studioSettings.id, 1));
  try {
    await platform.controlDb
      .update(control.studios)
      .set({ name, slug, timeZone, currency, locale, updatedAt: new Date() })
      .where(eq(control.studios.id, studio.id));
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('SLUG_TAKEN', 'This studio address is already taken', { slug });
    }
    throw error;
  }
  await platform.controlDb
    .insert(control.platformAuditLog)
    .values({ actorUserId: actor.userId, studioId: studio.id, action: 'studio.updated', details: { slugChanged: slug !== studio.slug } });
  return getStudio(db, { ...studio, name, slug, timeZone, currency, locale }, actor, platform.clock.now());
}

export async function completeOnboarding(platform: Platform, studio: StudioContext): Promise<void> {
  await platform.controlDb
    .update(control.studios)
    .set({ onboardedAt: studio.onboardedAt ?? new Date(), updatedAt: new Date() })
    .where(eq(control.studios.id, studio.id));
}
