import { expect, test } from '@playwright/test';
import { newStudio } from './support/journeys.ts';

test('an owner creates, edits, archives and restores a room; an empty name is refused', async ({ page }) => {
  await newStudio(page, 'rooms');
  await page.getByRole('link', { name: 'Manage rooms' }).click();
  await expect(page.getByRole('heading', { name: 'Rooms', level: 1 })).toBeVisible();
  const rooms = page.getByTestId('rooms-list').getByRole('listitem');
  await expect(rooms).toHaveCount(1);

  // A room needs a name: the form says so and nothing is created.
  await page.getByRole('button', { name: 'Add a room' }).click();
  let dialog = page.getByRole('dialog', { name: 'New room' });
  await dialog.getByLabel('Hourly rate (EUR)').fill('60');
  await dialog.getByRole('button', { name: 'Create the room' }).click();
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('This field is required.')).toBeVisible();
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveAccessibleDescription('This field is required.');

  // Create.
  await dialog.getByLabel('Name', { exact: true }).fill('Mix Room B');
  await dialog.getByLabel('Capacity (people)').fill('3');
  await dialog.getByLabel('Description').fill('Atmos-ready mix room');
  await dialog.getByRole('button', { name: 'Create the room' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').getByText('Mix Room B has been created.')).toBeVisible();
  await expect(rooms).toHaveCount(2);
  const mixRoom = rooms.filter({ hasText: 'Mix Room B' });
  await expect(mixRoom).toContainText('Atmos-ready mix room');
  await expect(mixRoom).toContainText('3 people');
  await expect(mixRoom).toContainText('€60.00 / h');
  await expect(page.getByRole('button', { name: 'Active (2)' })).toBeVisible();

  // Edit: the form opens with the saved values.
  await page.getByRole('button', { name: 'Edit Mix Room B' }).click();
  dialog = page.getByRole('dialog', { name: 'Edit Mix Room B' });
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('Mix Room B');
  await expect(dialog.getByLabel('Hourly rate (EUR)')).toHaveValue('60.00');
  await dialog.getByLabel('Name', { exact: true }).fill('Mix Room C');
  await dialog.getByLabel('Hourly rate (EUR)').fill('72,25');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').getByText('Mix Room C has been saved.')).toBeVisible();
  const renamed = rooms.filter({ hasText: 'Mix Room C' });
  await expect(renamed).toContainText('€72.25 / h');
  await expect(rooms.filter({ hasText: 'Mix Room B' })).toHaveCount(0);

  // Archive: it leaves the active list and waits under "Archived".
  await renamed.getByRole('button', { name: 'Archive', exact: true }).click();
  await expect(page.getByRole('status').getByText('Mix Room C has been archived.')).toBeVisible();
  await expect(rooms.filter({ hasText: 'Mix Room C' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Active (1)' })).toBeVisible();
  await page.getByRole('button', { name: 'Archived (1)' }).click();
  await expect(page.getByRole('button', { name: 'Archived (1)' })).toHaveAttribute('aria-pressed', 'true');
  const archived = rooms.filter({ hasText: 'Mix Room C' });
  await expect(archived).toContainText('Archived');

  // The dashboard counts active rooms only.
  await page.getByRole('navigation', { name: 'Studio navigation' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('dashboard-rooms')).not.toContainText('Mix Room C');
  await expect(page.getByTestId('dashboard-summary')).toContainText(/Active rooms\s*1/);
  await page.getByRole('navigation', { name: 'Studio navigation' }).getByRole('link', { name: 'Rooms' }).click();

  // Restore.
  await page.getByRole('button', { name: 'Archived (1)' }).click();
  await rooms.filter({ hasText: 'Mix Room C' }).getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('status').getByText('Mix Room C has been restored.')).toBeVisible();
  await expect(page.getByText('No archived rooms.')).toBeVisible();
  await page.getByRole('button', { name: 'Active (2)' }).click();
  await expect(rooms.filter({ hasText: 'Mix Room C' })).toContainText('€72.25 / h');
  await expect(rooms.filter({ hasText: 'Mix Room C' })).not.toContainText('Archived');
});
