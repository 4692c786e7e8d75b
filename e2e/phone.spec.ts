import { expect, test } from '@playwright/test';
import { newStudio } from './support/journeys.ts';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('on a phone the studio navigation is behind a menu button that opens a drawer', async ({ page }) => {
  const { studioPath } = await newStudio(page, 'phone');
  const nav = page.getByRole('navigation', { name: 'Studio navigation' });
  const menuButton = page.getByRole('button', { name: 'Open the menu' });

  // No sidebar on a narrow screen, just the menu button; the dashboard fits the width.
  await expect(menuButton).toBeVisible();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();
  await expect(page.getByTestId('dashboard-rooms')).toContainText('Live Room');
  const horizontalOverflow: number = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  expect(horizontalOverflow).toBeLessThanOrEqual(0);

  await menuButton.click();
  const drawer = page.getByRole('dialog', { name: 'Studio navigation' });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('navigation', { name: 'Studio navigation' })).toBeVisible();
  await expect(drawer.getByRole('button', { name: 'Open the user menu' })).toBeVisible();
  // The drawer is modal: the page behind it, menu button included, leaves the accessibility tree.
  await expect(menuButton).toBeHidden();
  await drawer.getByRole('link', { name: 'Rooms' }).click();

  // Following a link closes the drawer and opens the page.
  await expect(page).toHaveURL(new RegExp(`${studioPath}/settings/rooms$`));
  await expect(drawer).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Rooms', level: 1 })).toBeVisible();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');

  // The drawer also closes with its close button.
  await menuButton.click();
  await expect(drawer).toBeVisible();
  await drawer.getByRole('button', { name: 'Close' }).click();
  await expect(drawer).toBeHidden();
  await expect(menuButton).toBeVisible();
});

test('on a phone every studio page fits the screen width', async ({ page }) => {
  const { studioPath } = await newStudio(page, 'phone-width');
  for (const section of [
    '',
    '/calendar',
    '/settings/studio',
    '/settings/members',
    '/settings/rooms',
    '/settings/engineers',
    '/settings/gear',
    '/settings/hours',
    '/settings/calendar-feeds',
    '/money',
    '/money/new?kind=invoice',
  ]) {
    await page.goto(`${studioPath}${section}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const horizontalOverflow: number = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(horizontalOverflow, `${section || 'dashboard'} scrolls sideways`).toBeLessThanOrEqual(0);
  }
  // The calendar opens as a list on a phone; the day view keeps its rooms in a sideways-scrolling grid.
  await page.goto(`${studioPath}/calendar`);
  await expect(page.getByRole('button', { name: 'Agenda', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Day', exact: true }).click();
  await expect(page.getByTestId('calendar-grid')).toBeVisible();
  const pageOverflow: number = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  expect(pageOverflow, 'calendar day view scrolls sideways').toBeLessThanOrEqual(0);
});
