import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { newStudio } from './support/journeys.ts';

test('an owner creates a client, finds it without accents, adds a note, imports a CSV with a bad line and exports', async ({ page }) => {
  // A long journey (sign-up, create, import, export, the address rule, merge, erase) on a shared 2-core machine.
  test.setTimeout(120_000);
  const { studioPath } = await newStudio(page, 'clients');
  await page.getByRole('navigation', { name: 'Studio navigation' }).getByRole('link', { name: 'Clients' }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  await expect(page.getByText('No clients yet')).toBeVisible();

  // Create: the new client's page opens.
  await page.getByRole('button', { name: 'New client' }).click();
  const dialog = page.getByRole('dialog', { name: 'New client' });
  await dialog.getByRole('button', { name: 'New client' }).click();
  await expect(dialog.getByText('This field is required.')).toBeVisible();
  await dialog.getByLabel('Name', { exact: true }).fill('Zoë Lumière');
  await dialog.getByRole('textbox', { name: 'E-mail' }).fill('zoe@example.test');
  await dialog.getByRole('button', { name: 'New client' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: /Zoë Lumière/, level: 1 })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${studioPath}/clients/[0-9a-f-]{36}$`));

  // A note on the timeline, with its author.
  await page.getByLabel('New note').fill('Prefers morning sessions');
  await page.getByRole('button', { name: 'Add note' }).click();
  const timeline = page.getByTestId('notes-timeline');
  await expect(timeline.getByText('Prefers morning sessions')).toBeVisible();
  await expect(timeline.getByText('E2E clients')).toBeVisible();

  // Found by part of a word typed without accents.
  await page.getByRole('link', { name: 'All clients' }).click();
  await page.getByRole('searchbox', { name: 'Search clients' }).fill('lumie');
  await expect(page).toHaveURL(/q=lumie/);
  const table = page.getByTestId('clients-table');
  await expect(table.getByRole('link', { name: /Zoë Lumière/ })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search clients' }).fill('nobody-here');
  await expect(page.getByText('No client matches')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search clients' }).fill('');

  // Import: the dry run lists the bad line (line 3) and saves nothing; the import saves the valid lines.
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import clients from a CSV file' });
  const csv = 'Nom;E-mail;Étiquettes\nAda Lovelace;ada@example.test;vip\nBad Mail;not-an-email;\nGrace Hopper;grace@example.test;\n';
  await importDialog.getByLabel('CSV file').setInputFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const report = importDialog.getByTestId('import-report');
  await expect(report).toContainText('3 lines read: 2 to create, 0 to update, 0 new companies, 1 with problems (skipped).');
  const errors = importDialog.getByTestId('import-errors');
  await expect(errors.getByRole('row')).toHaveCount(2);
  await expect(errors.getByRole('row').nth(1)).toContainText('3');
  await expect(errors.getByRole('row').nth(1)).toContainText('Enter a valid e-mail address.');
  await expect(page.getByTestId('clients-total')).toHaveText('1 client');
  const problems = page.waitForEvent('download');
  await importDialog.getByRole('button', { name: 'Download the problems (CSV)' }).click();
  expect(readFileSync((await (await problems).path())!, 'utf8')).toContain('3,E-mail,Enter a valid e-mail address.');
  await importDialog.getByRole('button', { name: 'Import 2 clients' }).click();
  await expect(report).toContainText('Imported: 2 created, 0 updated');
  await importDialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(page.getByTestId('clients-total')).toHaveText('3 clients');
  await expect(table.getByRole('link', { name: /Grace Hopper/ })).toBeVisible();

  // Export: a CSV with every client, in the import's columns.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^clients-\d{4}-\d{2}-\d{2}\.csv$/);
  const content = readFileSync((await download.path())!, 'utf8');
  expect(content).toContain('name,kind,company type,email');
  expect(content).toContain('Zoë Lumière,person,,zoe@example.test');
  expect(content).toContain('Ada Lovelace,person,,ada@example.test');

  // One address, one client: Ada's address (other case) on a new record is refused, naming her, with a way to
  // open her. A second record of her without it is a duplicate (same name), merged into the imported client,
  // then that client is erased.
  await page.getByRole('button', { name: 'New client' }).click();
  const again = page.getByRole('dialog', { name: 'New client' });
  await again.getByLabel('Name', { exact: true }).fill('ada lovelace');
  await again.getByRole('textbox', { name: 'E-mail' }).fill('ADA@example.test');
  await again.getByLabel('Phone').fill('+44 20 7946 0000');
  await again.getByRole('button', { name: 'New client' }).click();
  await expect(again.getByText('Another client already has this e-mail address: an address belongs to one client only.')).toBeVisible();
  await expect(again.getByRole('button', { name: 'Open Ada Lovelace' })).toBeVisible();
  await again.getByRole('textbox', { name: 'E-mail' }).fill('');
  await again.getByRole('button', { name: 'New client' }).click();
  await expect(page.getByRole('heading', { name: /^ada lovelace/, level: 1 })).toBeVisible();
  await expect(page.getByText('Same name as: Ada Lovelace.')).toBeVisible();
  await page.getByRole('link', { name: 'All clients' }).click();
  await table.getByRole('link', { name: /Ada Lovelace/ }).click();
  await page.getByRole('button', { name: 'Merge a duplicate' }).click();
  const merge = page.getByRole('dialog', { name: 'Merge a duplicate into Ada Lovelace' });
  await merge.getByRole('button', { name: 'ada lovelace' }).click();
  await expect(merge.getByTestId('merge-preview')).toContainText('Phone becomes +44 20 7946 0000');
  await merge.getByRole('button', { name: 'Merge' }).click();
  await expect(merge).toBeHidden();
  await expect(page.getByTestId('client-profile')).toContainText('+44 20 7946 0000');
  await expect(page.getByText('Same name as')).toBeHidden();

  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Erase (GDPR)' }).click();
  const erase = page.getByRole('alertdialog', { name: 'Erase Ada Lovelace?' });
  await expect(erase.getByRole('button', { name: 'Erase for good' })).toBeDisabled();
  await erase.getByLabel('Type Ada Lovelace to confirm').fill('ada lovelace');
  await erase.getByRole('button', { name: 'Erase for good' }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search clients' }).fill('lovelace');
  await expect(page.getByText('No client matches')).toBeVisible();
});
