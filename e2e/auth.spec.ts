import { expect, test } from '@playwright/test';
import { logIn, logOut, newStudio } from './support/journeys.ts';

test('an owner logs out from the user menu and logs back in to the dashboard; a wrong password is refused', async ({ page }) => {
  const { account, studioPath } = await newStudio(page, 'auth');

  await logOut(page);
  // Logged out means logged out: the studio sends back to the log-in page.
  await page.goto(studioPath);
  await expect(page).toHaveURL(/\/login\?next=/);

  await logIn(page, account.email, 'not-the-right-password');
  await expect(page.getByRole('alert')).toHaveText('Wrong e-mail or password.');
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(new RegExp(`${studioPath}$`));
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByText(`Welcome to ${account.studioName}.`)).toBeVisible();

  // A fresh log-in from /login (no `next`) also opens the only studio's dashboard.
  await logOut(page);
  await logIn(page, account.email, account.password);
  await expect(page).toHaveURL(new RegExp(`${studioPath}$`));
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
});
