/** Backups in the browser: the owner's "Export my studio" download, and the operator's list of studio backups. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { logIn } from './support/journeys.ts';

test('the owner downloads the studio archive from Settings, told it is not encrypted', async ({ page }) => {
  await logIn(page, 'owner@demo.studio', 'demo-studio-2026');
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await page.goto('/s/demo/settings/studio');
  await expect(page.getByText('Export my studio')).toBeVisible();
  await expect(page.getByTestId('studio-export-encryption')).toContainText('The archive is not encrypted');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the archive' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^demo-\d{4}-\d{2}-\d{2}\.rsmbk$/);
  const lines = gunzipSync(readFileSync((await download.path())!))
    .toString('utf8')
    .trimEnd()
    .split('\n');
  expect(JSON.parse(lines[0]!.slice(1)).header.studio.slug).toBe('demo');
  expect(lines.at(-1)!.startsWith('#{"manifest"')).toBe(true);
});

test('a manager sees no export card', async ({ page }) => {
  await logIn(page, 'manager@demo.studio', 'demo-studio-2026');
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await page.goto('/s/demo/settings/studio');
  await expect(page.getByRole('heading', { name: 'Studio', level: 1 })).toBeVisible();
  await expect(page.getByText('General').first()).toBeVisible();
  await expect(page.getByText('Export my studio')).toHaveCount(0);
});

test("the operator lists the studios' backups", async ({ page }) => {
  await logIn(page, 'operator@e2e.test', 'operator-e2e-password');
  await expect(page.getByRole('heading', { name: 'Your studios' })).toBeVisible();
  await page.getByRole('button', { name: 'Open the user menu' }).click();
  await page.getByRole('menuitem', { name: 'Backups (operator)' }).click();
  await expect(page).toHaveURL(/\/admin\/backups$/);
  await expect(page.getByRole('heading', { name: 'Studio backups', level: 1 })).toBeVisible();
  const demo = page.getByRole('row').filter({ hasText: 'demo' });
  await expect(demo).toHaveCount(1);
  // Either never backed up yet (the first scheduled pass is 2 minutes after start) or backed up.
  await expect(demo.getByText(/Never backed up|OK/).first()).toBeVisible();
  // The embedded cluster (this server's) has its point-in-time backups on the same page.
  await expect(page.getByRole('heading', { name: 'Whole cluster, to a point in time', level: 2 })).toBeVisible();
  await expect(page.getByText('Changes last archived')).toBeVisible();
  // The e2e server has no S3 store: the card says the backups stay on this machine.
  await expect(page.getByText('Off-site copy: no S3 store is configured (S3_BUCKET), so these backups stay on this machine only.')).toBeVisible();
});
