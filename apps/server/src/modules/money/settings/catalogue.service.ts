/**
 * The studio's catalogue: services and products it sells (an hour of mixing, a mastering session, a USB key),
 * each with a unit price excluding VAT and its VAT rate. Quotes and invoices copy an item's values into their
 * lines, so editing or archiving an item never changes a document already made.
 */
import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { z } from 'zod';
import type { catalogueItemInput } from '@rsm/shared/money-schemas';
import { AppError, notFound } from '../../../platform/errors.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../studios/studio-context.ts';
import type { TenantTx } from '../numbering/document-number.ts';
import { lockVatRate, toVatRate } from './vat-rates.service.ts';

type ItemFields = z.output<typeof catalogueItemInput>;
const items = tenant.catalogueItems;

function toItem(row: typeof items.$inferSelect, rate: typeof tenant.vatRates.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    unit: row.unit,
    unitPriceCents: row.unitPriceCents,
    vatRate: toVatRate(rate),
    archivedAt: row.archivedAt?.toISOString() ?? null,
  };
}
export type CatalogueItem = ReturnType<typeof toItem>;

async function readItems(db: TenantDb | TenantTx, where: ReturnType<typeof eq> | undefined): Promise<CatalogueItem[]> {
  const rows = await db
    .select({ item: items, rate: tenant.vatRates })
    .from(items)
    .innerJoin(tenant.vatRates, eq(tenant.vatRates.id, items.vatRateId))
    .where(where)
    .orderBy(sql`${items.archivedAt} IS NOT NULL`, asc(items.name), asc(items.createdAt));
  return rows.map((r) => toItem(r.item, r.rate));
}

export async function listCatalogue(db: TenantDb, options: { includeArchived?: boolean } = {}): Promise<CatalogueItem[]> {
  return readItems(db, options.includeArchived ? undefined : isNull(items.archivedAt));
}

/** An active item takes an active rate; the rate is share-locked so it cannot be archived before this commits. */
async function usableRate(tx: TenantTx, vatRateId: string) {
  const rate = await lockVatRate(tx, vatRateId, 'share');
  if (rate.archivedAt) throw new AppError('VAT_RATE_ARCHIVED', 'This VAT rate is archived; choose an active one');
  return rate;
}

export async function createCatalogueItem(db: TenantDb, actor: Actor, input: ItemFields): Promise<CatalogueItem> {
  return db.transaction(async (tx) => {
    const rate = await usableRate(tx, input.vatRateId);
    const [row] = await tx.insert(items).values(input).returning();
    await recordAudit(tx, actor, 'catalogue_item.created', 'catalogue_item', row!.id, { name: input.name });
    return toItem(row!, rate);
  });
}

export async function updateCatalogueItem(db: TenantDb, actor: Actor, id: string, input: ItemFields): Promise<CatalogueItem> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(items).where(eq(items.id, id)).for('update');
    if (!current) throw notFound('catalogue item');
    // An archived item may keep the archived rate it had; a change of rate must be to an active one.
    const rate = current.vatRateId === input.vatRateId ? await lockVatRate(tx, input.vatRateId, 'share') : await usableRate(tx, input.vatRateId);
    const [row] = await tx
      .update(items)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(items.id, id))
      .returning();
    await recordAudit(tx, actor, 'catalogue_item.updated', 'catalogue_item', id, { name: input.name });
    return toItem(row!, rate);
  });
}

export async function setCatalogueItemArchived(db: TenantDb, actor: Actor, id: string, archived: boolean): Promise<CatalogueItem> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(items).where(eq(items.id, id)).for('update');
    if (!current) throw notFound('catalogue item');
    if ((current.archivedAt !== null) === archived) return (await readItems(tx, eq(items.id, id)))[0]!;
    // Back in the catalogue, an item must be sellable: its rate has to be active.
    const rate = archived ? await lockVatRate(tx, current.vatRateId, 'share') : await usableRate(tx, current.vatRateId);
    const [row] = await tx
      .update(items)
      .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
      .where(and(eq(items.id, id), archived ? isNull(items.archivedAt) : isNotNull(items.archivedAt)))
      .returning();
    await recordAudit(tx, actor, archived ? 'catalogue_item.archived' : 'catalogue_item.restored', 'catalogue_item', id, {});
    return toItem(row!, rate);
  });
}
