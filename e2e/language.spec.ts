import { expect, test } from '@playwright/test';
import { logIn, newStudio } from './support/journeys.ts';

test('switching the studio to French changes the interface, survives a reload and follows the account to another browser', async ({ page, browser }) => {
  const { account, studioPath } = await newStudio(page, 'language');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByRole('button', { name: 'Open the user menu' }).click();
  await expect(page.getByRole('menuitemradio', { name: 'English' })).toBeChecked();
  await page.getByRole('menuitemradio', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { name: 'Tableau de bord', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Navigation du studio' }).getByRole('link', { name: 'Salles' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Tableau de bord', level: 1 })).toBeVisible();
  await expect(page.getByText(`Bienvenue dans ${account.studioName}.`)).toBeVisible();
  await page.getByRole('button', { name: 'Ouvrir le menu utilisateur' }).click();
  await expect(page.getByRole('menuitemradio', { name: 'Français' })).toBeChecked();
  await page.keyboard.press('Escape');

  // The choice is saved on the account: another browser (nothing stored) opens in French after log-in.
  const otherBrowser = await browser.newContext();
  try {
    const other = await otherBrowser.newPage();
    await logIn(other, account.email, account.password);
    await expect(other).toHaveURL(new RegExp(`${studioPath}$`));
    await expect(other.getByRole('heading', { name: 'Tableau de bord', level: 1 })).toBeVisible();
  } finally {
    await otherBrowser.close();
  }
});

test('a visitor switches the public pages to French and back', async ({ page }) => {
  await page.goto('/login');
  const languages = page.getByRole('group', { name: 'Language' });
  await languages.getByRole('button', { name: 'fr' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Connexion', level: 1 })).toBeVisible();
  await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'en' }).click();
  await expect(page.getByRole('heading', { name: 'Log in', level: 1 })).toBeVisible();
});
