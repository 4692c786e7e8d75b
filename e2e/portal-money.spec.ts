import { expect, test, type Page } from '@playwright/test';
import { logIn, logOut, newStudio, uniqueEmail } from './support/journeys.ts';
import { completeBillingDetails, payOnStandInCheckout, portalLogIn } from './support/money.ts';
import { openMail } from './support/outbox.ts';
import { studioCall } from './support/studio-api.ts';

/**
 * A client pays an invoice online from the portal, through the stand-in Stripe's checkout page (playwright.config.ts):
 * the studio connects to Stripe and issues an invoice (set up through its API), the client logs in to the portal,
 * sees the invoice with its balance, pays it, comes back to the portal and sees it paid — recorded by the signed
 * webhook — and the receipt is in the outbox.
 */
const api = <T>(page: Page, studioPath: string, procedure: string, input: unknown, kind: 'query' | 'mutation' = 'mutation') =>
  studioCall<T>(page.request, studioPath, procedure, input, kind);

test('a client pays an issued invoice online from the portal and sees it paid; the receipt is mailed; the owner refunds part of it', async ({ page }) => {
  test.setTimeout(120_000);
  const { studioPath, account } = await newStudio(page, 'portal-money');
  const clientEmail = uniqueEmail('portal-payer');

  // Stripe: connected through the stand-in's onboarding page.
  const { url } = await api<{ url: string }>(page, studioPath, 'payments.connect', {});
  await page.goto(url);
  await page.getByRole('button', { name: 'Finish onboarding' }).click();
  await expect(page.getByTestId('payments-state')).toHaveText('Connected, charges enabled');

  // Billing details complete enough to issue, a client with an address, an invoice issued.
  await completeBillingDetails(page, studioPath, 'Studio Portail SARL');
  const client = await api<{ id: string }>(page, studioPath, 'clients.create', {
    name: 'Pia Payer',
    kind: 'person',
    email: clientEmail,
    addressLine1: '3 quai Ouest',
    postalCode: '69002',
    city: 'Lyon',
    country: 'FR',
  });
  const rates = await api<{ id: string; basisPoints: number }[]>(page, studioPath, 'money.vatRates.list', { includeArchived: false }, 'query');
  const rate = rates.find((r) => r.basisPoints === 2000)!;
  const invoice = await api<{ id: string }>(page, studioPath, 'money.documents.createDraft', {
    kind: 'invoice',
    clientId: client.id,
    notes: '',
    lines: [{ source: 'free', description: 'Mixing day', quantity: 1000, unit: 'day', unitPriceCents: 40000, vatRateId: rate.id }],
  });
  const { number } = await api<{ number: string }>(page, studioPath, 'money.documents.issue', { id: invoice.id });
  await logOut(page);

  // The client logs in to the portal and opens Quotes & invoices.
  await portalLogIn(page, studioPath, clientEmail);
  await page.getByRole('link', { name: 'Quotes & invoices' }).click();
  const row = page.getByTestId('portal-money-row').filter({ hasText: number });
  await expect(row.getByTestId('portal-money-status')).toHaveText('To pay');
  await expect(row).toContainText('Left to pay: €480.00');
  const pdf = await page.request.get(`/api/portal-documents/${studioPath.split('/')[2]}/${invoice.id}`);
  expect(pdf.headers()['content-type']).toBe('application/pdf');

  // Pay online: the stand-in's checkout page, then back to the portal.
  await row.getByRole('button', { name: `Pay ${number} online` }).click();
  await payOnStandInCheckout(page, studioPath, 'EUR 480.00');
  await expect(row.getByTestId('portal-money-status')).toHaveText('Paid');
  await expect(row).not.toContainText('Left to pay');
  await expect(row.getByRole('button', { name: `Pay ${number} online` })).toHaveCount(0);

  // On a phone, the page fits the screen (nothing scrolls sideways).
  await page.setViewportSize({ width: 375, height: 812 });
  await expect(row.getByTestId('portal-money-status')).toHaveText('Paid');
  const horizontalOverflow: number = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  expect(horizontalOverflow).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });

  // The receipt, read as the operator reads the outbox.
  await page.goto(`${studioPath}/portal`);
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(new RegExp(`${studioPath}/portal/login$`));
  await logIn(page, 'operator@e2e.test', 'operator-e2e-password');
  await expect(page.getByRole('heading', { name: 'Your studios' })).toBeVisible();
  const receipt = await openMail(page, clientEmail, new RegExp(`Payment received: €480.00 for ${number}`));
  await expect(receipt).toContainText('is now paid in full');

  // The owner refunds part of the card payment from the invoice: Stripe (the stand-in) refunds it and the invoice
  // gets a credit note for it.
  await page.context().clearCookies();
  await logIn(page, account.email, account.password);
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await page.goto(`${studioPath}/money/documents/${invoice.id}`);
  const refund = page.getByRole('button', { name: 'Refund the card payment of €480.00' });
  await refund.click();
  await page.getByLabel('Amount to refund').fill('500');
  await page.getByRole('dialog').getByRole('button', { name: 'Refund' }).click();
  await expect(page.getByText('A refund cannot be more than the payment (€480.00).')).toBeVisible();
  await page.getByLabel('Amount to refund').fill('100');
  await page.getByRole('dialog').getByRole('button', { name: 'Refund' }).click();
  await expect(page.getByText('€100.00 refunded; €380.00 left on the payment.')).toBeVisible();
  // The money that went back is no longer paid: the credit note and the refund cancel out, nothing is owed either way.
  await expect(page.getByTestId('payment-refunded')).toHaveText('€100.00 refunded');
  await expect(page.getByTestId('total-refunded')).toHaveText('€100.00');
  await expect(page.getByTestId('total-balance')).toHaveText('€0.00');
  await expect(page.getByTestId('document-status')).toHaveText('Paid');
  // What is left to refund is what the dialog offers, and the most it takes.
  await refund.click();
  await expect(page.getByLabel('Amount to refund')).toHaveValue('380.00');
  await page.getByLabel('Amount to refund').fill('381');
  await page.getByRole('dialog').getByRole('button', { name: 'Refund' }).click();
  await expect(page.getByText('A refund cannot be more than what is left on the payment (€380.00).')).toBeVisible();
  await page.keyboard.press('Escape');
  const notes = await api<{ kind: string; status: string; grossCents: number }[]>(
    page,
    studioPath,
    'money.documents.list',
    { kinds: ['credit_note'] },
    'query',
  );
  expect(notes.map((n) => [n.kind, n.status, n.grossCents])).toEqual([['credit_note', 'issued', 10000]]);
});
