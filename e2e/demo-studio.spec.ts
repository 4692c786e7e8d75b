import { expect, test } from '@playwright/test';
import { logIn } from './support/journeys.ts';

test('the demo owner logs in and sees the demo studio with its rooms', async ({ page }) => {
  await logIn(page, 'owner@demo.studio', 'demo-studio-2026');
  await expect(page).toHaveURL(/\/s\/demo$/);
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByText('Welcome to Studio Lumière.')).toBeVisible();
  const rooms = page.getByTestId('dashboard-rooms').getByRole('listitem');
  await expect(rooms).toHaveCount(4);
  await expect(rooms.filter({ hasText: 'Vocal Booth' })).toContainText('€35.00 / h');
  await expect(rooms.filter({ hasText: 'Studio A — Live Room' })).toContainText('8 people');
  await expect(page.getByTestId('dashboard-summary')).toContainText(/Members\s*4/);
});
