/**
 * The demo studio's CRM: the booking seed's clients become a band, an artist and a label, with their
 * people (manager, band members, label contact who pays), a management company, tags and a few notes by
 * the team, so the Clients pages show what they are for.
 */
import { eq, inArray } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import type { Platform } from '../platform/platform.ts';
import type { TenantDb } from '../platform/tenancy/directory.ts';

const DAY = 86_400_000;

export async function seedDemoClients(platform: Platform, db: TenantDb, now: Date): Promise<void> {
  const existing = await db.select({ id: tenant.clients.id, name: tenant.clients.name }).from(tenant.clients);
  const id = (name: string) => existing.find((c) => c.name === name)?.id;
  const band = id('Les Nuits Blanches');
  const maya = id('Maya Okafor');
  const label = id('Disques Méridien');
  if (!band || !maya || !label) return;
  await db
    .update(tenant.clients)
    .set({ kind: 'company', companyType: 'band', city: 'Paris', country: 'FR', tags: ['album-2026', 'rock'] })
    .where(eq(tenant.clients.id, band));
  await db
    .update(tenant.clients)
    .set({ city: 'London', country: 'GB', locale: 'en', tags: ['vip', 'soul'] })
    .where(eq(tenant.clients.id, maya));
  await db
    .update(tenant.clients)
    .set({
      kind: 'company',
      companyType: 'label',
      addressLine1: '8 rue de Paradis',
      postalCode: '75010',
      city: 'Paris',
      country: 'FR',
      vatNumber: 'FR98765432109',
      website: 'https://meridien.example',
      tags: ['label', 'net-30'],
    })
    .where(eq(tenant.clients.id, label));
  const people = await db
    .insert(tenant.clients)
    .values([
      { name: 'Léa Fontaine', email: 'lea@fontaine-mgmt.example', phone: '+33 6 98 76 54 32', city: 'Paris', country: 'FR', locale: 'fr', tags: ['manager'] },
      { name: 'Hugo Marchand', email: 'hugo@nuits-blanches.example', phone: '+33 6 11 22 33 44', tags: ['drums'] },
      { name: 'Zoé Lefèvre', email: 'zoe@nuits-blanches.example', tags: ['vocals'] },
      { name: 'Chloé Dubois', email: 'chloe.dubois@meridien.example', phone: '+33 1 45 00 00 12', locale: 'fr', tags: ['accounts'] },
      {
        name: 'Northbound Management',
        kind: 'company' as const,
        companyType: 'management',
        email: 'office@northbound.example',
        city: 'Manchester',
        country: 'GB',
        tags: ['management'],
      },
      { name: 'Ana García', email: 'ana.garcia@example.es', phone: '+34 600 123 456', city: 'Barcelona', country: 'ES', tags: ['session-musician'] },
    ])
    .returning({ id: tenant.clients.id, name: tenant.clients.name });
  const person = (name: string) => people.find((p) => p.name === name)!.id;
  await db.insert(tenant.clientContacts).values([
    { companyId: band, personId: person('Léa Fontaine'), roles: ['manager'], canSeeCompanyItems: true },
    { companyId: band, personId: person('Hugo Marchand'), roles: ['band_member'] },
    { companyId: band, personId: person('Zoé Lefèvre'), roles: ['band_member', 'artist'] },
    { companyId: label, personId: person('Chloé Dubois'), roles: ['label_contact', 'payer'], canSeeCompanyItems: true },
    { companyId: person('Northbound Management'), personId: maya, roles: ['artist'] },
  ]);
  const team = await platform.controlDb
    .select({ id: control.users.id, email: control.users.email })
    .from(control.users)
    .where(inArray(control.users.email, ['owner@demo.studio', 'manager@demo.studio', 'engineer@demo.studio']));
  const author = (email: string) => team.find((u) => u.email === email)?.id ?? null;
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  await db.insert(tenant.clientNotes).values([
    {
      clientId: band,
      authorUserId: author('owner@demo.studio'),
      body: 'Album deal signed with Disques Méridien: 12 tracks, mixing here in spring. Léa handles the schedule.',
      createdAt: ago(20),
      updatedAt: ago(20),
    },
    {
      clientId: band,
      authorUserId: author('engineer@demo.studio'),
      body: 'Hugo brings his own snare (Ludwig Black Beauty). Drums mic plan saved in the session notes.',
      createdAt: ago(3),
      updatedAt: ago(3),
    },
    {
      clientId: label,
      authorUserId: author('manager@demo.studio'),
      body: 'Invoices to Chloé Dubois, payment at 30 days. PO number required on every invoice.',
      createdAt: ago(12),
      updatedAt: ago(12),
    },
    {
      clientId: maya,
      authorUserId: author('owner@demo.studio'),
      body: 'Prefers evening sessions; tea with honey in the booth.',
      createdAt: ago(7),
      updatedAt: ago(7),
    },
  ]);
}
