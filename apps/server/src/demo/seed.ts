/**
 * The demo studio: a realistic studio to explore the product with. Created
 * on first start in development (DEMO_SEED, see config/env.ts) and reset by
 * `npm run seed:demo`. It grows as features land.
 *
 * Its published password (README, start-up banner) is for development only:
 * a production server seeds the demo only when DEMO_SEED=true, and then with
 * a random password, and retires the published one from any demo account it
 * finds (a deployment that seeded it before this rule).
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import type { Platform } from '../platform/platform.ts';
import { hashPassword } from '../platform/security/passwords.ts';
import { dropDatabase } from '../platform/tenancy/template.ts';
import { provisionStudio } from '../modules/studios/provisioning.service.ts';
import { seedDemoBookings } from './booking-seed.ts';
import { seedDemoPublicBooking } from './public-booking-seed.ts';
import { seedDemoProjects } from './projects-seed.ts';
import { seedDemoClients } from './clients-seed.ts';
import { seedDemoMoney } from './money-seed.ts';
import type { TenantDb } from '../platform/tenancy/directory.ts';
import { markStudioWork } from '../platform/jobs/studio-work.ts';

export const DEMO_SLUG = 'demo';
export const DEMO_PASSWORD = 'demo-studio-2026';
export const DEMO_USERS = [
  { email: 'owner@demo.studio', name: 'Camille Laurent', role: 'owner' as const },
  { email: 'manager@demo.studio', name: 'Inès Moreau', role: 'manager' as const },
  { email: 'engineer@demo.studio', name: 'Théo Martin', role: 'engineer' as const },
  { email: 'assistant@demo.studio', name: 'Jules Bernard', role: 'assistant' as const },
];

const ROOMS = [
  {
    name: 'Studio A — Live Room',
    description: '60 m² live room, Neve console, drum kit and Steinway B.',
    hourlyRateCents: 6500,
    capacity: 8,
    color: '#6366f1',
    sortOrder: 1,
  },
  {
    name: 'Vocal Booth',
    description: 'Isolated booth linked to Studio A. Neumann U87, Avalon 737.',
    hourlyRateCents: 3500,
    capacity: 2,
    color: '#ec4899',
    sortOrder: 2,
  },
  {
    name: 'Mix Room B',
    description: 'Atmos-ready mix room, Genelec monitoring, Pro Tools Ultimate.',
    hourlyRateCents: 4500,
    capacity: 3,
    color: '#14b8a6',
    sortOrder: 3,
  },
  { name: 'Mastering Suite', description: 'Treated mastering room, analogue chain.', hourlyRateCents: 5500, capacity: 2, color: '#f59e0b', sortOrder: 4 },
];

export async function removeDemoStudio(platform: Platform): Promise<void> {
  const [studio] = await platform.controlDb.select({ id: control.studios.id }).from(control.studios).where(eq(control.studios.slug, DEMO_SLUG)).limit(1);
  if (studio) {
    const location = await platform.directory.locate(studio.id);
    if (location) {
      const cluster = platform.clusters.get(location.clusterId);
      if (cluster) {
        await cluster.connections.closeDatabase(location.databaseName);
        await dropDatabase(cluster.admin, location.databaseName);
      }
    }
    await platform.controlDb.delete(control.studios).where(eq(control.studios.id, studio.id));
  }
  await platform.controlDb.delete(control.users).where(
    inArray(
      sql`lower(${control.users.email})`,
      DEMO_USERS.map((u) => u.email),
    ),
  );
}

/** Create the demo studio if it is missing (or always, with reset). */
export async function ensureDemoStudio(platform: Platform, options: { reset?: boolean; password?: string } = {}): Promise<{ created: boolean }> {
  if (options.reset) await removeDemoStudio(platform);
  const [existing] = await platform.controlDb.select({ id: control.studios.id }).from(control.studios).where(eq(control.studios.slug, DEMO_SLUG)).limit(1);
  if (existing) return { created: false };
  const passwordHash = await hashPassword(options.password ?? DEMO_PASSWORD);
  const [owner, ...team] = DEMO_USERS;
  const studio = await provisionStudio(platform, {
    owner: { name: owner!.name, email: owner!.email, passwordHash, locale: 'en' },
    studio: { name: 'Studio Lumière', slug: DEMO_SLUG, timeZone: 'Europe/Paris', currency: 'EUR', locale: 'en', isDemo: true },
  });
  await platform.controlDb.transaction(async (tx) => {
    for (const member of team) {
      const [user] = await tx
        .insert(control.users)
        .values({ name: member.name, email: member.email, passwordHash, locale: 'en' })
        .returning({ id: control.users.id });
      await tx.insert(control.memberships).values({ studioId: studio.studioId, userId: user!.id, role: member.role });
    }
    // Pro, so the demo shows everything without the Starter limits getting in the way
    await tx.update(control.studios).set({ onboardedAt: new Date(), plan: 'pro' }).where(eq(control.studios.id, studio.studioId));
  });
  const location = (await platform.directory.locate(studio.studioId))!;
  await platform.directory.withTenant(location, async (db) => {
    // Nobody booked the seeded sessions: no notices or reminders for them (their holds still expire, ADR 15).
    await db.execute(sql`SET rsm.session_notices = 'off'`);
    try {
      await seedDemoData(platform, studio.studioId, db);
    } finally {
      await db.execute(sql`RESET rsm.session_notices`);
    }
  });
  await markStudioWork(platform.controlDb, studio.studioId);
  return { created: true };
}

async function seedDemoData(platform: Platform, studioId: string, db: TenantDb): Promise<void> {
  await db
    .update(tenant.studioSettings)
    .set({
      legalName: 'Studio Lumière SARL',
      addressLine1: '12 rue des Vinaigriers',
      postalCode: '75010',
      city: 'Paris',
      country: 'FR',
      phone: '+33 1 42 00 00 00',
      email: 'hello@demo.studio',
      website: 'https://demo.studio',
      vatNumber: 'FR12345678901',
    })
    .where(eq(tenant.studioSettings.id, 1));
  await db.insert(tenant.rooms).values(ROOMS);
  await seedDemoBookings(platform, studioId, db);
  await seedDemoClients(platform, db, platform.clock.now());
  await seedDemoPublicBooking(platform, studioId, db);
  await seedDemoProjects(platform, db, platform.clock.now());
  await seedDemoMoney(db);
}
