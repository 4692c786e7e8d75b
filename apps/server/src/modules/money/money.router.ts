/** The money domain's API (issue 11): settings, documents (quotes, invoices, credit notes) and payments; providers join here. */
import { router } from '../../trpc/init.ts';
import { documentsRouter, paymentsRouter } from './invoicing/documents.router.ts';
import { deliveryRouter } from './delivery/delivery.router.ts';
import { onlinePaymentsRouter } from './payments/online-payments.router.ts';
import { billingDetailsRouter, catalogueRouter, vatRatesRouter } from './settings/money-settings.router.ts';

export const moneyRouter = router({
  billingDetails: billingDetailsRouter,
  vatRates: vatRatesRouter,
  catalogue: catalogueRouter,
  documents: documentsRouter,
  payments: paymentsRouter,
  delivery: deliveryRouter,
  online: onlinePaymentsRouter,
});
