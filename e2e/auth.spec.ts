import { expect, test } from '@playwright/test';
import { logIn, logOut, newAccount, newStudio, signUp } from './support/journeys.ts';

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

test('signing up again with an address in use offers to log in or reset the password, the address filled in', async ({ page, browser }) => {
  const account = newAccount('taken');
  await signUp(page, account);

  const visitor = await (await browser.newContext()).newPage();
  const signUpAgain = async () => {
    await visitor.goto('/signup');
    await visitor.getByLabel('Your name').fill('Someone Else');
    await visitor.getByLabel('E-mail').fill(account.email);
    await visitor.getByLabel('Password').fill('another e2e password');
    await visitor.getByLabel('Studio name').fill('Another studio');
    await visitor.getByRole('button', { name: 'Create my studio' }).click();
  };
  const notice = visitor.getByRole('status').filter({ hasText: 'If you already have an account with this address, log in or reset your password.' });

  await signUpAgain();
  await expect(notice).toBeVisible();
  await expect(visitor).toHaveURL(/\/signup$/);
  await notice.getByRole('link', { name: 'Log in' }).click();
  await expect(visitor).toHaveURL(/\/login$/);
  await expect(visitor.getByLabel('E-mail')).toHaveValue(account.email);

  await signUpAgain();
  await notice.getByRole('link', { name: 'Reset your password' }).click();
  await expect(visitor).toHaveURL(/\/forgot-password$/);
  await expect(visitor.getByLabel('E-mail')).toHaveValue(account.email);
  await visitor.getByRole('button', { name: 'Send the link' }).click();
  await expect(visitor.getByText('If an account exists for this address, we have sent it a link.')).toBeVisible();
});
