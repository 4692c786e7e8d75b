import { expect, test } from '@playwright/test';
import { PASSWORD, chooseOption, logIn, logOut, newStudio, uniqueEmail } from './support/journeys.ts';

test('an owner invites an engineer, who follows the e-mailed link from the outbox, creates an account and joins as engineer', async ({ page }) => {
  const { account: owner, studioPath } = await newStudio(page, 'inviter');
  const engineerEmail = uniqueEmail('engineer');

  // The owner invites by e-mail from Settings → Members.
  const nav = page.getByRole('navigation', { name: 'Studio navigation' });
  await nav.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Invite someone' }).click();
  const dialog = page.getByRole('dialog', { name: `Invite someone to ${owner.studioName}` });
  await dialog.getByLabel('E-mail').fill(engineerEmail);
  await chooseOption(page, 'Role', 'Engineer');
  await dialog.getByRole('button', { name: 'Send the invitation' }).click();
  await expect(dialog.getByText(`We sent the invitation to ${engineerEmail}.`)).toBeVisible();
  await expect(dialog.getByLabel('Invitation link')).toHaveValue(/\/invite\?token=/);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  const pending = page.getByTestId('invitations-list').getByRole('listitem').filter({ hasText: engineerEmail });
  await expect(pending).toContainText('Engineer');

  // No mail server here: the operator reads the mail in the outbox.
  await logOut(page);
  await logIn(page, 'operator@e2e.test', 'operator-e2e-password');
  await expect(page.getByRole('heading', { name: 'Your studios' })).toBeVisible();
  await page.getByRole('button', { name: 'Open the user menu' }).click();
  await page.getByRole('menuitem', { name: 'Outbox (operator)' }).click();
  await expect(page).toHaveURL(/\/admin\/outbox$/);
  await expect(page.getByRole('heading', { name: 'Outbox', level: 1 })).toBeVisible();
  const mailRow = page.getByRole('row').filter({ hasText: engineerEmail });
  await mailRow.getByRole('button', { name: `E2E inviter invited you to ${owner.studioName}` }).click();
  const mail = page.getByRole('dialog', { name: `E2E inviter invited you to ${owner.studioName}` });
  await expect(mail.getByTestId('outbox-message-body')).toContainText('as engineer');
  await mail.getByRole('link', { name: /\/invite\?token=/ }).click();

  // The invitee creates an account from the link and lands in the studio.
  await expect(page.getByRole('heading', { name: `Join ${owner.studioName}` })).toBeVisible();
  await expect(page.getByText(`You are invited as Engineer with the address ${engineerEmail}.`)).toBeVisible();
  await expect(page.getByLabel('E-mail')).toHaveValue(engineerEmail);
  await page.getByLabel('Your name').fill('Eva Engineer');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create my account and join' }).click();
  await expect(page).toHaveURL(new RegExp(`${studioPath}$`));
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Switch studio' })).toContainText(owner.studioName);
  await expect(page.getByRole('button', { name: 'Switch studio' })).toContainText('Engineer');
  await expect(page.getByRole('button', { name: 'Open the user menu' })).toContainText(engineerEmail);

  // An engineer sees the rooms but cannot change them, nor invite anyone.
  await expect(page.getByRole('link', { name: 'Manage rooms' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Rooms' }).click();
  await expect(page.getByRole('heading', { name: 'Rooms', level: 1 })).toBeVisible();
  await expect(page.getByTestId('rooms-list')).toContainText('Live Room');
  await expect(page.getByRole('button', { name: 'Add a room' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Archive', exact: true })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Eva Engineer' })).toContainText('Engineer');
  await expect(page.getByRole('button', { name: 'Invite someone' })).toHaveCount(0);
  await expect(page.getByText('No pending invitations.')).toBeVisible();

  // The new account works on its own.
  await logOut(page);
  await logIn(page, engineerEmail, PASSWORD);
  await expect(page).toHaveURL(new RegExp(`${studioPath}$`));
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Switch studio' })).toContainText('Engineer');
});
