/** The accountant's exports page: the owner picks a period and options and downloads the documents CSV. */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { logIn } from './support/journeys.ts';

test('the owner downloads the invoices CSV with semicolons and a decimal comma', async ({ page }) => {
  await logIn(page, 'owner@demo.studio', 'demo-studio-2026');
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await page.goto('/s/demo/money');
  await page.getByRole('link', { name: 'Exports for the accountant' }).click();
  await expect(page.getByRole('heading', { name: 'Exports for the accountant', level: 1 })).toBeVisible();
  await page.getByLabel('From').fill('2020-01-01');
  await page.getByLabel('To').fill('2022-12-31');
  await page.getByLabel('Semicolon (;), as French spreadsheets expect').check();
  await page.getByLabel('Decimal comma in amounts (12,50 rather than 12.50)').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-documents').click()]);
  expect(download.suggestedFilename()).toBe('demo-documents-2020-01-01-2022-12-31.csv');
  const body = readFileSync((await download.path())!, 'utf8');
  expect(body.startsWith('\uFEFFNumber;Kind;Issue date;')).toBe(true);
  // An impossible period is refused before any request.
  await page.getByLabel('To').fill('2019-01-01');
  await expect(page.getByText('Choose a start date on or before the end date.')).toBeVisible();
  await expect(page.getByTestId('export-payments')).toHaveAttribute('aria-disabled', 'true');
});
