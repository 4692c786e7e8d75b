import { expect, test } from '@playwright/test';

for (const path of ['/this/page/does-not-exist', '/s/demo/no-such-section']) {
  test(`an unknown address (${path}) shows the 404 page with a way home`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Page not found', level: 1 })).toBeVisible();
    await expect(page.getByText('404', { exact: true })).toBeVisible();
    await page.getByRole('link', { name: 'Go to the home page' }).click();
    await expect(page).toHaveURL(/:\d+\/$/);
    await expect(page.getByRole('heading', { name: 'Run your recording studio, not your spreadsheets' })).toBeVisible();
  });
}
