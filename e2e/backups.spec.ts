/** Backups in the browser: the owner's "Export my studio" download, and the operator's list of studio backups. */
import { gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import yauzl from 'yauzl';
import { logIn } from './support/journeys.ts';

/** Every entry of a (small) ZIP. */
async function unzip(path: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  const out = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    out.set(entry.fileName, Buffer.concat(chunks));
  }
  zip.close();
  return out;
}

test('the owner downloads the studio as a ZIP from Settings, told it is not encrypted', async ({ page }) => {
  await logIn(page, 'owner@demo.studio', 'demo-studio-2026');
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await page.goto('/s/demo/settings/studio');
  await expect(page.getByText('Export my studio')).toBeVisible();
  await expect(page.getByTestId('studio-export-encryption')).toContainText('The ZIP is not encrypted');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the ZIP' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^demo-\d{4}-\d{2}-\d{2}\.zip$/);
  const entries = await unzip((await download.path())!);
  const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as { studio: { slug: string }; files: { key: string; included: boolean }[] };
  expect(manifest.studio.slug).toBe('demo');
  for (const file of manifest.files.filter((f) => f.included)) expect(entries.has(`files/${file.key}`)).toBe(true);
  const lines = gunzipSync(entries.get('database.rsmbk')!).toString('utf8').trimEnd().split('\n');
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
