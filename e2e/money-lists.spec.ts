/**
 * The Money page's lists and the paths the other money journeys leave out, through the screens: a payment
 * recorded by hand then removed with a reason (kept on record, struck through, what is due back up, in the
 * activity log), and a payment by hand mailed as a receipt; the documents list narrowed by status, client and period, with its totals and the outstanding
 * figure; a quote declined from its link without an account (typed name); the Money screens in French.
 */
import { expect, test, type Page } from '@playwright/test';
import { logIn, newStudio } from './support/journeys.ts';
import { openMail } from './support/outbox.ts';
import { completeBillingDetails, issueYear } from './support/money.ts';
import { studioCall } from './support/studio-api.ts';

const year = issueYear();

/** Two clients, an invoice for each (€120 and €240 incl. 20 % VAT) and a quote for the second, all issued. */
async function setUp(page: Page, studioPath: string) {
  await completeBillingDetails(page, studioPath);
  const call = <T>(procedure: string, input: unknown) => studioCall<T>(page.request, studioPath, procedure, input);
  const address = { addressLine1: '3 quai Ouest', postalCode: '69002', city: 'Lyon', country: 'FR' };
  const ondes = await call<{ id: string }>('clients.create', { kind: 'company', name: 'Les Ondes', vatNumber: 'FR98765432109', ...address });
  const ninaEmail = `nina-${Date.now()}@example.test`;
  const nina = await call<{ id: string }>('clients.create', { kind: 'person', name: 'Nina Payer', email: ninaEmail, ...address });
  const rates = await studioCall<{ id: string; isDefault: boolean }[]>(page.request, studioPath, 'money.vatRates.list', { includeArchived: false }, 'query');
  const vatRateId = rates.find((r) => r.isDefault)!.id;
  const issued = async (kind: 'invoice' | 'quote', clientId: string, unitPriceCents: number) => {
    const lines = [{ source: 'free', description: 'Mixing', quantity: 1000, unit: 'item', unitPriceCents, vatRateId }];
    const { id } = await call<{ id: string }>('money.documents.createDraft', { kind, clientId, lines });
    return { id, ...(await call<{ number: string }>('money.documents.issue', { id })) };
  };
  const first = await issued('invoice', ondes.id, 10_000);
  const second = await issued('invoice', nina.id, 20_000);
  const quote = await issued('quote', nina.id, 5_000);
  const { answerUrl } = await call<{ answerUrl: string }>('money.delivery.send', { id: quote.id });
  return { first, second, quote, answerUrl, ninaEmail };
}

test('a payment removed with a reason, the lists filtered by status, client and period, a quote declined from its link', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { studioPath } = await newStudio(page, 'money-lists');
  const { first, second, quote, answerUrl, ninaEmail } = await setUp(page, studioPath);

  // A payment by hand on the first invoice, then removed: a reason is required, the payment stays listed.
  await page.goto(`${studioPath}/money/documents/${first.id}`);
  await page.getByRole('button', { name: 'Record payment' }).click();
  const pay = page.getByRole('dialog', { name: `Record a payment on ${first.number}` });
  await pay.getByLabel('Method').selectOption({ label: 'Cheque' });
  await pay.getByRole('button', { name: 'Record payment' }).click();
  await expect(pay).toBeHidden();
  await expect(page.getByTestId('document-status')).toHaveText('Paid');
  await page.getByRole('button', { name: 'Remove the payment of €120.00' }).click();
  const remove = page.getByRole('dialog', { name: 'Remove the payment of €120.00?' });
  await remove.getByRole('button', { name: 'Remove' }).click();
  await expect(remove.getByText('Give a reason of at least 3 characters.')).toBeVisible();
  await remove.getByLabel('Reason').fill('Cheque bounced');
  await remove.getByRole('button', { name: 'Remove' }).click();
  await expect(remove).toBeHidden();
  await expect(page.getByTestId('document-status')).toHaveText('Issued');
  await expect(page.getByTestId('total-balance')).toHaveText('€120.00');
  const payments = page.getByTestId('document-payments').getByRole('listitem');
  await expect(payments).toHaveCount(1);
  await expect(payments.first()).toContainText('Removed');
  await expect(page.getByRole('button', { name: /^Remove the payment/ })).toHaveCount(0);

  // …and the removal is in the activity log, with its reason.
  await page.goto(`${studioPath}/settings/activity`);
  await page.getByLabel('Action').fill('payment.removed');
  const removed = page.getByTestId('audit-log-table').getByRole('row').filter({ hasText: 'payment.removed' });
  await expect(removed).toHaveCount(1);
  await expect(removed).toContainText('Cheque bounced');

  // The client declines the quote from the mailed link, without an account; a name is required.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(new URL(answerUrl).pathname);
  await expect(visitor.getByTestId('quote-number')).toHaveText(`Quote ${quote.number}`);
  await visitor.getByRole('button', { name: 'Decline' }).click();
  await expect(visitor.getByText('Type your full name to answer.')).toBeVisible();
  await visitor.getByLabel('Full name').fill('Nina Payer');
  await visitor.getByRole('button', { name: 'Decline' }).click();
  await expect(visitor.getByTestId('quote-answered')).toHaveAttribute('data-status', 'declined');
  await expect(visitor.getByTestId('quote-answered')).toContainText('Answered by Nina Payer');
  await visitorContext.close();

  // The Money page: what is outstanding, and the invoices list narrowed by status, client and period.
  await page.goto(`${studioPath}/money`);
  await expect(page.getByTestId('money-outstanding')).toContainText('€360.00');
  const documents = page.getByTestId('money-documents').getByRole('listitem');
  const totals = page.getByTestId('money-list-totals');
  await expect(documents).toHaveCount(2);
  await expect(totals).toContainText('Total €360.00');
  await page.getByLabel('Status').selectOption({ label: 'Paid' });
  await expect(totals).toContainText('0 documents');
  await page.getByLabel('Status').selectOption({ label: 'Issued' });
  await expect(documents).toHaveCount(2);
  await page.getByRole('combobox', { name: 'Client' }).fill('Nina');
  await page.getByRole('option', { name: 'Nina Payer' }).click();
  await expect(documents).toHaveCount(1);
  await expect(documents.first()).toContainText(`F-${year}-0002`);
  await expect(totals).toContainText('Total €240.00');
  await page.getByLabel('From').fill(`${Number(year) + 1}-01-01`);
  await expect(totals).toContainText('0 documents');
  await page.getByLabel('From').fill(`${year}-01-01`);
  await expect(documents).toHaveCount(1);

  // The quotes: the declined one, found by its status.
  await page.getByRole('button', { name: 'Quotes' }).click();
  await page.getByLabel('Status').selectOption({ label: 'Declined' });
  await expect(documents).toHaveCount(1);
  await expect(documents.first()).toContainText(quote.number);
  await expect(documents.first()).toContainText('Declined');

  // A part payment by hand on the second invoice: the client gets a receipt by e-mail (read as the operator).
  await page.goto(`${studioPath}/money/documents/${second.id}`);
  await page.getByRole('button', { name: 'Record payment' }).click();
  const part = page.getByRole('dialog', { name: `Record a payment on ${second.number}` });
  await part.getByLabel('Amount (EUR)').fill('100');
  await part.getByLabel('Method').selectOption({ label: 'Bank transfer' });
  await part.getByLabel('Reference').fill('VIR-2231');
  await part.getByRole('button', { name: 'Record payment' }).click();
  await expect(part).toBeHidden();
  await expect(page.getByTestId('document-status')).toHaveText('Partially paid');
  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await logIn(operator, 'operator@e2e.test', 'operator-e2e-password');
  await expect(operator.getByRole('heading', { name: 'Your studios' })).toBeVisible();
  const receipt = await openMail(operator, ninaEmail, new RegExp(`Payment received: €100.00 for ${second.number}`));
  await expect(receipt).toContainText(`Still due on ${second.number}: €140.00.`);
  await operatorContext.close();

  // In French: the Money page, an invoice and Settings → Billing details.
  await page.getByRole('button', { name: 'Open the user menu' }).click();
  await page.getByRole('menuitemradio', { name: 'Français' }).click();
  await page.goto(`${studioPath}/money`);
  await expect(page.getByRole('heading', { name: 'Finances', level: 1 })).toBeVisible();
  await expect(page.getByTestId('money-outstanding')).toContainText('260,00');
  await page.goto(`${studioPath}/money/documents/${first.id}`);
  await expect(page.getByTestId('document-status')).toHaveText('Émise');
  await expect(page.getByTestId('document-payments')).toContainText('Retiré');
  await page.goto(`${studioPath}/settings/billing`);
  const form = page.getByRole('form', { name: 'Facturation' });
  await expect(form.getByLabel('IBAN')).toHaveValue('FR76 3000 6000 0112 3456 7890 189');
  await form.getByLabel('Forme juridique').fill('SAS');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await page.reload();
  await expect(form.getByLabel('Forme juridique')).toHaveValue('SAS');
});
