import { expect, test, type Page } from '@playwright/test';
import { newStudio } from './support/journeys.ts';
import { completeBillingDetails, issueYear } from './support/money.ts';
import { studioCall } from './support/studio-api.ts';

const year = issueYear();

/** Billing details complete enough to issue, a company client and a catalogue item, through the studio's API. */
async function moneySetUp(page: Page, studioPath: string) {
  await completeBillingDetails(page, studioPath);
  const client = await studioCall<{ id: string }>(page.request, studioPath, 'clients.create', {
    kind: 'company',
    name: 'Les Ondes',
    addressLine1: '3 quai Ouest',
    postalCode: '69002',
    city: 'Lyon',
    country: 'FR',
    vatNumber: 'FR98765432109',
  });
  const rates = await studioCall<{ id: string; isDefault: boolean }[]>(page.request, studioPath, 'money.vatRates.list', { includeArchived: false }, 'query');
  await studioCall(page.request, studioPath, 'money.catalogue.create', {
    name: 'Mixing',
    unit: 'hour',
    unitPriceCents: 6000,
    vatRateId: rates.find((r) => r.isDefault)!.id,
  });
  return { clientId: client.id };
}

/** Client, a catalogue line of 2 hours (€120) and a free line (€25): €145 excl. VAT, €174 incl. 20 % VAT. */
async function fillDocument(page: Page) {
  await page.getByRole('combobox', { name: 'Client' }).fill('Ondes');
  await page.getByRole('option', { name: 'Les Ondes' }).click();
  await page.getByLabel('From the catalogue').selectOption({ label: 'Mixing — €60.00' });
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const first = page.getByRole('listitem', { name: 'Line 1' });
  await first.getByLabel('Quantity').fill('2');
  await expect(first.getByTestId('line-net')).toHaveText('€120.00');
  await page.getByRole('button', { name: 'Add a free line' }).click();
  const second = page.getByRole('listitem', { name: 'Line 2' });
  await second.getByLabel('Description').fill('Tape transfer');
  await second.getByLabel('Unit price excl. VAT').fill('25');
  // The totals follow the typing, computed in the browser with the server's own code.
  await expect(page.getByTestId('total-net')).toHaveText('€145.00');
  await expect(page.getByTestId('total-gross')).toHaveText('€174.00');
}

async function issue(page: Page, button: string, dialogTitle: string) {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('alertdialog', { name: dialogTitle });
  await expect(dialog).toContainText('Issuing assigns the number and freezes the document');
  await dialog.getByRole('button', { name: 'Issue' }).click();
  await expect(dialog).toBeHidden();
}

async function recordPayment(page: Page, amount: string | null, expectedDefault: string) {
  await page.getByRole('button', { name: 'Record payment' }).click();
  const dialog = page.getByRole('dialog', { name: /^Record a payment on F-/ });
  await expect(dialog).toContainText('a payment above the balance is refused');
  await expect(dialog.getByLabel('Amount (EUR)')).toHaveValue(expectedDefault);
  if (amount) await dialog.getByLabel('Amount (EUR)').fill(amount);
  await dialog.getByLabel('Method').selectOption({ label: 'Cash' });
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog).toBeHidden();
}

test('an owner quotes, invoices, downloads the PDF, is paid in two parts and credits part of the invoice', async ({ page }) => {
  const { studioPath } = await newStudio(page, 'money-docs');
  await moneySetUp(page, studioPath);
  await page.getByRole('navigation', { name: 'Studio navigation' }).getByRole('link', { name: 'Money' }).click();
  await expect(page.getByRole('heading', { name: 'Money', level: 1 })).toBeVisible();

  // A quote with a catalogue line and a free line, issued: it gets its number and its answer link.
  await page.getByRole('link', { name: 'New quote' }).click();
  await expect(page.getByRole('heading', { name: 'New quote', level: 1 })).toBeVisible();
  await fillDocument(page);
  await issue(page, 'Issue the quote', 'Issue this quote?');
  await expect(page.getByRole('heading', { name: `Quote D-${year}-0001`, level: 1 })).toBeVisible();
  await expect(page.getByTestId('document-status')).toHaveText('Sent');
  await page.getByRole('button', { name: 'Copy answer link' }).click();
  const linkDialog = page.getByRole('dialog', { name: 'Answer link' });
  await expect(linkDialog.getByRole('textbox', { name: 'Link for the client' })).toHaveValue(new RegExp(`${studioPath}/quote/[A-Za-z0-9_-]+$`));
  await linkDialog.getByRole('button', { name: 'Close' }).click();

  // Accepting the quote is the client's (public answer page): the invoice here is made from scratch.
  await page.goto(`${studioPath}/money/new?kind=invoice`);
  await fillDocument(page);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status').getByText('Draft saved.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Draft invoice', level: 1 })).toBeVisible();
  await issue(page, 'Issue the invoice', 'Issue this invoice?');
  await expect(page.getByRole('heading', { name: `Invoice F-${year}-0001`, level: 1 })).toBeVisible();
  await expect(page.getByTestId('document-status')).toHaveText('Issued');
  await expect(page.getByTestId('total-balance')).toHaveText('€174.00');

  // The PDF frozen at issue, served to the owner.
  const href = await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
  const pdf = await page.request.get(href!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // Paid in two parts: the amount starts at what is due.
  await recordPayment(page, '100', '174.00');
  await expect(page.getByTestId('document-status')).toHaveText('Partially paid');
  await expect(page.getByTestId('total-balance')).toHaveText('€74.00');
  await recordPayment(page, null, '74.00');
  await expect(page.getByTestId('document-status')).toHaveText('Paid');
  await expect(page.getByTestId('total-balance')).toHaveText('€0.00');
  await expect(page.getByTestId('document-payments').getByRole('listitem')).toHaveCount(2);

  // A credit note of €10 excl. VAT (€12 incl.), issued at once.
  await page.getByRole('button', { name: 'Create credit note' }).click();
  const credit = page.getByRole('dialog', { name: `Credit note for F-${year}-0001` });
  await credit.getByLabel('Reason').fill('Session cut short');
  await credit.getByLabel('An amount').check();
  await credit.getByLabel('Amount excl. VAT (EUR)').fill('10');
  await credit.getByRole('button', { name: 'Create and issue' }).click();
  await expect(page.getByRole('heading', { name: `Credit note AV-${year}-0001`, level: 1 })).toBeVisible();
  await expect(page.getByTestId('total-gross')).toHaveText('€12.00');

  // The lists: invoices (the credit note counts negative), quotes, payments; nothing is owed any more.
  await page.goto(`${studioPath}/money`);
  await expect(page.getByTestId('money-outstanding')).toContainText('€0.00');
  const documents = page.getByTestId('money-documents').getByRole('listitem');
  await expect(documents).toHaveCount(2);
  await expect(documents.filter({ hasText: `F-${year}-0001` })).toContainText('Paid');
  await expect(documents.filter({ hasText: `AV-${year}-0001` })).toContainText('-€12.00');
  await expect(page.getByTestId('money-list-totals')).toContainText('2 documents');
  await expect(page.getByTestId('money-list-totals')).toContainText('Total €162.00');
  await page.getByLabel('Search a number or a client').fill(`AV-${year}`);
  await expect(documents).toHaveCount(1);
  await expect(page.getByTestId('money-list-totals')).toContainText('1 document');

  await page.getByRole('button', { name: 'Quotes' }).click();
  await expect(documents).toHaveCount(1);
  await expect(documents.first()).toContainText('Sent');
  await expect(page.getByTestId('money-list-totals')).toContainText('Total €174.00');

  await page.getByRole('button', { name: 'Payments' }).click();
  await expect(page.getByTestId('money-payments').getByRole('listitem')).toHaveCount(2);
  await expect(page.getByTestId('money-list-totals')).toHaveText('2 payments, €174.00 received');
});

test("an owner invoices a session from the calendar and a project's sessions, sees it on the client's page, and a session is not offered twice", async ({
  page,
}) => {
  const { studioPath } = await newStudio(page, 'money-project');
  const { clientId } = await moneySetUp(page, studioPath);
  // A two-hour session of the client next Monday in the Live Room (€50 an hour), linked to an album.
  const rooms = await studioCall<{ id: string; name: string }[]>(page.request, studioPath, 'rooms.list', {}, 'query');
  const times = await page.evaluate(() => {
    const day = new Date();
    day.setDate(day.getDate() + ((8 - day.getDay()) % 7 || 7));
    day.setHours(14, 0, 0, 0);
    return { startsAt: day.toISOString(), endsAt: new Date(day.getTime() + 2 * 3600_000).toISOString() };
  });
  const session = await studioCall<{ id: string }>(page.request, studioPath, 'sessions.create', {
    roomId: rooms[0]!.id,
    engineerIds: [],
    clientId,
    ...times,
    title: 'Album tracking',
  });
  const project = await studioCall<{ id: string }>(page.request, studioPath, 'projects.create', { name: 'First album', clientId });
  await studioCall(page.request, studioPath, 'projects.linkSession', { projectId: project.id, sessionId: session.id });

  // From the calendar's session panel, "Invoice this session" opens an invoice with that session as its line.
  const day = await page.evaluate((iso) => new Date(iso).toLocaleDateString('en-CA'), times.startsAt);
  await page.goto(`${studioPath}/calendar?view=day&date=${day}`);
  await page.getByRole('button', { name: /Album tracking/ }).click();
  await page.getByTestId('session-panel').getByRole('link', { name: 'Invoice this session' }).click();
  await expect(page.getByRole('heading', { name: 'New invoice', level: 1 })).toBeVisible();
  await expect(page.getByTestId('editor-line')).toHaveCount(1);
  await expect(page.getByTestId('editor-line').first()).toContainText('Album tracking');

  await page.goto(`${studioPath}/projects/${project.id}`);
  await page.getByRole('link', { name: 'Invoice this project' }).click();
  await expect(page.getByRole('heading', { name: 'New invoice', level: 1 })).toBeVisible();
  await expect(page.getByTestId('picked-client')).toHaveText('Les Ondes');
  const lines = page.getByTestId('editor-line');
  await expect(lines).toHaveCount(1);
  await expect(lines.first()).toContainText('Album tracking');
  await expect(page.getByTestId('total-gross')).toHaveText('€120.00');
  await issue(page, 'Issue the invoice', 'Issue this invoice?');
  await expect(page.getByRole('heading', { name: `Invoice F-${year}-0001`, level: 1 })).toBeVisible();
  const invoiceUrl = page.url();

  // The client's page: what they owe and the invoice, one click away.
  await page.getByRole('link', { name: 'Les Ondes' }).click();
  const card = page.getByTestId('client-money');
  await expect(card).toContainText('Balance due: €120.00');
  await expect(card.getByRole('link', { name: `F-${year}-0001` })).toBeVisible();

  // The project's page: what is due on its invoices, and the invoice.
  await page.goto(`${studioPath}/projects/${project.id}`);
  const projectMoney = page.getByTestId('project-money');
  await expect(projectMoney).toContainText('Balance due: €120.00');
  await expect(projectMoney.getByRole('link', { name: `F-${year}-0001` })).toBeVisible();

  // Invoicing the project again leaves its session out: it is already on F-…-0001.
  await page.getByRole('link', { name: 'Invoice this project' }).click();
  await expect(page.getByRole('note')).toContainText(`1 session is already on an invoice (F-${year}-0001)`);
  await expect(page.getByTestId('editor-line')).toHaveCount(0);

  // On a phone the invoice, the editor with a line and the lists fit the screen width.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Add a free line' }).click();
  for (const url of [page.url(), invoiceUrl, `${studioPath}/money`, `${studioPath}/money?tab=payments`, `${studioPath}/clients/${clientId}`]) {
    if (url !== page.url()) await page.goto(url);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const overflow: number = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow, `${url} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});

test('an owner issues a deposit invoice, then a final invoice that deducts it, both made in the editor', async ({ page }) => {
  const { studioPath } = await newStudio(page, 'money-final');
  await moneySetUp(page, studioPath);
  await page.getByRole('navigation', { name: 'Studio navigation' }).getByRole('link', { name: 'Money' }).click();

  // A new invoice made a deposit invoice before anything is typed; the page's title follows.
  await page.getByRole('link', { name: 'New invoice' }).click();
  await page.getByLabel('Document', { exact: true }).selectOption({ label: 'Deposit invoice' });
  await expect(page.getByRole('heading', { name: 'New deposit invoice', level: 1 })).toBeVisible();
  await fillDocument(page);
  await issue(page, 'Issue the invoice', 'Issue this invoice?');
  await expect(page.getByRole('heading', { name: `Deposit invoice F-${year}-0001`, level: 1 })).toBeVisible();

  // The final invoice: the client's deposit invoice is offered; ticked, it comes off the amount due.
  await page.getByRole('navigation', { name: 'Studio navigation' }).getByRole('link', { name: 'Money' }).click();
  await page.getByRole('link', { name: 'New invoice' }).click();
  await page.getByLabel('Document', { exact: true }).selectOption({ label: 'Final invoice' });
  await expect(page.getByRole('heading', { name: 'New final invoice', level: 1 })).toBeVisible();
  await page.getByRole('combobox', { name: 'Client' }).fill('Ondes');
  await page.getByRole('option', { name: 'Les Ondes' }).click();
  const deposits = page.getByRole('group', { name: 'Deposits to deduct' });
  await deposits.getByRole('checkbox', { name: new RegExp(`F-${year}-0001`) }).check();
  await page.getByRole('button', { name: 'Add a free line' }).click();
  const only = page.getByRole('listitem', { name: 'Line 1' });
  await only.getByLabel('Description').fill('Album production');
  await only.getByLabel('Unit price excl. VAT').fill('1000');
  await expect(page.getByTestId('total-gross')).toHaveText('€1,200.00');
  await expect(page.getByTestId('total-due')).toHaveText('€1,026.00');
  await issue(page, 'Issue the invoice', 'Issue this invoice?');
  await expect(page.getByRole('heading', { name: `Final invoice F-${year}-0002`, level: 1 })).toBeVisible();
  await expect(page.getByTestId('total-balance')).toHaveText('€1,026.00');
});
