import { expect, test } from '@playwright/test';
import { newStudio } from './support/journeys.ts';

/**
 * Issue 12 (items 2 and 3) through the real UI, with the stand-in Stripe: a new studio is in its Pro trial, the
 * banner says how many days are left; "Choose a plan" leads to Settings → Plan, Subscribe goes through the stand-in's
 * hosted Checkout (which delivers the signed Billing webhooks), and the studio comes back on its paid plan with the
 * banner gone.
 */
test('a studio in trial chooses a plan through Checkout and comes back subscribed, the trial banner gone', async ({ page }) => {
  const { studioPath } = await newStudio(page, 'billing');
  const banner = page.getByTestId('standing-banner');
  await expect(banner).toHaveAttribute('data-standing', 'trial');
  await expect(banner).toContainText('14 days left in your Pro trial.');

  await banner.getByRole('link', { name: 'Choose a plan' }).click();
  await expect(page).toHaveURL(new RegExp(`${studioPath}/settings/plan$`));
  await expect(page.getByTestId('billing-status')).toHaveAttribute('data-status', 'trial');
  await page.getByRole('button', { name: 'Yearly (two months free)' }).click();
  await expect(page.getByTestId('plan-card-pro')).toContainText('€990.00 a year');
  await page.getByRole('button', { name: 'Monthly' }).click();
  await page.getByTestId('plan-card-pro').getByRole('button', { name: 'Subscribe to Pro' }).click();

  // The stand-in's hosted Checkout page.
  await expect(page.getByRole('heading', { name: 'Pay EUR 99.00' })).toBeVisible();
  await page.getByRole('button', { name: 'Pay' }).click();

  await expect(page).toHaveURL(new RegExp(`${studioPath}/settings/plan$`));
  await expect(page.getByTestId('billing-status')).toHaveText('Pro, billed monthly');
  await expect(page.getByTestId('plan-card-pro')).toContainText('Current plan');
  await expect(page.getByTestId('next-invoice')).toContainText('€99.00');
  await expect(page.getByTestId('standing-banner')).toHaveCount(0);
  // A reload reads the stored subscription: it was saved, not only shown.
  await page.reload();
  await expect(page.getByTestId('billing-status')).toHaveText('Pro, billed monthly');
  await expect(page.getByTestId('standing-banner')).toHaveCount(0);
});
