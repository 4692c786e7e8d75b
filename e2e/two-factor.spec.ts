import { expect, test } from '@playwright/test';
import { base32Decode, totp } from '../apps/server/src/platform/security/totp.ts';
import { logIn, logOut, newStudio } from './support/journeys.ts';

test('an owner turns on two-step verification with the key shown on the page, then logs in with a code', async ({ page }) => {
  const { account, studioPath } = await newStudio(page, 'two-factor');

  await page.getByRole('button', { name: 'Open the user menu' }).click();
  await page.getByRole('menuitem', { name: 'Security' }).click();
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByTestId('two-factor-status')).toContainText('Off.');
  // This browser's session is listed as the current one.
  await expect(page.getByTestId('sessions').getByText('This device')).toBeVisible();

  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByRole('img', { name: 'QR code to scan with your authenticator app' })).toBeVisible();
  const secret = base32Decode(await page.getByTestId('totp-secret').inputValue());
  // A wrong code is refused, the right one turns it on and shows the backup codes once.
  await page.getByLabel('Code').fill(totp(secret, Date.now() + 5 * 60_000));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByRole('alert')).toHaveText('This code is wrong, expired or already used.');
  await page.getByLabel('Code').fill(totp(secret, Date.now()));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByTestId('backup-codes').getByRole('listitem')).toHaveCount(10);
  await page.getByRole('button', { name: 'I have saved my codes' }).click();
  await expect(page.getByTestId('two-factor-status')).toContainText('10 backup codes left');

  await logOut(page);
  await logIn(page, account.email, account.password);
  await expect(page.getByRole('heading', { name: 'Two-step verification' })).toBeVisible();
  // The next step's code: the enrolment's own step is spent (a code works once), drift of one step is accepted.
  await page.getByLabel('Code').fill(totp(secret, Date.now() + 30_000));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(new RegExp(`${studioPath}$`));
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
});
