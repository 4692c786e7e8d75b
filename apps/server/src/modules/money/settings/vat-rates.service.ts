/**
 * A studio's VAT rates. A rate is never edited in its percentage (a trigger refuses it: items and documents
 * point at it) and never deleted, only archived; exactly one active rate is the default offered for new
 * items (unique index + deferred trigger, migration 0017). The checks here give the clear answer first.
 */
import { and, asc, count, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { z } from 'zod';
import type { vatRateInput } from '@rsm/shared/money-schemas';
import { AppError, notFound } from '../../../platform/errors.ts';
import { isUniqueViolation } from '../../../platform/postgres/pg-errors.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../studios/studio-context.ts';
import type { TenantTx } from '../numbering/document-number.ts';

type Row = typeof tenant.vatRates.$inferSelect;

export function toVatRate(row: Row) {
  return {
    id: row.id,
    label: row.label,
    basisPoints: row.basisPoints,
    category: row.category,
    isDefault: row.isDefault,
    archivedAt: row.archivedAt?.toISOString() ?? null,
  };
}
export type VatRate = ReturnType<typeof toVatRate>;

const exists = (rate: { basisPoints: number }) =>
  new AppError('VAT_RATE_EXISTS', 'An active VAT rate with this percentage already exists', { basisPoints: rate.basisPoints });

export async function listVatRates(db: TenantDb, options: { includeArchived?: boolean } = {}): Promise<VatRate[]> {
  const rows = await db
    .select()
    .from(tenant.vatRates)
    .where(options.includeArchived ? undefined : isNull(tenant.vatRates.archivedAt))
    .orderBy(sql`${tenant.vatRates.archivedAt} IS NOT NULL`, desc(tenant.vatRates.basisPoints), asc(tenant.vatRates.createdAt));
  return rows.map(toVatRate);
}

/** The rate row locked for the rest of the transaction: `update` against archiving / defaulting, `share` against archiving while an item takes it. */
export async function lockVatRate(tx: TenantTx, id: string, mode: 'update' | 'share'): Promise<Row> {
  const [row] = await tx.select().from(tenant.vatRates).where(eq(tenant.vatRates.id, id)).for(mode);
  if (!row) throw notFound('VAT rate');
  return row;
}

export async function createVatRate(db: TenantDb, actor: Actor, input: z.output<typeof vatRateInput>): Promise<VatRate> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(tenant.vatRates).values(input).returning();
      await recordAudit(tx, actor, 'vat_rate.created', 'vat_rate', row!.id, { basisPoints: input.basisPoints, category: input.category });
      return toVatRate(row!);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'vat_rates_active_unique')) throw exists(input);
    throw error;
  }
}

export async function renameVatRate(db: TenantDb, actor: Actor, id: string, label: string): Promise<VatRate> {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(tenant.vatRates).set({ label, updatedAt: new Date() }).where(eq(tenant.vatRates.id, id)).returning();
    if (!row) throw notFound('VAT rate');
    await recordAudit(tx, actor, 'vat_rate.renamed', 'vat_rate', id, { label });
    return toVatRate(row);
  });
}

export async function setDefaultVatRate(db: TenantDb, actor: Actor, id: string): Promise<VatRate> {
  return db.transaction(async (tx) => {
    const rate = await lockVatRate(tx, id, 'update');
    if (rate.archivedAt) throw new AppError('VAT_RATE_ARCHIVED', 'An archived VAT rate cannot be the default');
    if (rate.isDefault) return toVatRate(rate);
    // The old default first: the unique index allows one default at a time; the deferred trigger sees the end state.
    await tx
      .update(tenant.vatRates)
      .set({ isDefault: false, updatedAt: new Date() })
      .where(and(eq(tenant.vatRates.isDefault, true), ne(tenant.vatRates.id, id)));
    const [row] = await tx.update(tenant.vatRates).set({ isDefault: true, updatedAt: new Date() }).where(eq(tenant.vatRates.id, id)).returning();
    await recordAudit(tx, actor, 'vat_rate.made_default', 'vat_rate', id, {});
    return toVatRate(row!);
  });
}

export async function setVatRateArchived(db: TenantDb, actor: Actor, id: string, archived: boolean): Promise<VatRate> {
  try {
    return await db.transaction(async (tx) => {
      const rate = await lockVatRate(tx, id, 'update');
      if ((rate.archivedAt !== null) === archived) return toVatRate(rate);
      if (archived && rate.isDefault) throw new AppError('VAT_RATE_IS_DEFAULT', 'Make another rate the default before archiving this one');
      if (archived) {
        const [used] = await tx
          .select({ items: count() })
          .from(tenant.catalogueItems)
          .where(and(eq(tenant.catalogueItems.vatRateId, id), isNull(tenant.catalogueItems.archivedAt)));
        if (used!.items > 0) throw new AppError('VAT_RATE_IN_USE', 'Active catalogue items still use this rate', { items: used!.items });
      }
      const [row] = await tx
        .update(tenant.vatRates)
        .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
        .where(eq(tenant.vatRates.id, id))
        .returning();
      await recordAudit(tx, actor, archived ? 'vat_rate.archived' : 'vat_rate.restored', 'vat_rate', id, {});
      return toVatRate(row!);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'vat_rates_active_unique'))
      throw new AppError('VAT_RATE_EXISTS', 'An active VAT rate with this percentage already exists', {});
    throw error;
  }
}
