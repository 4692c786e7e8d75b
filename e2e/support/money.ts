/**
 * Money set-up several journeys share: billing details complete enough to issue (through the studio's API: the
 * settings screen has its own journey, money-settings.spec.ts), Stripe connected through the stand-in's onboarding
 * page (playwright.config.ts), and a client logged in to the portal by the link mailed to them.
 */
import { expect, type Page } from '@playwright/test';
import { portalLoginLink } from './outbox.ts';
import { studioCall } from './studio-api.ts';

/** The year documents issued now are numbered in (the studio's zone). */
export const issueYear = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date());

export async function completeBillingDetails(page: Page, studioPath: string, legalName = 'Studio Bleu SARL'): Promise<void> {
  await studioCall(page.request, studioPath, 'money.billingDetails.update', {
    legalName,
    addressLine1: '12 rue des Studios',
    postalCode: '75011',
    city: 'Paris',
    country: 'FR',
    vatNumber: 'FR12345678901',
    registrationNumber: '12345678900012',
    legalForm: 'SARL',
    iban: 'FR7630006000011234567890189',
    bic: 'BNPAFRPP',
    paymentTermsDays: 30,
    invoicePrefix: 'F',
    creditNotePrefix: 'AV',
    quotePrefix: 'D',
  });
}

/** Settings → Payments → Connect with Stripe → the stand-in's onboarding page → back, charges enabled. */
export async function connectStripe(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Studio navigation' }).getByRole('link', { name: 'Payments' }).click();
  await page.getByRole('button', { name: 'Connect with Stripe' }).click();
  await expect(page.getByRole('heading', { name: 'Stripe onboarding' })).toBeVisible();
  await page.getByRole('button', { name: 'Finish onboarding' }).click();
  await expect(page.getByTestId('payments-state')).toHaveText('Connected, charges enabled');
}

/**
 * The client asks for a log-in link on the studio's portal and follows it (read from the outbox as the operator,
 * on the same page, who logs out again); ends on the portal's home page.
 */
export async function portalLogIn(page: Page, studioPath: string, email: string): Promise<void> {
  await page.goto(`${studioPath}/portal`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('button', { name: 'Send me a log-in link' }).click();
  await expect(page.getByText(/a log-in link is on its way/)).toBeVisible();
  const href = await portalLoginLink(page, email);
  await page.goto(href);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('link', { name: 'Quotes & invoices' })).toBeVisible();
}

/** On the stand-in Stripe's checkout page: pays `amount` ("EUR 360.00") and comes back to the portal's money page. */
export async function payOnStandInCheckout(page: Page, studioPath: string, amount: string): Promise<void> {
  await expect(page.getByRole('heading', { name: `Pay ${amount}` })).toBeVisible();
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page).toHaveURL(new RegExp(`${studioPath}/portal/money\\?payment=paid$`));
  await expect(page.getByTestId('portal-money-paid')).toBeVisible();
}
