import { expect, test } from '@playwright/test';
import { newStudio } from './support/journeys.ts';
import { studioCall } from './support/studio-api.ts';

/**
 * Live updates: two tabs of the studio are open on the rooms page; a room created in one appears in the other
 * at once, and a change made outside any tab (here the API, as a colleague's or a client's action would) appears
 * in both — without reloading either page (a marker left on each page's window survives). The tabs share one
 * stream; when the tab holding it closes, the other takes over.
 */
test('a change made in one tab, or elsewhere, shows in every open tab without a reload', async ({ page, context }) => {
  const { studioPath } = await newStudio(page, 'live');
  await page.getByRole('link', { name: 'Manage rooms' }).click();
  await expect(page.getByRole('heading', { name: 'Rooms', level: 1 })).toBeVisible();
  const rooms = page.getByTestId('rooms-list').getByRole('listitem');
  await expect(rooms).toHaveCount(1);

  const other = await context.newPage();
  await other.goto(page.url());
  const otherRooms = other.getByTestId('rooms-list').getByRole('listitem');
  await expect(otherRooms).toHaveCount(1);
  await page.evaluate('window.liveMarker = 1');
  await other.evaluate('window.liveMarker = 2');

  // Created in the second tab, through the UI.
  await other.getByRole('button', { name: 'Add a room' }).click();
  const dialog = other.getByRole('dialog', { name: 'New room' });
  await dialog.getByLabel('Name', { exact: true }).fill('Booth Live');
  await dialog.getByLabel('Hourly rate (EUR)').fill('30');
  await dialog.getByRole('button', { name: 'Create the room' }).click();
  await expect(dialog).toBeHidden();
  await expect(otherRooms).toHaveCount(2);
  await expect(rooms.filter({ hasText: 'Booth Live' })).toBeVisible({ timeout: 5_000 });

  // Made outside both tabs.
  await studioCall(context.request, studioPath, 'rooms.create', { name: 'Annex', hourlyRateCents: 2500, capacity: 2 });
  await expect(rooms.filter({ hasText: 'Annex' })).toBeVisible({ timeout: 5_000 });
  await expect(otherRooms.filter({ hasText: 'Annex' })).toBeVisible({ timeout: 5_000 });

  expect(await page.evaluate('window.liveMarker')).toBe(1);
  expect(await other.evaluate('window.liveMarker')).toBe(2);

  // The tabs share one stream (held by the first tab): when that tab closes, the other one takes it over.
  await page.close();
  await studioCall(context.request, studioPath, 'rooms.create', { name: 'Vocal Booth', hourlyRateCents: 2000, capacity: 1 });
  await expect(otherRooms.filter({ hasText: 'Vocal Booth' })).toBeVisible({ timeout: 15_000 });
  expect(await other.evaluate('window.liveMarker')).toBe(2);
});
