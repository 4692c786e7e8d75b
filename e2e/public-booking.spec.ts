import { expect, test } from '@playwright/test';
import { logIn, newStudio, uniqueEmail } from './support/journeys.ts';
import { openMail } from './support/outbox.ts';

/**
 * A visitor books on the studio's public page: the owner turns the page on in the settings, the visitor
 * picks a time and confirms by the e-mailed link, the request shows on the staff calendar as a hold, the
 * owner approves it with a message, and the confirmation mail is in the outbox.
 */
test('from the public page to an approved booking', async ({ page, browser }) => {
  // Three browsers (owner, visitor, operator) and a sign-up on a shared 2-core machine.
  test.setTimeout(120_000);
  const { account, studioPath } = await newStudio(page, 'public-booking');
  const slug = studioPath.split('/')[2]!;
  // Opening hours every day (the hours page has its own journey).
  const hours = await page.request.post(`${studioPath}/trpc/booking.setOpeningHours`, {
    data: { roomId: null, hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '19:00' })) },
  });
  expect(hours.ok()).toBe(true);

  // The owner offers the room and turns the page on.
  await page.getByRole('navigation', { name: 'Studio navigation' }).getByRole('link', { name: 'Booking page' }).click();
  await expect(page.getByRole('heading', { name: 'Booking page', level: 1 })).toBeVisible();
  await page.getByLabel('Offer Live Room on the booking page').check();
  await page.getByLabel('Description of Live Room').fill('Neve console and a big live room');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Live Room saved.')).toBeVisible();
  await page.getByLabel('Take bookings online').check();
  await page.getByRole('button', { name: 'Save the booking page' }).click();
  await expect(page.getByText('Booking page saved.')).toBeVisible();
  await expect(page.getByText('The page is on.')).toBeVisible();
  await expect(page.getByTestId('public-booking-address')).toHaveValue(new RegExp(`/s/${slug}/book$`));

  // A visitor (no account) books a time.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const email = uniqueEmail('visitor');
  await visitor.goto(`/s/${slug}/book`);
  await expect(visitor.getByText(account.studioName)).toBeVisible();
  const room = visitor.getByTestId('public-room').filter({ hasText: 'Live Room' });
  await expect(room).toContainText('Neve console and a big live room');
  await room.getByRole('button', { name: 'See available times' }).click();
  await expect(visitor.getByText(/Times are in the studio's time zone/)).toBeVisible();
  const slot = visitor.getByTestId('slot').first();
  const startsAt = (await slot.getAttribute('data-starts-at'))!;
  await slot.click();
  await expect(visitor.getByTestId('slot-quote')).toContainText('Price');
  await visitor.getByTestId('continue-to-details').click();
  await visitor.getByLabel('Name (artist or band)').fill('Nina Visitor');
  await visitor.getByLabel('E-mail').fill(email);
  await visitor.getByLabel('Message to the studio (optional)').fill('Two vocals and a guitar');
  await visitor.getByRole('button', { name: 'Send my request' }).click();
  await expect(visitor.getByText('Please accept the booking and cancellation policy.')).toBeVisible();
  await visitor.getByTestId('accept-policy').check();
  await visitor.getByRole('button', { name: 'Send my request' }).click();
  await expect(visitor.getByRole('heading', { name: 'Check your e-mail' })).toBeVisible();

  // The confirmation link, read by the operator in the outbox, opened by the visitor.
  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await logIn(operator, 'operator@e2e.test', 'operator-e2e-password');
  await expect(operator.getByRole('heading', { name: 'Your studios' })).toBeVisible();
  const verify = await openMail(operator, email, new RegExp(`Confirm your booking request at ${account.studioName}`));
  const link = await verify.getByRole('link', { name: /\/book\/confirm\?token=/ }).getAttribute('href');
  expect(link).toBeTruthy();
  await visitor.goto(link!);
  await expect(visitor.getByRole('heading', { name: 'Confirm your booking' })).toBeVisible();
  await visitor.getByTestId('confirm-booking').click();
  await expect(visitor.getByTestId('booking-done')).toHaveAttribute('data-outcome', 'pending');
  await expect(visitor.getByRole('heading', { name: 'Request sent' })).toBeVisible();
  // The link works once.
  await visitor.reload();
  await expect(visitor.getByText('This link has expired or was already used. Please choose your time again.')).toBeVisible();

  // The staff calendar shows the request as a hold, marked as a request.
  const studio = (await (await page.request.get(`${studioPath}/trpc/studio.get`)).json()) as { result: { data: { timeZone: string } } };
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: studio.result.data.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(startsAt),
  );
  await page.goto(`${studioPath}/calendar?view=day&date=${day}`);
  const block = page.locator('[data-session-id]', { hasText: 'Nina Visitor' });
  await expect(block).toHaveAttribute('data-status', 'hold');
  await expect(block).toHaveAttribute('data-request', 'true');
  await expect(block).toContainText('Request');

  // The owner approves from the requests panel, with a message.
  await page.getByTestId('booking-requests-button').click();
  const panel = page.getByTestId('booking-requests-panel');
  const item = panel.getByTestId('booking-request-item').filter({ hasText: 'Nina Visitor' });
  await expect(item).toContainText('Two vocals and a guitar');
  await item.getByRole('button', { name: 'Approve' }).click();
  const dialog = page.getByTestId('booking-decision-dialog');
  await dialog.getByLabel('Message to the client (optional)').fill('See you then, bring your pedals');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText('“Nina Visitor” approved.')).toBeVisible();
  await expect(panel.getByText('No request is waiting.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(block).toHaveAttribute('data-status', 'confirmed');
  await expect(block).not.toHaveAttribute('data-request', /.*/);

  // The client's mails: the approval with the studio's message, and the confirmation with its calendar invitation
  // (the session's title names no one: the client's name stays in the client record).
  const approved = await openMail(operator, email, new RegExp(`${account.studioName} accepted your booking request`));
  await expect(approved.getByTestId('outbox-message-body')).toContainText('See you then, bring your pedals');
  await operator.keyboard.press('Escape');
  await expect(async () => {
    await operator.goto('/admin/outbox');
    await expect(
      operator
        .getByRole('row')
        .filter({ hasText: email })
        .filter({ hasText: /Confirmed: Booking request — Live Room/ }),
    ).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });

  await visitorContext.close();
  await operatorContext.close();
});

test('the demo studio’s booking page works on a phone', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await context.newPage();
  await phone.goto('/s/demo/book');
  await expect(phone.getByText('Book Studio Lumière online')).toBeVisible();
  const noSideScroll = async () => (await phone.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')) <= 0;
  expect(await noSideScroll()).toBe(true);
  const room = phone.getByTestId('public-room').filter({ hasText: 'Mix Room B' });
  await expect(room).toContainText('Atmos-ready mix room');
  await room.getByRole('button', { name: 'See available times' }).click();
  // The week may be full or closed: move on until a time is offered.
  for (let i = 0; i < 4 && (await phone.getByTestId('slot').count()) === 0; i++) await phone.getByTestId('next-week').click();
  await phone.getByTestId('slot').first().tap();
  await phone.getByTestId('continue-to-details').tap();
  await expect(phone.getByRole('heading', { name: 'Your details' })).toBeVisible();
  await expect(phone.getByTestId('booking-policy')).toContainText('Cancelled at least 7 days before: 100 % refunded.');
  await expect(phone.getByTestId('booking-policy')).toContainText('A deposit of 30 % of the price is due within 24 hours of booking.');
  expect(await noSideScroll()).toBe(true);
  await context.close();
});
