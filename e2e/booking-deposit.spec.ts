import { expect, test, type Page } from '@playwright/test';
import { logIn, newStudio, uniqueEmail } from './support/journeys.ts';
import { openMail } from './support/outbox.ts';
import { studioCall } from './support/studio-api.ts';

/**
 * A booking's deposit paid online (issue #11, item 5): the studio takes card payments (the stand-in Stripe) and asks
 * a 30 % deposit; a visitor books on the public page, confirms by the mailed link, follows "Pay the deposit online",
 * gives a billing address, pays on the stand-in's checkout page and comes back to "Deposit paid". The signed
 * webhook issued the deposit invoice and confirmed the hold: staff see "deposit paid" in the calendar panel, open
 * the deposit invoice from there, and find it paid in Money.
 */
const api = <T>(page: Page, studioPath: string, procedure: string, input: unknown, kind: 'query' | 'mutation' = 'mutation') =>
  studioCall<T>(page.request, studioPath, procedure, input, kind);

test('a visitor pays their booking’s deposit online; staff see it paid with its deposit invoice', async ({ page, browser }) => {
  // Three browsers (owner, visitor, operator) and a sign-up on a shared 2-core machine.
  test.setTimeout(150_000);
  const { account, studioPath } = await newStudio(page, 'booking-deposit');
  const slug = studioPath.split('/')[2]!;

  // The studio: connected to Stripe (the stand-in's onboarding page), billing details to issue invoices, opening
  // hours, its room offered, and a booking page that holds requests until a 30 % deposit is paid.
  const { url } = await api<{ url: string }>(page, studioPath, 'payments.connect', {});
  await page.goto(url);
  await page.getByRole('button', { name: 'Finish onboarding' }).click();
  await expect(page.getByTestId('payments-state')).toHaveText('Connected, charges enabled');
  await api(page, studioPath, 'money.billingDetails.update', {
    legalName: 'Studio Acompte SARL',
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
  await api(page, studioPath, 'booking.setOpeningHours', {
    roomId: null,
    hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '19:00' })),
  });
  const rooms = await api<{ id: string; name: string }[]>(page, studioPath, 'rooms.list', {}, 'query');
  await api(page, studioPath, 'bookingPage.updateRoom', { id: rooms[0]!.id, publicBooking: true, description: 'Neve console' });
  await api(page, studioPath, 'bookingPage.updateSettings', {
    publicBookingEnabled: true,
    instantBooking: false,
    requireApproval: false,
    holdHours: 48,
    depositPercent: 30,
    depositDueHours: 24,
    transferDetails: '',
    cancellationTiers: [{ daysBefore: 7, refundPercent: 100 }],
    policyText: '',
    portalChangeCutoffHours: 24,
    minNoticeHours: 24,
    bookingWindowDays: 120,
    brandColor: '#0055aa',
    welcomeText: 'Welcome',
  });

  // A visitor (no account) books a time on the public page.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const email = uniqueEmail('deposit-visitor');
  await visitor.goto(`/s/${slug}/book`);
  await visitor.getByTestId('public-room').first().getByRole('button', { name: 'See available times' }).click();
  const slot = visitor.getByTestId('slot').first();
  const startsAt = (await slot.getAttribute('data-starts-at'))!;
  await slot.click();
  await visitor.getByTestId('continue-to-details').click();
  await visitor.getByLabel('Name (artist or band)').fill('Dora Deposit');
  await visitor.getByLabel('E-mail').fill(email);
  await visitor.getByTestId('accept-policy').check();
  await visitor.getByRole('button', { name: 'Send my request' }).click();
  await expect(visitor.getByRole('heading', { name: 'Check your e-mail' })).toBeVisible();

  // The confirmation link from the outbox (read by the operator); the visitor confirms: a hold with a deposit due.
  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await logIn(operator, 'operator@e2e.test', 'operator-e2e-password');
  await expect(operator.getByRole('heading', { name: 'Your studios' })).toBeVisible();
  const verify = await openMail(operator, email, new RegExp(`Confirm your booking request at ${account.studioName}`));
  const link = (await verify.getByRole('link', { name: /\/book\/confirm\?token=/ }).getAttribute('href'))!;
  await operator.keyboard.press('Escape');
  await visitor.goto(link);
  await visitor.getByTestId('confirm-booking').click();
  await expect(visitor.getByTestId('booking-done')).toHaveAttribute('data-outcome', 'hold');
  const instructions = visitor.getByTestId('deposit-instructions');
  await expect(instructions).toContainText('Deposit');

  // The hold mail carries the same pay link.
  const held = await openMail(operator, email, new RegExp(`Your time at ${account.studioName} is held`));
  await expect(held.getByRole('link', { name: /\/book\/deposit\?token=/ })).toBeVisible();
  await operator.keyboard.press('Escape');

  // Pay the deposit online: the billing address first (the visitor has none on file), then the stand-in's checkout.
  await instructions.getByRole('link', { name: 'Pay the deposit online' }).click();
  const depositPage = visitor.getByTestId('deposit-page');
  await expect(depositPage).toHaveAttribute('data-paid', 'false');
  await visitor.getByRole('button', { name: 'Pay the deposit online' }).click();
  await expect(visitor.getByText('Enter the city of your billing address.')).toBeVisible();
  await visitor.getByLabel('Address').fill('8 rue du Son');
  await visitor.getByLabel('Postal code').fill('69001');
  await visitor.getByLabel('City').fill('Lyon');
  await visitor.getByLabel('Country (2-letter code, e.g. FR)').fill('FR');
  await visitor.getByRole('button', { name: 'Pay the deposit online' }).click();
  await expect(visitor.getByRole('heading', { name: /^Pay EUR \d+\.\d{2}$/ })).toBeVisible();
  await visitor.getByRole('button', { name: 'Pay' }).click();
  await expect(visitor).toHaveURL(/\/book\/deposit\?token=.*payment=paid/);
  await expect(visitor.getByTestId('deposit-paid')).toContainText('Deposit paid — thank you. Your booking is confirmed.');
  await expect(visitor.getByTestId('deposit-paid')).toContainText(/Deposit invoice F-\d{4}-\d{4}/);
  const invoiceNumber = /F-\d{4}-\d{4}/.exec(await visitor.getByTestId('deposit-paid').innerText())![0];

  // The receipt is mailed like any online payment's.
  await openMail(operator, email, new RegExp(`Payment received: .* for ${invoiceNumber}`));
  await visitorContext.close();
  await operatorContext.close();

  // Staff: the booking is confirmed, its panel says the deposit is paid and links to the deposit invoice.
  const studio = ((await (await page.request.get(`${studioPath}/trpc/studio.get`)).json()) as { result: { data: { timeZone: string } } }).result.data;
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: studio.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(startsAt));
  await page.goto(`${studioPath}/calendar?view=day&date=${day}`);
  const block = page.locator('[data-session-id]', { hasText: 'Dora Deposit' });
  await expect(block).toHaveAttribute('data-status', 'confirmed');
  await block.click();
  const panel = page.getByTestId('session-panel');
  await expect(panel.getByTestId('session-deposit')).toContainText('deposit paid');
  await panel.getByRole('link', { name: 'Deposit invoice' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`Deposit invoice ${invoiceNumber}`), level: 1 })).toBeVisible();
  await expect(page.getByTestId('document-status')).toHaveText('Paid');

  // …and in Money, among the documents.
  await page.goto(`${studioPath}/money`);
  const listed = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: invoiceNumber }) });
  await expect(listed).toContainText('Deposit invoice');
  await expect(listed).toContainText('Paid');
  await expect(listed).toContainText('Dora Deposit');

  // Invoicing the session makes the final invoice that deducts the deposit already invoiced and paid.
  await page.goto(`${studioPath}/calendar?view=day&date=${day}`);
  await page.locator('[data-session-id]', { hasText: 'Dora Deposit' }).click();
  await page.getByTestId('session-panel').getByRole('link', { name: 'Invoice this session' }).click();
  await expect(page.getByRole('heading', { name: 'New final invoice', level: 1 })).toBeVisible();
  const deposit = page.getByRole('group', { name: 'Deposits to deduct' }).getByRole('checkbox', { name: new RegExp(invoiceNumber) });
  await expect(deposit).toBeChecked();
  const gross = await page.getByTestId('total-gross').innerText();
  const due = await page.getByTestId('total-due').innerText();
  const cents = (text: string) => Math.round(Number(text.replace(/[^\d.]/g, '')) * 100);
  expect(cents(due)).toBeLessThan(cents(gross));
  expect(cents(due)).toBeGreaterThan(0);

  // Cancelled with the policy waived (all of it refundable): the deposit paid online goes back by card from the
  // session's panel, and the offer disappears once it is refunded.
  await page.goto(`${studioPath}/calendar?view=day&date=${day}`);
  await page.locator('[data-session-id]', { hasText: 'Dora Deposit' }).click();
  const sessionPanel = page.getByTestId('session-panel');
  await sessionPanel.getByRole('button', { name: 'Cancel the session' }).click();
  const confirm = page.getByRole('alertdialog', { name: /^Cancel “/ });
  await confirm.getByLabel('Waive the policy (full refund)').check();
  await confirm.getByLabel('Why the policy is waived (required)').fill('The studio is flooded');
  await confirm.getByRole('button', { name: 'Cancel the session' }).click();
  await expect(confirm).toBeHidden();
  await page.getByRole('button', { name: 'Show cancelled' }).click();
  await page.locator('[data-session-id]', { hasText: 'Dora Deposit' }).click();
  const refundButton = sessionPanel.getByRole('button', { name: /^Refund .+ by card$/ });
  await expect(refundButton).toBeVisible();
  await refundButton.click();
  const refund = page.getByRole('dialog', { name: /^Refund the card payment of/ });
  await refund.getByRole('button', { name: 'Refund', exact: true }).click();
  await expect(refund).toBeHidden();
  await expect(refundButton).toHaveCount(0);
});
