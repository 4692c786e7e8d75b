/**
 * Money documents at the service level: a studio's database with billing details complete enough to issue
 * (a French SARL with a VAT number), clients, and drafts made through the real services.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { LineInput } from '@rsm/shared/money-documents-schemas';
import type { FileStorage } from '../../apps/server/src/platform/storage/file-storage.ts';
import { LocalFileStorage } from '../../apps/server/src/platform/storage/local-storage.ts';
import { createDraft, issueDocument, type StudioMoneyContext } from '../../apps/server/src/modules/money/invoicing/index.ts';
import { zonedDate } from '../../apps/server/src/modules/money/invoicing/issue.service.ts';
import type { TenantDb } from '../../apps/server/src/platform/tenancy/directory.ts';
import type { BookingDb } from './booking-db.ts';

/** The year documents issued now are numbered in (the studio's zone, Europe/Paris, not UTC). */
export const issueYear = () => Number(zonedDate(new Date(), 'Europe/Paris').slice(0, 4));

export const storage: FileStorage = new LocalFileStorage(mkdtempSync(join(tmpdir(), 'rsm-money-')));

export function moneyContext(studio: BookingDb): StudioMoneyContext {
  return { studioId: studio.studio.id, timeZone: 'Europe/Paris', locale: 'en', currency: 'EUR' };
}

export async function completeBillingDetails(db: TenantDb): Promise<void> {
  await db
    .update(tenant.studioSettings)
    .set({ legalName: 'Studio Bleu SARL', addressLine1: '12 rue des Studios', postalCode: '75011', city: 'Paris', country: 'FR', vatNumber: 'FR12345678901' })
    .where(eq(tenant.studioSettings.id, 1));
  await db
    .update(tenant.billingSettings)
    .set({ registrationNumber: '12345678900012', legalForm: 'SARL', iban: 'FR7630006000011234567890189', bic: 'BNPAFRPP', paymentTermsDays: 30 })
    .where(eq(tenant.billingSettings.id, 1));
}

export async function insertClient(db: TenantDb, name = 'Les Ondes', kind: 'person' | 'company' = 'company'): Promise<string> {
  const [client] = await db
    .insert(tenant.clients)
    .values({
      name,
      kind,
      addressLine1: '3 quai Ouest',
      postalCode: '69002',
      city: 'Lyon',
      country: 'FR',
      vatNumber: kind === 'company' ? 'FR98765432109' : '',
    })
    .returning({ id: tenant.clients.id });
  return client!.id;
}

export async function rateId(db: TenantDb, basisPoints = 2000): Promise<string> {
  const [rate] = await db
    .select({ id: tenant.vatRates.id })
    .from(tenant.vatRates)
    .where(and(eq(tenant.vatRates.basisPoints, basisPoints), isNull(tenant.vatRates.archivedAt)));
  return rate!.id;
}

export const freeLine = (vatRateId: string, unitPriceCents: number, quantity = 1000, description = 'Mixing'): LineInput => ({
  source: 'free',
  description,
  quantity,
  unit: 'hour',
  unitPriceCents,
  vatRateId,
});

type DraftKind = 'quote' | 'invoice' | 'deposit_invoice' | 'final_invoice';

export async function draft(
  studio: BookingDb,
  clientId: string,
  lines: LineInput[],
  extra: { kind?: DraftKind; depositInvoiceIds?: string[] } = {},
): Promise<string> {
  return createDraft(studio.db, moneyContext(studio), studio.actor, {
    kind: extra.kind ?? 'invoice',
    clientId,
    notes: '',
    lines,
    depositInvoiceIds: extra.depositInvoiceIds ?? [],
  });
}

export async function issue(studio: BookingDb, id: string): Promise<string> {
  return (await issueDocument(studio.db, moneyContext(studio), { storage }, studio.actor, id)).number;
}

export async function documentRow(db: TenantDb, id: string) {
  const [row] = await db.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, id));
  return row!;
}

export async function readStored(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The test storage, but the n-th PDF write fails when `fails(n)` says so (a disk full, a bucket down). */
export function failingStorage(fails: (write: number) => boolean): FileStorage {
  let writes = 0;
  return {
    kind: 'local',
    putFile: (key, source, type) => storage.putFile(key, source, type),
    putBuffer: (key, body, type) => (fails(++writes) ? Promise.reject(new Error('storage unavailable')) : storage.putBuffer(key, body, type)),
    get: (key, range) => storage.get(key, range),
    stat: (key) => storage.stat(key),
    exists: (key) => storage.exists(key),
    delete: (key) => storage.delete(key),
  };
}
