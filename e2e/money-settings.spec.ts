import { expect, test, type Page } from '@playwright/test';
import { newStudio } from './support/journeys.ts';

async function openSettings(page: Page, link: string, heading: string) {
  await page.getByRole('navigation', { name: 'Studio navigation' }).getByRole('link', { name: link }).click();
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
}

test('an owner fills in the billing details (a mistyped IBAN is refused) and adds a catalogue item and a VAT rate', async ({ page }) => {
  await newStudio(page, 'money');
  await openSettings(page, 'Billing details', 'Billing details');
  const form = page.getByRole('form', { name: 'Billing details' });
  // A new studio starts with the default prefixes and 30 days.
  await expect(form.getByLabel('Invoice prefix')).toHaveValue('F');
  await expect(form.getByLabel('Credit note prefix')).toHaveValue('AV');
  await expect(form.getByLabel('Payment due after (days)')).toHaveValue('30');
  await expect(form.getByLabel('Late-payment wording')).toHaveAttribute('placeholder', /three times the French legal interest rate/);

  await form.getByLabel('Legal name').fill('Studio Bleu SARL');
  await form.getByLabel('Legal form').fill('SARL');
  await form.getByLabel('Registration number').fill('123 456 789 00012');
  await form.getByLabel('Share capital (EUR)').fill('10 000');
  // One digit off: the check digits catch it, the field says so and nothing is saved.
  await form.getByLabel('IBAN').fill('FR76 3000 6000 0112 3456 7890 188');
  await form.getByLabel('BIC').fill('bnpafrpp');
  await form.getByLabel('Payment due after (days)').fill('45');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByLabel('IBAN')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('IBAN')).toHaveAccessibleDescription(/This IBAN is not valid/);
  await expect(form.getByText('Some details need fixing')).toBeVisible();

  await form.getByLabel('IBAN').fill('FR76 3000 6000 0112 3456 7890 189');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').getByText('Billing details saved.')).toBeVisible();

  // Read back after a reload: stored, the IBAN grouped by four, the BIC in capitals.
  await page.reload();
  await expect(form.getByLabel('Legal name')).toHaveValue('Studio Bleu SARL');
  await expect(form.getByLabel('IBAN')).toHaveValue('FR76 3000 6000 0112 3456 7890 189');
  await expect(form.getByLabel('BIC')).toHaveValue('BNPAFRPP');
  await expect(form.getByLabel('Share capital (EUR)')).toHaveValue('10000.00');
  await expect(form.getByLabel('Payment due after (days)')).toHaveValue('45');

  // The catalogue: an item on the default 20 % rate.
  await openSettings(page, 'Catalogue & VAT', 'Catalogue');
  const rates = page.getByTestId('vat-rates-list').getByRole('listitem');
  const defaultRate = rates.filter({ has: page.getByText('Default', { exact: true }) });
  await expect(rates).toHaveCount(4);
  await expect(defaultRate).toContainText('20 %');
  await page.getByRole('button', { name: 'Add a service or product' }).click();
  const dialog = page.getByRole('dialog', { name: 'New service or product' });
  await dialog.getByRole('button', { name: 'Add to the catalogue' }).click();
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Name', { exact: true }).fill('Mixing');
  await dialog.getByLabel('Unit price excl. VAT (EUR)').fill('60');
  await expect(dialog.getByLabel('VAT rate')).toContainText('20 %');
  await dialog.getByRole('button', { name: 'Add to the catalogue' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').getByText('Mixing was added to the catalogue.')).toBeVisible();
  const item = page.getByTestId('catalogue-list').getByRole('listitem').filter({ hasText: 'Mixing' });
  await expect(item).toContainText('€60.00 / hour');
  await expect(item).toContainText('VAT 20 %');

  // A rate of its own, typed with a decimal comma, made the default.
  await page.getByRole('button', { name: 'Add a rate' }).click();
  const rateDialog = page.getByRole('dialog', { name: 'New VAT rate' });
  await rateDialog.getByLabel('Rate (%)').fill('8,5');
  await rateDialog.getByRole('button', { name: 'Add the rate' }).click();
  await expect(rateDialog).toBeHidden();
  await expect(rates).toHaveCount(5);
  await page.getByRole('button', { name: 'Make 8.5 % the default rate' }).click();
  await expect(defaultRate).toHaveCount(1);
  await expect(defaultRate).toContainText('8.5 %');

  // Its label can change; its percentage cannot.
  await page.getByRole('button', { name: 'Edit the label of 8.5 %' }).click();
  const labelDialog = page.getByRole('dialog', { name: 'Label of the 8.5 % rate' });
  await labelDialog.getByLabel('Label (optional)').fill('Special rate');
  await labelDialog.getByRole('button', { name: 'Save' }).click();
  await expect(labelDialog).toBeHidden();
  await expect(defaultRate).toContainText('Special rate — 8.5 %');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the billing details and catalogue fit the screen', async ({ page }) => {
    const { studioPath } = await newStudio(page, 'money-phone');
    for (const [path, heading] of [
      ['settings/billing', 'Billing details'],
      ['settings/catalogue', 'Catalogue'],
    ] as const) {
      await page.goto(`${studioPath}/${path}`);
      await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
      const overflow: number = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect(overflow).toBeLessThanOrEqual(0);
    }
  });
});
