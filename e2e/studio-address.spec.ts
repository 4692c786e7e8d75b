import { expect, test } from '@playwright/test';
import { newStudio } from './support/journeys.ts';

/**
 * Old studio addresses (#9.11, ADR 0014): after the owner changes the studio's address, a booking link
 * sent before the change still opens this studio's booking page, at the new address.
 */
test('an old booking link opens the renamed studio’s page at its new address', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { account, studioPath } = await newStudio(page, 'address');
  const oldSlug = studioPath.split('/')[2]!;
  const newSlug = `${oldSlug.slice(0, 30)}-moved`;

  // The page is on, and its link goes out under the first address.
  await page.goto(`${studioPath}/settings/booking-page`);
  await expect(page.getByRole('heading', { name: 'Booking page', level: 1 })).toBeVisible();
  await page.getByLabel('Take bookings online').check();
  await page.getByRole('button', { name: 'Save the booking page' }).click();
  await expect(page.getByText('Booking page saved.')).toBeVisible();
  const oldLink = `/s/${oldSlug}/book`;

  // The owner changes the address.
  await page.goto(`/s/${oldSlug}/settings/studio`);
  await expect(page.getByRole('heading', { name: 'Studio', level: 1 })).toBeVisible();
  await page.getByLabel('Studio address').fill(newSlug);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/s/${newSlug}/settings/studio$`));

  // A visitor with the old link lands on this studio's page, under the new address.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(oldLink);
  await expect(visitor).toHaveURL(new RegExp(`/s/${newSlug}/book$`));
  await expect(visitor.getByText(account.studioName)).toBeVisible();
});
