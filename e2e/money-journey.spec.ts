/**
 * The whole money journey of issue #11 (item 11), one studio, one client, two browsers side by side:
 * staff quote with a deposit asked and send it → the client accepts it in the portal (typed name) and pays the
 * deposit through the stand-in Stripe's checkout → staff see the deposit invoice, paid → "Invoice this quote" makes
 * the final invoice that deducts the deposit → the client pays it online → a version released when paid, linked to
 * that invoice, becomes downloadable in the portal → staff credit the whole invoice → the download is locked again.
 * Set up through the API (not what this journey is about, each has its own journey): billing details, the client,
 * the project's audio and the share made for the client.
 */
import { expect, test, type Page } from '@playwright/test';
import { newStudio, uniqueEmail } from './support/journeys.ts';
import { completeBillingDetails, connectStripe, issueYear, payOnStandInCheckout, portalLogIn } from './support/money.ts';
import { sineWav, studioCall, uploadVersion } from './support/studio-api.ts';

const documentId = (page: Page) => new URL(page.url()).pathname.split('/').pop()!;

async function issueFromEditor(page: Page, button: string, dialogTitle: string) {
  await page.getByRole('button', { name: button }).click();
  await page.getByRole('alertdialog', { name: dialogTitle }).getByRole('button', { name: 'Issue' }).click();
}

test('quote with a deposit → accepted and deposit paid in the portal → final invoice paid online → master released, then locked by a credit note', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const year = issueYear();
  const { studioPath } = await newStudio(page, 'money-journey');
  await connectStripe(page);
  await completeBillingDetails(page, studioPath, 'Studio Parcours SARL');
  const clientEmail = uniqueEmail('journey-client');
  const client = await studioCall<{ id: string }>(page.request, studioPath, 'clients.create', {
    name: 'Nora Journey',
    kind: 'person',
    email: clientEmail,
    addressLine1: '3 quai Ouest',
    postalCode: '69002',
    city: 'Lyon',
    country: 'FR',
  });

  // Staff: a quote of €1,000 + 20 % VAT asking a 30 % deposit at acceptance, issued and sent by e-mail.
  await page.goto(`${studioPath}/money`);
  await page.getByRole('link', { name: 'New quote' }).click();
  await expect(page.getByRole('heading', { name: 'New quote', level: 1 })).toBeVisible();
  await page.getByRole('combobox', { name: 'Client' }).fill('Nora');
  await page.getByRole('option', { name: 'Nora Journey' }).click();
  await page.getByRole('button', { name: 'Add a free line' }).click();
  const line = page.getByRole('listitem', { name: 'Line 1' });
  await line.getByLabel('Description').fill('Album mixing, 10 tracks');
  await line.getByLabel('Unit price excl. VAT').fill('1000');
  await expect(page.getByTestId('total-gross')).toHaveText('€1,200.00');
  await page.getByLabel('Deposit asked at acceptance').selectOption({ label: 'Percentage' });
  await page.getByLabel('Deposit', { exact: true }).fill('30');
  await issueFromEditor(page, 'Issue the quote', 'Issue this quote?');
  const quoteNumber = `D-${year}-0001`;
  await expect(page.getByRole('heading', { name: `Quote ${quoteNumber}`, level: 1 })).toBeVisible();
  await expect(page.getByTestId('document-status')).toHaveText('Sent');
  await expect(page.getByTestId('deposit-asked')).toHaveText('30 %');
  const quoteId = documentId(page);
  await page.getByRole('button', { name: 'Send to the client' }).click();
  await expect(page.getByRole('status').getByText(`Sent to ${clientEmail}.`)).toBeVisible();

  // The client, in a browser of their own: accepts the quote in the portal by typing their name, pays the deposit.
  const clientContext = await browser.newContext();
  const portal = await clientContext.newPage();
  await portalLogIn(portal, studioPath, clientEmail);
  await portal.getByRole('link', { name: 'Quotes & invoices' }).click();
  const quoteRow = portal.getByTestId('portal-money-row').filter({ hasText: quoteNumber });
  await expect(quoteRow.getByTestId('portal-money-status')).toHaveText('Awaiting your answer');
  await quoteRow.getByRole('button', { name: 'Accept', exact: true }).click();
  await quoteRow.getByLabel('Your full name (your signature)').fill('Nora Journey');
  await quoteRow.getByRole('button', { name: 'Accept the quote' }).click();
  await expect(quoteRow.getByTestId('portal-money-status')).toHaveText('Accepted');
  await expect(quoteRow).toContainText('Deposit to pay: €360.00');
  await quoteRow.getByRole('button', { name: `Pay ${quoteNumber} online` }).click();
  await payOnStandInCheckout(portal, studioPath, 'EUR 360.00');
  const depositNumber = `F-${year}-0001`;
  const depositRow = portal.getByTestId('portal-money-row').filter({ hasText: depositNumber });
  await expect(depositRow).toContainText('Deposit invoice');
  await expect(depositRow.getByTestId('portal-money-status')).toHaveText('Paid');
  await expect(quoteRow).not.toContainText('Deposit to pay');

  // Staff see the deposit invoice, paid, and invoice the quote: the final invoice deducts the deposit.
  await page.goto(`${studioPath}/money`);
  await page
    .getByTestId('money-documents')
    .getByRole('link', { name: new RegExp(depositNumber) })
    .click();
  await expect(page.getByRole('heading', { name: `Deposit invoice ${depositNumber}`, level: 1 })).toBeVisible();
  await expect(page.getByTestId('document-status')).toHaveText('Paid');
  await expect(page.getByTestId('total-gross')).toHaveText('€360.00');
  await page.goto(`${studioPath}/money/documents/${quoteId}`);
  await page.getByRole('button', { name: 'Invoice this quote' }).click();
  await expect(page.getByRole('heading', { name: 'Draft final invoice', level: 1 })).toBeVisible();
  await issueFromEditor(page, 'Issue the invoice', 'Issue this invoice?');
  const finalNumber = `F-${year}-0002`;
  await expect(page.getByRole('heading', { name: `Final invoice ${finalNumber}`, level: 1 })).toBeVisible();
  await expect(page.getByTestId('total-gross')).toHaveText('€1,200.00');
  await expect(page.getByTestId('total-balance')).toHaveText('€840.00');
  const finalId = documentId(page);

  // The master (its project, track, upload and the share made for the client set up through the API): staff mark
  // it released when paid, and link it to the final invoice, on the track's page.
  const project = await studioCall<{ id: string }>(page.request, studioPath, 'projects.create', { name: 'Journey EP' });
  const track = await studioCall<{ id: string }>(page.request, studioPath, 'tracks.create', { projectId: project.id, title: 'Opening' });
  await uploadVersion(page.request, studioPath, track.id, sineWav(2), { label: 'master', filename: 'opening-master.wav' });
  await studioCall(page.request, studioPath, 'sharing.create', { target: { kind: 'track', id: track.id }, clientId: client.id, allowDownload: true });
  await page.goto(`${studioPath}/projects/${project.id}/tracks/${track.id}`);
  const deliverable = page.getByTestId('deliverable-toggle');
  // The box follows the saved state (it ticks once the server answered).
  const releaseWhenPaid = deliverable.getByRole('checkbox', { name: 'Deliverable, released when paid' });
  await releaseWhenPaid.click();
  await expect(releaseWhenPaid).toBeChecked();
  await expect(deliverable).toContainText('No invoice linked yet');
  await deliverable.getByLabel('Invoice that releases it').selectOption({ label: `${finalNumber} · Nora Journey · €1,200.00` });
  await expect(deliverable).not.toContainText('No invoice linked yet');
  await expect(deliverable).toContainText('Locked until invoice paid');

  const openShared = async () => {
    await portal.goto(`${studioPath}/portal`);
    await portal.getByRole('link', { name: 'Shared with you' }).click();
    await portal.getByTestId('portal-shares').getByRole('link').filter({ hasText: 'Opening' }).click();
    await expect(portal.getByTestId('shared-project-name')).toHaveText('Journey EP');
  };
  await openShared();
  await expect(portal.getByTestId('shared-locked')).toBeVisible();
  await expect(portal.getByTestId('shared-download')).toHaveCount(0);

  // The client pays the final invoice online: the master is released.
  await portal.goto(`${studioPath}/portal`);
  await portal.getByRole('link', { name: 'Quotes & invoices' }).click();
  const finalRow = portal.getByTestId('portal-money-row').filter({ hasText: finalNumber });
  await expect(finalRow).toContainText('Left to pay: €840.00');
  await finalRow.getByRole('button', { name: `Pay ${finalNumber} online` }).click();
  await payOnStandInCheckout(portal, studioPath, 'EUR 840.00');
  await expect(finalRow.getByTestId('portal-money-status')).toHaveText('Paid');
  await openShared();
  await expect(portal.getByTestId('shared-download')).toBeVisible();
  await expect(portal.getByTestId('shared-locked')).toHaveCount(0);

  // Staff see it paid, then credit the whole invoice: it is cancelled, no longer paid, and the master locks again.
  await page.goto(`${studioPath}/money/documents/${finalId}`);
  await expect(page.getByTestId('document-status')).toHaveText('Paid');
  await expect(page.getByTestId('total-balance')).toHaveText('€0.00');
  await page.getByRole('button', { name: 'Create credit note' }).click();
  const credit = page.getByRole('dialog', { name: `Credit note for ${finalNumber}` });
  await credit.getByLabel('Reason').fill('Mixes cancelled: the album is re-invoiced');
  await credit.getByRole('button', { name: 'Create and issue' }).click();
  await expect(page.getByRole('heading', { name: `Credit note AV-${year}-0001`, level: 1 })).toBeVisible();
  await expect(page.getByTestId('total-gross')).toHaveText('€840.00');
  await page.goto(`${studioPath}/money/documents/${finalId}`);
  await expect(page.getByTestId('document-status')).toHaveText('Cancelled');
  await page.goto(`${studioPath}/projects/${project.id}/tracks/${track.id}`);
  await expect(page.getByTestId('deliverable-toggle')).toContainText('Locked until invoice paid');
  await openShared();
  await expect(portal.getByTestId('shared-locked')).toBeVisible();
  await expect(portal.getByTestId('shared-download')).toHaveCount(0);
  await clientContext.close();
});
