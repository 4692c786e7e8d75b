/**
 * A quote answered from its e-mail: staff create and issue a quote through the API (the staff Money screens are
 * built elsewhere) and send it (money.delivery.send); the client opens the link read from the outbox, in a browser
 * with no account, accepts it by typing their name, and the studio sees the quote accepted. A replaced link then
 * answers "not valid".
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { logIn, logOut } from './support/journeys.ts';
import { openMail } from './support/outbox.ts';
import { studioCall } from './support/studio-api.ts';

const STUDIO = '/s/demo';
const call = <T>(request: APIRequestContext, procedure: string, input: unknown) => studioCall<T>(request, STUDIO, procedure, input);
const query = <T>(request: APIRequestContext, procedure: string, input: unknown) => studioCall<T>(request, STUDIO, procedure, input, 'query');

test('a client accepts a mailed quote with their name; the studio sees it accepted', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await logIn(page, 'owner@demo.studio', 'demo-studio-2026');
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  const request = page.context().request;
  const email = `quote-${Date.now()}@example.test`;
  const client = await call<{ id: string }>(request, 'clients.create', {
    kind: 'company',
    name: 'Les Ondes Quote',
    email,
    addressLine1: '3 quai Ouest',
    postalCode: '69002',
    city: 'Lyon',
    country: 'FR',
  });
  const [item] = await query<{ id: string }[]>(request, 'money.catalogue.list', {});
  const quote = await call<{ id: string }>(request, 'money.documents.createDraft', {
    kind: 'quote',
    clientId: client.id,
    lines: [{ source: 'catalogue', catalogueItemId: item!.id, quantity: 2000 }],
  });
  const issued = await call<{ number: string }>(request, 'money.documents.issue', { id: quote.id });
  const first = await call<{ answerUrl: string }>(request, 'money.delivery.send', { id: quote.id });
  const sent = await call<{ to: string; answerUrl: string }>(request, 'money.delivery.send', { id: quote.id });
  expect(sent.to).toBe(email);
  await logOut(page);

  // The operator reads the newest quote mail: its link is the latest one.
  await logIn(page, 'operator@e2e.test', 'operator-e2e-password');
  await expect(page.getByRole('heading', { name: 'Your studios' })).toBeVisible();
  const mail = await openMail(page, email, new RegExp(`Quote ${issued.number}`));
  const href = (await mail
    .getByRole('link', { name: /\/quote\// })
    .first()
    .getAttribute('href'))!;
  expect(href).toBe(sent.answerUrl);
  await page.keyboard.press('Escape');
  await logOut(page);

  // The client: another browser, no account, on a phone-sized screen.
  const clientContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const visitor = await clientContext.newPage();
  await visitor.goto(new URL(first.answerUrl).pathname);
  await expect(visitor.getByTestId('quote-invalid')).toContainText('This link is not valid');
  await visitor.goto(new URL(href).pathname);
  await expect(visitor.getByTestId('quote-number')).toHaveText(`Quote ${issued.number}`);
  await expect(visitor.getByRole('link', { name: 'Open the PDF' })).toHaveAttribute('href', /\/api\/quote-pdf\/demo\//);
  await visitor.getByRole('button', { name: 'Accept the quote' }).click();
  await expect(visitor.getByText('Type your full name to answer.')).toBeVisible();
  await visitor.getByLabel('Full name').fill('Lou Reed');
  await visitor.getByRole('button', { name: 'Accept the quote' }).click();
  await expect(visitor.getByTestId('quote-answered')).toHaveAttribute('data-status', 'accepted');
  await expect(visitor.getByTestId('quote-answered')).toContainText('Answered by Lou Reed');
  await clientContext.close();

  // The studio sees the answer.
  await logIn(page, 'owner@demo.studio', 'demo-studio-2026');
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  const after = await query<{ status: string }>(page.context().request, 'money.documents.get', { id: quote.id });
  expect(after.status).toBe('accepted');

  // …and invoices it from the quote's page: the draft invoice carries the quote's lines and is issued.
  await page.goto(`/s/demo/money/documents/${quote.id}`);
  await page.getByRole('button', { name: 'Invoice this quote' }).click();
  await expect(page.getByRole('heading', { name: 'Draft invoice', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Issue the invoice' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Issue this invoice?' });
  await dialog.getByRole('button', { name: 'Issue' }).click();
  await expect(page.getByRole('heading', { name: /^Invoice F-\d{4}-\d{4}/, level: 1 })).toBeVisible();
  await expect(page.getByTestId('document-status')).toHaveText('Issued');
  await expect(page.getByTestId('total-balance')).toHaveText(await page.getByTestId('total-gross').innerText());
});
