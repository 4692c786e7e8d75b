/**
 * The operator console (issue 12 item 5) in the browser: the operator finds a new studio, suspends it with a
 * reason, its owner sees the studio suspended, the action is in the platform audit log with the reason, and
 * resuming gives the owner the studio back.
 */
import { expect, test } from '@playwright/test';
import { logIn, newStudio } from './support/journeys.ts';

test('the operator suspends a studio with a reason, sees it in the audit log, and resumes it', async ({ page, browser }) => {
  const { account, studioPath } = await newStudio(page, 'suspendme');

  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await logIn(operator, 'operator@e2e.test', 'operator-e2e-password');
  await expect(operator.getByRole('heading', { name: 'Your studios' })).toBeVisible();
  await operator.getByRole('button', { name: 'Open the user menu' }).click();
  await operator.getByRole('menuitem', { name: 'Operator console' }).click();
  await expect(operator).toHaveURL(/\/admin\/studios$/);
  await expect(operator.getByRole('heading', { name: 'Studios', level: 1 })).toBeVisible();

  await operator.getByRole('searchbox', { name: 'Search by name, address or owner e-mail' }).fill(account.email);
  const row = operator.getByRole('row').filter({ hasText: account.studioName });
  await expect(row).toHaveCount(1);
  await expect(operator.getByRole('row')).toHaveCount(2); // the header and this studio
  await expect(row.getByText('Trial')).toBeVisible();
  await row.getByRole('link', { name: account.studioName }).click();
  await expect(operator.getByRole('heading', { name: account.studioName, level: 2 })).toBeVisible();
  await expect(operator.getByText('Sessions this month')).toBeVisible();

  await operator.getByRole('button', { name: 'Suspend', exact: true }).click();
  const dialog = operator.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Suspend the studio' })).toBeDisabled();
  await dialog.getByLabel('Reason').fill('Chargeback under review');
  await dialog.getByRole('button', { name: 'Suspend the studio' }).click();
  await expect(dialog).toBeHidden();
  await expect(operator.getByText(/Suspended on .*: Chargeback under review/)).toBeVisible();

  // The owner's studio answers with the suspension, its data kept.
  await page.goto(studioPath);
  await expect(page.getByText('This studio is suspended', { exact: true })).toBeVisible();
  await expect(page.getByText('This studio is temporarily unavailable: it is suspended by the platform. Nothing has been deleted.')).toBeVisible();

  await operator.getByRole('link', { name: 'Audit log' }).first().click();
  await expect(operator.getByRole('heading', { name: 'Platform audit log', level: 1 })).toBeVisible();
  const entry = operator.getByRole('row').filter({ hasText: 'operator.studio_suspended' });
  await expect(entry).toHaveCount(1);
  await expect(entry.getByText('Reason: Chargeback under review')).toBeVisible();
  await expect(entry.getByText('operator@e2e.test')).toBeVisible();

  // Resume: back on the studio's page from the audit entry, then the owner works again.
  await operator.goBack();
  await operator.getByRole('button', { name: 'Resume', exact: true }).click();
  await operator.getByRole('dialog').getByRole('button', { name: 'Resume the studio' }).click();
  await expect(operator.getByRole('dialog')).toBeHidden();
  await page.goto(studioPath);
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();

  await operator.getByRole('link', { name: 'Metrics' }).click();
  await expect(operator.getByRole('heading', { name: 'Metrics', level: 1 })).toBeVisible();
  await expect(operator.getByRole('row')).toHaveCount(13);
  await operatorContext.close();
});
