import { expect, test } from '@playwright/test';
import { newStudio } from './support/journeys.ts';

/**
 * Settings → Payments through the real UI, with the stand-in Stripe (playwright.config.ts): an owner connects
 * the studio, goes through the (stand-in) Stripe onboarding page, and comes back to a connected account that
 * accepts charges — the status arriving both by the signed account.updated webhook and by the return page.
 */
test('an owner connects the studio to Stripe and comes back with charges enabled', async ({ page }) => {
  const { studioPath } = await newStudio(page, 'payments');
  await page.getByRole('navigation', { name: 'Studio navigation' }).getByRole('link', { name: 'Payments' }).click();
  await expect(page.getByRole('heading', { name: 'Payments' })).toBeVisible();
  await expect(page.getByTestId('payments-state')).toHaveText('Not connected');

  await page.getByRole('button', { name: 'Connect with Stripe' }).click();
  await expect(page.getByRole('heading', { name: 'Stripe onboarding' })).toBeVisible();
  expect(new URL(page.url()).pathname).toMatch(/^\/connect\/onboarding\/acct_/);

  await page.getByRole('button', { name: 'Finish onboarding' }).click();
  await expect(page).toHaveURL(new RegExp(`${studioPath}/settings/payments$`));
  await expect(page.getByTestId('payments-state')).toHaveText('Connected, charges enabled');
  await expect(page.getByTestId('payments-summary')).toContainText('accepts card payments');
  await expect(page.getByRole('button', { name: 'Connect with Stripe' })).toHaveCount(0);

  // A reload reads the stored status: it was saved, not only shown.
  await page.reload();
  await expect(page.getByTestId('payments-state')).toHaveText('Connected, charges enabled');
});
