/** The money domain's API (issue 11): settings today; documents, payments and providers join here. */
import { router } from '../../trpc/init.ts';
import { billingDetailsRouter, catalogueRouter, vatRatesRouter } from './settings/money-settings.router.ts';

export const moneyRouter = router({
  billingDetails: billingDetailsRouter,
  vatRates: vatRatesRouter,
  catalogue: catalogueRouter,
});
