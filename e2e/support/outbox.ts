/**
 * Reading the mail the server sent, as the operator does without SMTP: /admin/outbox. Mails leave after the
 * answer or through the job queue, in any order: rows are picked by recipient and subject, and the page is
 * reloaded until the mail is there.
 */
import { expect, type Page } from '@playwright/test';
import { logIn, logOut } from './journeys.ts';

/** Opens the newest mail to `to` whose subject matches (the operator must be logged in); returns its dialog. */
export async function openMail(operator: Page, to: string, subject: RegExp) {
  const row = operator
    .getByRole('row')
    .filter({ hasText: to })
    .filter({ has: operator.getByRole('button', { name: subject }) })
    .first();
  await expect(async () => {
    await operator.goto('/admin/outbox');
    await expect(operator.getByRole('heading', { name: 'Outbox', level: 1 })).toBeVisible();
    await expect(row).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await row.getByRole('button', { name: subject }).click();
  return operator.getByRole('dialog', { name: subject });
}

/** Logs in as the operator, reads the portal log-in link mailed to `to`, logs out; returns the link. */
export async function portalLoginLink(page: Page, to: string): Promise<string> {
  await logIn(page, 'operator@e2e.test', 'operator-e2e-password');
  await expect(page.getByRole('heading', { name: 'Your studios' })).toBeVisible();
  const mail = await openMail(page, to, /Your log-in link for/);
  const href = (await mail.getByRole('link', { name: /\/portal\/login\?token=/ }).getAttribute('href'))!;
  await page.keyboard.press('Escape');
  await logOut(page);
  return href;
}
