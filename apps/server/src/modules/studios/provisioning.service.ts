/**
 * Creating a studio: control records (user, studio, owner membership, trial,
 * directory entry) and the studio's own database cloned from the template,
 * with default opening hours (see DEFAULT_OPENING_HOURS).
 *
 * If anything fails half-way, everything created by this call is removed
 * again (database, studio, and the user if it was new here), so the sign-up
 * can simply be retried. A crash in the middle leaves a `provisioning` entry
 * whose lease lapses; provisioning-recovery.ts then finishes the studio.
 */
import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { Locale } from '@rsm/shared/schemas';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { dropDatabase } from '../../platform/tenancy/template.ts';
import { tenantDatabaseName } from '../../platform/tenancy/directory.ts';
import { slugify } from './slug.ts';
import { emailInUse } from '../auth/email-in-use.ts';
import { pausePoint } from '../../platform/testing/pause-points.ts';
import { finishProvisioning, leaseEnd } from './provisioning-recovery.ts';
import { isUniqueViolation } from '../../platform/postgres/pg-errors.ts';

export const TRIAL_DAYS = 14;

export interface NewOwner {
  name: string;
  email: string;
  passwordHash: string | null;
  locale: Locale;
}

export interface ProvisionInput {
  owner: NewOwner | { existingUserId: string };
  studio: { name: string; slug?: string; timeZone?: string; currency?: string; locale?: Locale; isDemo?: boolean };
}

export interface ProvisionResult {
  userId: string;
  studioId: string;
  slug: string;
  clusterId: string;
  databaseName: string;
}

async function insertControlRecords(platform: Platform, input: ProvisionInput, slug: string, clusterId: string) {
  return platform.controlDb.transaction(async (tx) => {
    let userId: string;
    let createdUser = false;
    if ('existingUserId' in input.owner) {
      userId = input.owner.existingUserId;
    } else {
      const [user] = await tx
        .insert(control.users)
        .values({ name: input.owner.name, email: input.owner.email, passwordHash: input.owner.passwordHash, locale: input.owner.locale })
        .returning({ id: control.users.id });
      userId = user!.id;
      createdUser = true;
    }
    const isDemo = input.studio.isDemo ?? false;
    const [studio] = await tx
      .insert(control.studios)
      .values({
        slug,
        name: input.studio.name,
        timeZone: input.studio.timeZone ?? 'Europe/Paris',
        currency: input.studio.currency ?? 'EUR',
        locale: input.studio.locale ?? ('locale' in input.owner ? input.owner.locale : 'en'),
        trialEndsAt: new Date(Date.now() + TRIAL_DAYS * 24 * 3600 * 1000),
        // The demo studio is never read-only: it is there to be tried.
        billingStatus: isDemo ? 'active' : 'trial',
        isDemo,
      })
      .returning({ id: control.studios.id });
    const studioId = studio!.id;
    await tx.insert(control.memberships).values({ studioId, userId, role: 'owner' });
    // The start of its subscription history (issue 12.5): a trial, worth nothing yet.
    await tx
      .insert(control.subscriptionChanges)
      .values({ studioId, plan: 'starter', billingStatus: isDemo ? 'active' : 'trial', mrrCents: 0, source: 'signup' });
    const databaseName = tenantDatabaseName(studioId);
    await tx.insert(control.tenantDatabases).values({ studioId, clusterId, databaseName, state: 'provisioning', leaseUntil: leaseEnd(platform) });
    return { userId, createdUser, studioId, databaseName };
  });
}

/** The wanted address, or the first free "-2", "-3"… variant; a random suffix after that. Always fits slugSchema (≤ 40). */
async function availableSlug(platform: Platform, wanted: string): Promise<string> {
  const candidates = [wanted, ...Array.from({ length: 48 }, (_, i) => `${wanted}-${i + 2}`)];
  // Addresses other studios had are taken too: they stay with their studio (ADR 0014).
  const taken = await platform.controlDb
    .select({ slug: control.studioSlugs.slug })
    .from(control.studioSlugs)
    .where(inArray(control.studioSlugs.slug, candidates));
  const takenSet = new Set(taken.map((t) => t.slug));
  return candidates.find((c) => !takenSet.has(c)) ?? `${wanted.slice(0, 32)}-${randomBytes(3).toString('hex')}`;
}

export async function provisionStudio(platform: Platform, input: ProvisionInput): Promise<ProvisionResult> {
  const clusterId = await platform.directory.chooseCluster();
  let records: Awaited<ReturnType<typeof insertControlRecords>> | null = null;
  let slug = input.studio.slug ?? (await availableSlug(platform, slugify(input.studio.name)));
  for (let attempt = 0; records === null; attempt++) {
    try {
      records = await insertControlRecords(platform, input, slug, clusterId);
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_lower_uq')) throw emailInUse();
      const slugTaken = isUniqueViolation(error, 'studios_slug_unique') || isUniqueViolation(error, 'studio_slugs_pkey');
      if (slugTaken && !input.studio.slug && attempt < 8) {
        // Someone took the generated address at the same moment: a random suffix cannot collide twice in practice.
        slug = `${slugify(input.studio.name).slice(0, 32)}-${randomBytes(3).toString('hex')}`;
        continue;
      }
      if (slugTaken) throw new AppError('SLUG_TAKEN', 'This studio address is already taken', { slug });
      throw error;
    }
  }
  const { userId, createdUser, studioId, databaseName } = records;
  await pausePoint('studios.provision.after-records');
  try {
    // A crash from here on leaves a `provisioning` entry whose lease lapses: the recovery sweeper finishes it.
    await finishProvisioning(platform, { studioId, clusterId, databaseName }, userId);
    return { userId, studioId, slug, clusterId, databaseName };
  } catch (error) {
    platform.logger.error({ err: error, studioId }, 'studio provisioning failed; rolling back');
    await undoProvisioning(platform, { studioId, clusterId, databaseName, userId: createdUser ? userId : null }, error);
    throw error;
  }
}

interface Leftovers {
  studioId: string;
  clusterId: string;
  databaseName: string;
  userId: string | null;
}

async function undoProvisioning(platform: Platform, leftovers: Leftovers, cause: unknown): Promise<void> {
  try {
    const cluster = platform.clusters.get(leftovers.clusterId);
    if (cluster) {
      await cluster.connections.closeDatabase(leftovers.databaseName);
      await dropDatabase(cluster.admin, leftovers.databaseName);
    }
    await platform.controlDb.transaction(async (tx) => {
      await tx.delete(control.studios).where(eq(control.studios.id, leftovers.studioId));
      if (leftovers.userId) await tx.delete(control.users).where(eq(control.users.id, leftovers.userId));
    });
  } catch (undoError) {
    // Could not clean up now: leave a `failed` entry so the next start (or the operator) finishes the job.
    platform.logger.error({ err: undoError, studioId: leftovers.studioId }, 'could not undo failed provisioning');
    await platform.controlDb
      .update(control.tenantDatabases)
      .set({ state: 'failed', lastError: String((cause as Error)?.message ?? cause).slice(0, 500), updatedAt: new Date() })
      .where(eq(control.tenantDatabases.studioId, leftovers.studioId))
      .catch(() => undefined);
  }
}
