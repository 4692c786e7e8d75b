import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { newStudio } from './support/journeys.ts';

test('an owner makes a change, finds it in the activity log, filters it and exports it; the page works on a phone', async ({ page }) => {
  const { account, studioPath } = await newStudio(page, 'audit');

  // A change: a new room.
  await page.goto(`${studioPath}/settings/rooms`);
  await page.getByRole('button', { name: 'Add a room' }).click();
  const dialog = page.getByRole('dialog', { name: 'New room' });
  await dialog.getByLabel('Name', { exact: true }).fill('Audit Booth');
  await dialog.getByLabel('Hourly rate (EUR)').fill('40');
  await dialog.getByLabel('Capacity (people)').fill('2');
  await dialog.getByRole('button', { name: 'Create the room' }).click();
  await expect(dialog).toBeHidden();

  // Settings → Activity log: the change is there, newest first, with who made it.
  await page.getByRole('navigation', { name: 'Studio navigation' }).getByRole('link', { name: 'Activity log' }).click();
  await expect(page.getByRole('heading', { name: 'Activity log', level: 1 })).toBeVisible();
  const rows = page.getByTestId('audit-log-table').getByRole('row');
  const created = rows.filter({ hasText: 'Audit Booth' });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText('room.created');
  await expect(created).toContainText(account.name);

  // Filtering by an action that did not happen empties the table; by "room" brings it back.
  await page.getByLabel('Action').fill('invoice');
  await expect(page.getByText('Nothing recorded for these filters.')).toBeVisible();
  await page.getByLabel('Action').fill('room');
  await expect(created).toHaveCount(1);

  // Export: the filtered rows as CSV, with a byte-order mark for spreadsheets.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^activity-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const content = readFileSync((await download.path())!, 'utf8');
  expect(content.startsWith('\uFEFFtime (UTC),actor,actor id,action,entity,entity id,details')).toBe(true);
  expect(content).toMatch(/room\.created,room,[0-9a-f-]{36},name=Audit Booth/);
  expect(content).not.toContain('invoice');
  // The export is itself recorded.
  await page.getByLabel('Action').fill('audit');
  await expect(rows.filter({ hasText: 'audit.exported' })).toHaveCount(1);

  // On a phone the table fits: details fold under the action instead of a column.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByLabel('Action').fill('room');
  await expect(created.getByRole('cell').nth(2)).toContainText('name: Audit Booth');
  await expect(created.getByRole('cell').nth(3)).toBeHidden();
  const overflow: number = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  expect(overflow).toBeLessThanOrEqual(0);
});
