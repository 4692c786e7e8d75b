/**
 * Money settings: billing details, VAT rates, catalogue. Changing them is `money:manage`; the price list
 * (catalogue and rates) is `catalogue:read` for every staff member; bank and legal details are read only by
 * those who manage money.
 */
import { z } from 'zod';
import {
  billingDetailsInput,
  catalogueItemInput,
  catalogueItemUpdateInput,
  catalogueListInput,
  vatRateInput,
  vatRateLabelInput,
} from '@rsm/shared/money-schemas';
import { idInput } from '@rsm/shared/schemas';
import { router, studioProcedure } from '../../../trpc/init.ts';
import { getBillingDetails, updateBillingDetails } from './billing-details.service.ts';
import { createCatalogueItem, listCatalogue, setCatalogueItemArchived, updateCatalogueItem } from './catalogue.service.ts';
import { billingDetailsOutput, catalogueItemOutput, vatRateOutput } from './money-settings.outputs.ts';
import { createVatRate, listVatRates, renameVatRate, setDefaultVatRate, setVatRateArchived } from './vat-rates.service.ts';

const manage = studioProcedure.requires('money:manage');
const readCatalogue = studioProcedure.requires('catalogue:read');

export const billingDetailsRouter = router({
  get: manage.output(billingDetailsOutput).query(async ({ ctx }) => getBillingDetails(await ctx.tenant(), ctx.studio.locale)),
  update: manage
    .input(billingDetailsInput)
    .output(billingDetailsOutput)
    .mutation(async ({ ctx, input }) => updateBillingDetails(await ctx.tenant(), ctx.actor, ctx.studio.locale, input)),
});

export const vatRatesRouter = router({
  list: readCatalogue
    .input(catalogueListInput)
    .output(z.array(vatRateOutput))
    .query(async ({ ctx, input }) => listVatRates(await ctx.tenant(), input)),
  create: manage
    .input(vatRateInput)
    .output(vatRateOutput)
    .mutation(async ({ ctx, input }) => createVatRate(await ctx.tenant(), ctx.actor, input)),
  rename: manage
    .input(vatRateLabelInput)
    .output(vatRateOutput)
    .mutation(async ({ ctx, input }) => renameVatRate(await ctx.tenant(), ctx.actor, input.id, input.label)),
  setDefault: manage
    .input(idInput)
    .output(vatRateOutput)
    .mutation(async ({ ctx, input }) => setDefaultVatRate(await ctx.tenant(), ctx.actor, input.id)),
  archive: manage
    .input(idInput)
    .output(vatRateOutput)
    .mutation(async ({ ctx, input }) => setVatRateArchived(await ctx.tenant(), ctx.actor, input.id, true)),
  restore: manage
    .input(idInput)
    .output(vatRateOutput)
    .mutation(async ({ ctx, input }) => setVatRateArchived(await ctx.tenant(), ctx.actor, input.id, false)),
});

export const catalogueRouter = router({
  list: readCatalogue
    .input(catalogueListInput)
    .output(z.array(catalogueItemOutput))
    .query(async ({ ctx, input }) => listCatalogue(await ctx.tenant(), input)),
  create: manage
    .input(catalogueItemInput)
    .output(catalogueItemOutput)
    .mutation(async ({ ctx, input }) => createCatalogueItem(await ctx.tenant(), ctx.actor, input)),
  update: manage
    .input(catalogueItemUpdateInput)
    .output(catalogueItemOutput)
    .mutation(async ({ ctx, input }) => {
      const { id, ...fields } = input;
      return updateCatalogueItem(await ctx.tenant(), ctx.actor, id, fields);
    }),
  archive: manage
    .input(idInput)
    .output(catalogueItemOutput)
    .mutation(async ({ ctx, input }) => setCatalogueItemArchived(await ctx.tenant(), ctx.actor, input.id, true)),
  restore: manage
    .input(idInput)
    .output(catalogueItemOutput)
    .mutation(async ({ ctx, input }) => setCatalogueItemArchived(await ctx.tenant(), ctx.actor, input.id, false)),
});
