import { expect, test, type Page } from '@playwright/test';
import { newStudio } from './support/journeys.ts';

/**
 * Recurring bookings, calendar feeds, studio hours and the plan's monthly allowance, through the real
 * UI. Sign-ups are rate limited, so the journeys share ONE studio and one logged-in page, in order.
 */
test.describe.configure({ mode: 'serial' });

let page: Page;
let studioPath: string;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  ({ studioPath } = await newStudio(page, 'booking-settings'));
});

test.afterAll(async () => {
  await page.close();
});

const nav = () => page.getByRole('navigation', { name: 'Studio navigation' });

test('a new studio, in its Pro trial, sees its sessions this month without a limit on the dashboard', async () => {
  const usage = page.getByTestId('session-usage');
  await expect(usage).toContainText('Sessions this month');
  await expect(usage).toContainText('0');
  await expect(usage).toContainText('Unlimited on your plan');
});

test('a weekly series of 3 with its conflicting occurrence skipped books 2 sessions', async () => {
  test.setTimeout(90_000);
  // Something already in the room on the second Wednesday.
  await page.goto(`${studioPath}/calendar?view=day&date=2030-05-22`);
  await expect(page.getByTestId('calendar-label')).toHaveText('Wednesday, May 22, 2030');
  await page.getByRole('button', { name: 'New session' }).click();
  let dialog = page.getByRole('dialog', { name: 'New session' });
  await dialog.getByLabel('Title').fill('Blocker');
  await dialog.getByLabel('Start time').fill('10:00');
  await dialog.getByLabel('End time').fill('12:00');
  await dialog.getByRole('button', { name: 'Book the session' }).click();
  await expect(dialog).toBeHidden();

  // Every Wednesday at the same time, three times, from the week before.
  await page.goto(`${studioPath}/calendar?view=day&date=2030-05-15`);
  await page.getByRole('button', { name: 'New session' }).click();
  dialog = page.getByRole('dialog', { name: 'New session' });
  await dialog.getByLabel('Title').fill('Weekly — Band W');
  await dialog.getByLabel('Start time').fill('10:00');
  await dialog.getByLabel('End time').fill('12:00');
  await expect(dialog.getByRole('combobox', { name: 'Frequency' })).toHaveCount(0); // the repeat is off by default
  await dialog.getByRole('checkbox', { name: 'Repeat this session' }).check();
  await expect(dialog.getByRole('combobox', { name: 'Frequency' })).toHaveText('Every week');
  await dialog.getByLabel('Number of sessions (this one included)').fill('3');

  const occurrences = dialog.getByTestId('series-occurrences').getByRole('listitem');
  await expect(occurrences).toHaveCount(3);
  await expect(occurrences.nth(0)).toContainText('Wed, May 15, 2030');
  await expect(occurrences.nth(0)).not.toHaveAttribute('data-conflict', 'true');
  // The second Wednesday is taken: marked, explained in the server's words, and skipped to start with.
  const conflicting = occurrences.nth(1);
  await expect(conflicting).toHaveAttribute('data-conflict', 'true');
  await expect(conflicting).toContainText('Conflict');
  await expect(conflicting).toContainText('Live Room is taken');
  await expect(conflicting).toContainText("by 'Blocker'");
  const skipSecond = conflicting.getByRole('checkbox', { name: /^Skip Wed, May 22, 2030/ });
  await expect(skipSecond).toBeChecked();
  await expect(dialog.getByTestId('series-summary')).toHaveText('2 of 3 to book');

  // Booking it anyway is refused before anything is written; skipping it again is the way out.
  await skipSecond.uncheck();
  await expect(dialog.getByTestId('series-summary')).toHaveText('3 of 3 to book');
  await dialog.getByRole('button', { name: 'Book 3 sessions' }).click();
  await expect(dialog.getByRole('alert')).toContainText('1 occurrence conflicts: skip it or change the time.');
  await skipSecond.check();
  await dialog.getByRole('button', { name: 'Book 2 sessions' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').getByText('2 sessions “Weekly — Band W” have been booked.')).toBeVisible();

  // On the calendar: the 15th and the 29th, not the 22nd.
  await page.goto(`${studioPath}/calendar?view=month&date=2030-05-15`);
  const month = page.getByTestId('calendar-month');
  const weekly = month.locator('[data-session-id]', { hasText: 'Weekly — Band W' });
  await expect(weekly).toHaveCount(2);
  await expect(month.locator('[data-session-id]', { hasText: 'Blocker' })).toHaveCount(1);

  // The last one belongs to the series: "this and the following" cancels it alone.
  await weekly.nth(1).click();
  const panel = page.getByTestId('session-panel');
  await expect(panel).toContainText('Recurring');
  await expect(panel).toContainText('Wednesday, May 29, 2030');
  await panel.getByRole('button', { name: 'Cancel this and the following occurrences' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Cancel this and the following occurrences?' });
  await confirm.getByRole('button', { name: 'Cancel the occurrences' }).click();
  await expect(panel).toBeHidden();
  await expect(page.getByRole('status').getByText('1 session has been cancelled.')).toBeVisible();
  await expect(weekly).toHaveCount(1);

  // The first one's details edited from its panel; its history names who booked it.
  await weekly.first().click();
  await expect(panel.getByRole('heading', { name: 'Weekly — Band W' })).toBeVisible();
  await expect(panel).toContainText('E2E booking-settings');
  await panel.getByRole('button', { name: 'Edit details' }).click();
  const details = panel.getByRole('form', { name: 'Edit details' });
  await details.getByLabel('Title').fill('Weekly — Band W (drums)');
  await details.getByLabel('Notes').fill('Bring the spare snare.');
  await details.getByRole('button', { name: 'Save the session' }).click();
  await expect(details).toBeHidden();
  await expect(panel.getByRole('heading', { name: 'Weekly — Band W (drums)' })).toBeVisible();
  await expect(panel).toContainText('Bring the spare snare.');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(weekly).toContainText('Weekly — Band W (drums)');
});

test('a calendar feed shows its address once, serves the calendar, and stops when revoked', async () => {
  await nav().getByRole('link', { name: 'Calendar feeds' }).click();
  await expect(page.getByRole('heading', { name: 'Calendar feeds', level: 1 })).toBeVisible();
  await expect(page.getByText('No calendar feeds yet')).toBeVisible();

  await page.getByRole('button', { name: 'New feed' }).click();
  const dialog = page.getByRole('dialog', { name: 'New calendar feed' });
  await expect(dialog.getByRole('radio', { name: 'Whole studio' })).toBeChecked();
  await dialog.getByLabel('Name (optional)').fill('Front desk');
  await dialog.getByRole('button', { name: 'Create the feed' }).click();

  const created = page.getByRole('dialog', { name: 'Your feed is ready' });
  await expect(created).toContainText('This link is secret');
  await expect(created).toContainText('Google Calendar');
  await expect(created.getByRole('button', { name: 'Copy the address' })).toBeVisible();
  const url = await created.getByTestId('feed-url').inputValue();
  expect(url).toMatch(/^http:\/\/localhost:\d+\/ical\/[^/]+\.ics$/);
  await expect(created.getByRole('link', { name: 'Open in my calendar app' })).toHaveAttribute('href', url.replace(/^http:/, 'webcal:'));

  const feed = await page.request.get(url);
  expect(feed.status()).toBe(200);
  const ics = await feed.text();
  // The studio's calendar (its sessions in 2030 lie beyond the feed's 400-day window).
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain('X-WR-CALNAME:booking-settings studio');

  await created.getByRole('button', { name: 'Done' }).click();
  const list = page.getByTestId('feeds-list');
  await expect(list).toContainText('Front desk');
  await expect(list).toContainText('Whole studio');
  await expect(list).toContainText('by you');
  await expect(list.getByTestId('feed-url')).toHaveCount(0); // never shown again

  await list.getByRole('button', { name: 'Revoke Front desk' }).click();
  const revoke = page.getByRole('alertdialog', { name: 'Revoke “Front desk”?' });
  await revoke.getByRole('button', { name: 'Revoke' }).click();
  await expect(revoke).toBeHidden();
  await expect(page.getByText('No calendar feeds yet')).toBeVisible();
  expect((await page.request.get(url)).status()).toBe(404);
});

test('studio hours: Monday open past midnight, and a closure added and removed', async () => {
  await nav().getByRole('link', { name: 'Studio hours' }).click();
  await expect(page.getByRole('heading', { name: 'Studio hours', level: 1 })).toBeVisible();
  const opening = page.getByRole('region', { name: 'Opening hours' });
  // A new studio starts with default hours (Monday to Saturday, 10:00–22:00) and Sunday closed.
  await expect(opening.getByRole('group', { name: 'Sunday' })).toContainText('Closed');
  let monday = opening.getByRole('group', { name: 'Monday' });
  await expect(monday.getByRole('checkbox', { name: 'Open' })).toBeChecked();
  await expect(monday.getByLabel('Opens')).toHaveValue('10:00');
  await opening.getByRole('group', { name: 'Tuesday' }).getByRole('checkbox', { name: 'Open' }).uncheck();
  await monday.getByLabel('Opens').fill('18:00');
  await monday.getByLabel('Closes').fill('02:00');
  await expect(monday).toContainText('closes the next day');
  await opening.getByRole('button', { name: 'Save the hours' }).click();
  await expect(page.getByRole('status').getByText('The opening hours have been saved.')).toBeVisible();

  await page.reload();
  monday = page.getByRole('region', { name: 'Opening hours' }).getByRole('group', { name: 'Monday' });
  await expect(monday.getByRole('checkbox', { name: 'Open' })).toBeChecked();
  await expect(monday.getByLabel('Opens')).toHaveValue('18:00');
  await expect(monday.getByLabel('Closes')).toHaveValue('02:00');
  await expect(page.getByRole('region', { name: 'Opening hours' }).getByRole('group', { name: 'Tuesday' })).toContainText('Closed');

  const closures = page.getByRole('region', { name: 'Closures' });
  await closures.getByRole('button', { name: 'Add a closure' }).click();
  const form = closures.getByRole('form', { name: 'Add a closure' });
  await form.getByLabel('Start date').fill('2030-08-05');
  await form.getByLabel('End date').fill('2030-08-19');
  await form.getByLabel('Reason').fill('Summer break');
  await form.getByRole('button', { name: 'Add the closure' }).click();
  const list = closures.getByTestId('closures-list');
  await expect(list).toContainText('Summer break');
  await expect(list).toContainText('Whole studio');
  await expect(list).toContainText('Mon, Aug 5, 2030, 00:00 – Mon, Aug 19, 2030, 00:00');
  await list.getByRole('button', { name: /^Remove the closure/ }).click();
  await page.getByRole('alertdialog', { name: 'Remove this closure?' }).getByRole('button', { name: 'Remove the closure' }).click();
  await expect(closures).toContainText('No closures planned.');
});

test('the dashboard counts the sessions booked this month, cancelled ones included', async () => {
  await nav().getByRole('link', { name: 'Dashboard' }).click();
  const usage = page.getByTestId('session-usage');
  await expect(usage.locator('.text-2xl')).toHaveText('3');
});
