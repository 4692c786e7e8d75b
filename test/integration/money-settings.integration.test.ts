/**
 * Money settings through the API: what a new studio starts with, billing details validated and stored, VAT
 * rates (one default, archive rules, the database's own guards) and the catalogue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { STATUTORY_LATE_PAYMENT_TEXT } from '@rsm/shared/billing-texts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, expectRefused, withStudioDb, type Studio } from '../support/studios.ts';

interface Rate {
  id: string;
  label: string;
  basisPoints: number;
  category: string;
  isDefault: boolean;
  archivedAt: string | null;
}
interface Item {
  id: string;
  name: string;
  unit: string;
  unitPriceCents: number;
  vatRate: Rate;
  archivedAt: string | null;
}

let server: TestServer;
let studio: Studio;
beforeAll(async () => {
  server = await createTestServer();
  studio = await createStudio(server, { studioName: 'Money Settings' });
});
afterAll(async () => server?.close());

const rates = async (includeArchived = true) => (await studio.owner.query<Rate[]>('money.vatRates.list', { includeArchived }, studio.slug)).data!;
const rateOf = async (basisPoints: number) => (await rates()).find((r) => r.basisPoints === basisPoints && !r.archivedAt)!;
const BILLING = { legalName: 'Studio Bleu SARL', paymentTermsDays: 30, invoicePrefix: 'F', creditNotePrefix: 'AV', quotePrefix: 'D' };

describe('a new studio', () => {
  it('starts with 20 / 10 / 5.5 / 2.1 %, 20 % the default', async () => {
    expect((await rates()).map((r) => [r.basisPoints, r.isDefault, r.category])).toEqual([
      [2000, true, 'S'],
      [1000, false, 'S'],
      [550, false, 'S'],
      [210, false, 'S'],
    ]);
  });

  it('starts with prefixes F / AV / D, 30 days, and the statutory late-payment wording in its language', async () => {
    const details = await studio.owner.query<Record<string, unknown>>('money.billingDetails.get', undefined, studio.slug);
    expect(details.data).toMatchObject({
      invoicePrefix: 'F',
      creditNotePrefix: 'AV',
      quotePrefix: 'D',
      paymentTermsDays: 30,
      latePaymentText: '',
      statutoryLatePaymentText: STATUTORY_LATE_PAYMENT_TEXT.en,
    });
    await server.platform.controlDb.update(control.studios).set({ locale: 'fr' }).where(eq(control.studios.id, studio.id));
    const french = await studio.owner.query<{ statutoryLatePaymentText: string }>('money.billingDetails.get', undefined, studio.slug);
    expect(french.data?.statutoryLatePaymentText).toContain('trois fois le taux d’intérêt légal');
    expect(french.data?.statutoryLatePaymentText).toContain('40 €');
    await server.platform.controlDb.update(control.studios).set({ locale: 'en' }).where(eq(control.studios.id, studio.id));
  });
});

describe('billing details', () => {
  it('stores the legal details, with the IBAN compact, beside the studio profile', async () => {
    const saved = await studio.owner.mutate<Record<string, unknown>>(
      'money.billingDetails.update',
      {
        ...BILLING,
        city: 'Lyon',
        registrationNumber: '123 456 789 00012',
        shareCapitalCents: 1_000_000,
        iban: 'fr76 3000 6000 0112 3456 7890 189',
        bic: 'bnpafrpp',
        latePaymentText: 'Our own wording.',
      },
      studio.slug,
    );
    expect(saved.error).toBeUndefined();
    expect(saved.data).toMatchObject({
      legalName: 'Studio Bleu SARL',
      city: 'Lyon',
      iban: 'FR7630006000011234567890189',
      bic: 'BNPAFRPP',
      shareCapitalCents: 1_000_000,
      latePaymentText: 'Our own wording.',
    });
    const profile = await studio.owner.query<{ legalName: string; city: string }>('studio.get', undefined, studio.slug);
    expect(profile.data).toMatchObject({ legalName: 'Studio Bleu SARL', city: 'Lyon' });
  });

  it('an empty late-payment wording goes back to the statutory text', async () => {
    await studio.owner.mutate('money.billingDetails.update', { ...BILLING, latePaymentText: '' }, studio.slug);
    const row = await withStudioDb(server, studio.id, (db) => db.select().from(tenant.billingSettings));
    expect(row[0]?.latePaymentText).toBeNull();
  });

  it.each([
    [{ iban: 'FR7630006000011234567890188' }, 'iban', 'errors.iban_invalid'],
    [{ bic: 'BNP' }, 'bic', 'errors.bic_invalid'],
    [{ invoicePrefix: 'F-' }, 'invoicePrefix', 'errors.prefix_invalid'],
    [{ quotePrefix: 'F' }, 'creditNotePrefix', 'errors.prefixes_not_distinct'],
    [{ paymentTermsDays: -1 }, 'paymentTermsDays', 'errors.payment_terms_invalid'],
  ])('refuses %j with a field error, changing nothing', async (change, field, message) => {
    const before = await studio.owner.query('money.billingDetails.get', undefined, studio.slug);
    const result = await studio.owner.mutate('money.billingDetails.update', { ...BILLING, ...change }, studio.slug);
    expectRefused(result, 'BAD_REQUEST', 400);
    expect(result.error?.data.fieldErrors?.[field]).toContain(message);
    expect((await studio.owner.query('money.billingDetails.get', undefined, studio.slug)).data).toEqual(before.data);
  });
});

describe('VAT rates', () => {
  it('adds a 0 % export rate and refuses the same rate twice', async () => {
    const created = await studio.owner.mutate<Rate>('money.vatRates.create', { label: 'Export', basisPoints: 0, category: 'G' }, studio.slug);
    expect(created.data).toMatchObject({ basisPoints: 0, category: 'G', isDefault: false, label: 'Export' });
    expectRefused(await studio.owner.mutate('money.vatRates.create', { basisPoints: 0, category: 'G' }, studio.slug), 'VAT_RATE_EXISTS', 409);
    const mismatch = await studio.owner.mutate('money.vatRates.create', { basisPoints: 500, category: 'E' }, studio.slug);
    expect(mismatch.error?.data.fieldErrors?.basisPoints).toContain('errors.vat_category_rate_mismatch');
  });

  it('has exactly one default after changing it', async () => {
    const reduced = await rateOf(550);
    const made = await studio.owner.mutate<Rate>('money.vatRates.setDefault', { id: reduced.id }, studio.slug);
    expect(made.data?.isDefault).toBe(true);
    expect((await rates()).filter((r) => r.isDefault).map((r) => r.basisPoints)).toEqual([550]);
    await studio.owner.mutate('money.vatRates.setDefault', { id: (await rateOf(2000)).id }, studio.slug);
    expect((await rates()).filter((r) => r.isDefault).map((r) => r.basisPoints)).toEqual([2000]);
  });

  it('will not archive the default, nor a rate active items use; an archived rate stays readable', async () => {
    expectRefused(await studio.owner.mutate('money.vatRates.archive', { id: (await rateOf(2000)).id }, studio.slug), 'VAT_RATE_IS_DEFAULT', 409);
    const intermediate = await rateOf(1000);
    const item = await studio.owner.mutate<Item>(
      'money.catalogue.create',
      { name: 'Rehearsal', unit: 'hour', unitPriceCents: 2500, vatRateId: intermediate.id },
      studio.slug,
    );
    const refused = await studio.owner.mutate('money.vatRates.archive', { id: intermediate.id }, studio.slug);
    expectRefused(refused, 'VAT_RATE_IN_USE', 409);
    expect(refused.error?.data.params).toMatchObject({ items: 1 });

    await studio.owner.mutate('money.catalogue.archive', { id: item.data!.id }, studio.slug);
    const archived = await studio.owner.mutate<Rate>('money.vatRates.archive', { id: intermediate.id }, studio.slug);
    expect(archived.data?.archivedAt).not.toBeNull();
    expect((await rates(false)).map((r) => r.id)).not.toContain(intermediate.id);
    expect((await rates(true)).map((r) => r.id)).toContain(intermediate.id);
    // The archived item still shows its archived rate, and cannot come back until the rate does.
    const list = await studio.owner.query<Item[]>('money.catalogue.list', { includeArchived: true }, studio.slug);
    expect(list.data!.find((i) => i.id === item.data!.id)?.vatRate).toMatchObject({ basisPoints: 1000, archivedAt: archived.data!.archivedAt });
    expectRefused(await studio.owner.mutate('money.catalogue.restore', { id: item.data!.id }, studio.slug), 'VAT_RATE_ARCHIVED', 409);
    expectRefused(await studio.owner.mutate('money.vatRates.setDefault', { id: intermediate.id }, studio.slug), 'VAT_RATE_ARCHIVED', 409);
    await studio.owner.mutate('money.vatRates.restore', { id: intermediate.id }, studio.slug);
    expect((await studio.owner.mutate<Item>('money.catalogue.restore', { id: item.data!.id }, studio.slug)).data?.archivedAt).toBeNull();
  });

  it('the database itself keeps exactly one default and fixed percentages', async () => {
    await withStudioDb(server, studio.id, async (db) => {
      await expect(db.update(tenant.vatRates).set({ isDefault: false }).where(eq(tenant.vatRates.isDefault, true))).rejects.toMatchObject({
        cause: { constraint: 'vat_rates_default_exists' },
      });
      await expect(db.update(tenant.vatRates).set({ isDefault: true }).where(eq(tenant.vatRates.basisPoints, 210))).rejects.toMatchObject({
        cause: { constraint: 'vat_rates_one_default' },
      });
      await expect(db.update(tenant.vatRates).set({ basisPoints: 1900 }).where(eq(tenant.vatRates.basisPoints, 2000))).rejects.toMatchObject({
        cause: { constraint: 'vat_rates_rate_fixed' },
      });
      await expect(db.execute(sql`DELETE FROM vat_rates WHERE basis_points = 1000`)).rejects.toMatchObject({ cause: { code: '23001' } }); // restrict_violation: items still point at it;
    });
  });
});

describe('catalogue', () => {
  it('creates, edits, archives and restores an item', async () => {
    const standard = await rateOf(2000);
    const created = await studio.owner.mutate<Item>(
      'money.catalogue.create',
      { name: 'Mixing', unit: 'hour', unitPriceCents: 6000, vatRateId: standard.id },
      studio.slug,
    );
    expect(created.data).toMatchObject({
      name: 'Mixing',
      unit: 'hour',
      unitPriceCents: 6000,
      vatRate: { id: standard.id, basisPoints: 2000 },
      archivedAt: null,
    });
    const id = created.data!.id;
    const reduced = await rateOf(550);
    const updated = await studio.owner.mutate<Item>(
      'money.catalogue.update',
      { id, name: 'Mixing (day)', unit: 'day', unitPriceCents: 40000, vatRateId: reduced.id },
      studio.slug,
    );
    expect(updated.data).toMatchObject({ name: 'Mixing (day)', unit: 'day', unitPriceCents: 40000, vatRate: { basisPoints: 550 } });
    await studio.owner.mutate('money.catalogue.archive', { id }, studio.slug);
    expect((await studio.owner.query<Item[]>('money.catalogue.list', {}, studio.slug)).data!.map((i) => i.id)).not.toContain(id);
    await studio.owner.mutate('money.catalogue.restore', { id }, studio.slug);
    expect((await studio.owner.query<Item[]>('money.catalogue.list', {}, studio.slug)).data!.map((i) => i.id)).toContain(id);
  });

  it('refuses bad input with field errors', async () => {
    const result = await studio.owner.mutate('money.catalogue.create', { name: '', unit: 'week', unitPriceCents: -5, vatRateId: 'nope' }, studio.slug);
    expectRefused(result, 'BAD_REQUEST', 400);
    expect(Object.keys(result.error!.data.fieldErrors!).sort()).toEqual(['name', 'unit', 'unitPriceCents', 'vatRateId']);
  });

  it('an unknown rate is not found', async () => {
    const result = await studio.owner.mutate(
      'money.catalogue.create',
      { name: 'Ghost', unit: 'item', unitPriceCents: 100, vatRateId: '00000000-0000-4000-8000-000000000000' },
      studio.slug,
    );
    expectRefused(result, 'NOT_FOUND', 404);
  });
});
