import { expect, test } from '@playwright/test';
import { newStudio } from './support/journeys.ts';
import { studioCall } from './support/studio-api.ts';

/**
 * The Kanban board on a 1440 px screen: six stage columns are wider than the page, so the board scrolls
 * sideways — and its scrollbar is on screen, not below the longest column.
 */
test.use({ viewport: { width: 1440, height: 900 } });

test('the board’s sideways scroll stays in view with a long column at 1440 px', async ({ page }) => {
  test.setTimeout(120_000); // a sign-up, onboarding and fourteen projects before the board
  const { studioPath } = await newStudio(page, 'board-fit');
  for (let i = 1; i <= 14; i++) await studioCall(page.request, studioPath, 'projects.create', { name: `Album ${i}` });
  await page.goto(`${studioPath}/projects`);
  const board = page.getByRole('region', { name: 'Projects by stage' });
  await expect(board.getByText('Album 14')).toBeVisible();

  const fit = await board.evaluate((element) => ({
    scrollWidth: element.scrollWidth,
    clientWidth: element.clientWidth,
    bottom: element.getBoundingClientRect().bottom,
    pageWide: element.ownerDocument.documentElement.scrollWidth,
  }));
  expect(fit.scrollWidth).toBeGreaterThan(fit.clientWidth); // the columns do not all fit…
  expect(fit.bottom).toBeLessThanOrEqual(900); // …and the board, its scrollbar at its bottom, ends on screen
  expect(fit.pageWide).toBeLessThanOrEqual(1440); // the page itself does not overflow sideways

  // The last stage is reached by scrolling the board.
  const delivered = page.getByTestId('board-column-delivered');
  await board.evaluate((element) => element.scrollTo({ left: element.scrollWidth }));
  await expect(delivered).toBeInViewport();
});
