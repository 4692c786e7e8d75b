import { expect, test } from '@playwright/test';
import { chooseOption, newAccount, signUp } from './support/journeys.ts';

test('a new owner signs up, sets up the studio and its first room, and lands on the dashboard', async ({ page }) => {
  const account = newAccount('onboarding');
  await signUp(page, account);

  // Step 2: the studio, pre-filled from step 1, every field changed.
  const steps = page.getByRole('navigation', { name: 'Setup progress' });
  await expect(steps.getByRole('listitem').filter({ hasText: 'Studio' })).toHaveAttribute('aria-current', 'step');
  await expect(page.getByLabel('Studio name')).toHaveValue(account.studioName);
  const slug = `e2e-${Date.now()}`;
  const studioName = `Studio Onboarding ${Date.now()}`;
  await page.getByLabel('Studio name').fill(studioName);
  await page.getByLabel('Studio address').fill(slug);
  await expect(page.getByTestId('slug-preview')).toHaveText(new RegExp(`localhost:\\d+/s/${slug}$`));
  await chooseOption(page, 'Time zone', 'America/New York');
  await chooseOption(page, 'Currency', /^GBP/);
  await chooseOption(page, 'Studio language', 'Français');
  await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveText('America/New York');
  await page.getByRole('button', { name: 'Continue' }).click();

  // Step 3: the first room, at the new address, rate typed with a decimal comma.
  await expect(page).toHaveURL(new RegExp(`/s/${slug}/onboarding\\?step=room$`));
  await expect(page.getByRole('heading', { name: 'Add your first room' })).toBeVisible();
  await expect(steps.getByRole('listitem').filter({ hasText: 'First room' })).toHaveAttribute('aria-current', 'step');
  await page.getByLabel('Name', { exact: true }).fill('Live Room A');
  await page.getByLabel('Hourly rate (GBP)').fill('45,50');
  await page.getByLabel('Capacity (people)').fill('6');
  await page.getByRole('button', { name: 'Finish and open my studio' }).click();

  // The dashboard of the renamed studio shows the room, its rate formatted in the studio currency.
  await expect(page).toHaveURL(new RegExp(`/s/${slug}$`));
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByText(`Welcome to ${studioName}.`)).toBeVisible();
  const room = page.getByTestId('dashboard-rooms').getByRole('listitem').filter({ hasText: 'Live Room A' });
  await expect(room).toContainText('£45.50 / h');
  await expect(room).toContainText('6 people');
  await expect(page.getByTestId('dashboard-summary')).toContainText(/Active rooms\s*1/);

  // The settings kept what step 2 chose.
  await page.getByRole('navigation', { name: 'Studio navigation' }).getByRole('link', { name: 'Studio', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Studio', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Studio name')).toHaveValue(studioName);
  await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveText('America/New York');
  await expect(page.getByRole('combobox', { name: 'Currency' })).toHaveText(/^GBP/);
  await expect(page.getByRole('combobox', { name: 'Studio language' })).toHaveText('Français');
});
