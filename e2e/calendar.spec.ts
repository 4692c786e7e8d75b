import { expect, test, type Locator, type Page } from '@playwright/test';
import { newStudio } from './support/journeys.ts';
import { studioCall } from './support/studio-api.ts';

/**
 * The studio calendar through the real UI: bookable resources set up in settings, then sessions
 * created by dragging in the day view, moved by dragging, refused overlaps explained where the
 * session is, a hold drawn as a hold, and a session cancelled from its panel. One studio (sign-ups
 * and log-ins are rate-limited), one logged-in page.
 */

// A Wednesday far from any DST change; the new studio's zone is the browser's (Europe/Paris).
const DAY = '2030-05-15';

/** The vertical position (page pixels) of a wall-clock time in a day column of the grid. */
async function yOf(page: Page, column: Locator, minutes: number): Promise<number> {
  const body = page.getByTestId('calendar-body');
  const gridStart = Number(await body.getAttribute('data-grid-start'));
  const pxPerMinute = Number(await body.getAttribute('data-px-per-minute'));
  const box = (await column.boundingBox())!;
  return box.y + (minutes - gridStart) * pxPerMinute;
}

/** Press at one time and release at another, with intermediate moves (real pointer events). */
async function dragVertically(page: Page, x: number, fromY: number, toY: number): Promise<void> {
  await page.mouse.move(x, fromY);
  await page.mouse.down();
  await page.mouse.move(x, fromY + (toY - fromY) / 3, { steps: 4 });
  await page.mouse.move(x, toY, { steps: 6 });
  await page.mouse.up();
}

/** Drag a session block by `minutes` (grabbed a little below its top edge). */
async function dragBlock(page: Page, block: Locator, minutes: number): Promise<void> {
  await block.scrollIntoViewIfNeeded();
  const box = (await block.boundingBox())!;
  const pxPerMinute = Number(await page.getByTestId('calendar-body').getAttribute('data-px-per-minute'));
  const y = box.y + 8;
  await dragVertically(page, box.x + box.width / 2, y, y + minutes * pxPerMinute);
}

test('the calendar: drag to create and move, conflicts shown in place, holds, cancelling from the panel', async ({ page }) => {
  test.setTimeout(150_000);
  const { studioPath } = await newStudio(page, 'calendar');
  const nav = page.getByRole('navigation', { name: 'Studio navigation' });

  // Bookable resources first: an engineer, a microphone, and the room's booking rules.
  await nav.getByRole('link', { name: 'Engineers' }).click();
  await expect(page.getByRole('heading', { name: 'Engineers', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Add an engineer' }).click();
  let dialog = page.getByRole('dialog', { name: 'New engineer' });
  await dialog.getByLabel('Name').fill('Alex Engineer');
  await dialog.getByLabel('Hourly rate (EUR)').fill('40');
  await dialog.getByRole('button', { name: 'Create the engineer' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('engineers-list')).toContainText('Alex Engineer');
  await expect(page.getByTestId('engineers-list')).toContainText('€40.00 / h');

  await nav.getByRole('link', { name: 'Gear' }).click();
  await page.getByRole('button', { name: 'Add gear' }).click();
  dialog = page.getByRole('dialog', { name: 'New gear' });
  await dialog.getByLabel('Name').fill('Neumann U87');
  await dialog.getByLabel('Category').fill('Microphones');
  await dialog.getByLabel('Daily rate (EUR)').fill('25,00');
  await dialog.getByRole('button', { name: 'Create the item' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('gear-list')).toContainText('€25.00 / day');

  await nav.getByRole('link', { name: 'Rooms' }).click();
  await page.getByRole('button', { name: 'Booking rules of Live Room' }).click();
  dialog = page.getByRole('dialog', { name: 'Booking rules — Live Room' });
  await expect(dialog.getByLabel('Minimum booking (minutes)')).toHaveValue('60');
  await dialog.getByLabel('Half-day rate (EUR)').fill('180');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').getByText('The booking rules of Live Room have been saved.')).toBeVisible();

  // The calendar, first in the sidebar after the dashboard.
  await nav.getByRole('link', { name: 'Calendar', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Calendar', level: 1 })).toBeVisible();
  await page.goto(`${studioPath}/calendar?view=day&date=${DAY}`);
  await expect(page.getByTestId('calendar-label')).toHaveText('Wednesday, May 15, 2030');
  const column = page.getByTestId('calendar-column-0');
  await expect(column).toHaveAttribute('aria-label', 'Live Room');

  // Drag down from 07:00 to 09:00 in the room's column: the booking form opens with that slot.
  const box = (await column.boundingBox())!;
  await dragVertically(page, box.x + box.width / 2, (await yOf(page, column, 7 * 60)) + 3, (await yOf(page, column, 9 * 60)) - 3);
  dialog = page.getByRole('dialog', { name: 'New session' });
  await expect(dialog.getByLabel('Start date')).toHaveValue(DAY);
  await expect(dialog.getByLabel('Start time')).toHaveValue('07:00');
  await expect(dialog.getByLabel('End time')).toHaveValue('09:00');
  await expect(dialog.getByRole('combobox', { name: 'Room' })).toHaveText('Live Room');
  await dialog.getByLabel('Title').fill('Tracking — Band A');
  await dialog.getByRole('checkbox', { name: 'Alex Engineer' }).check();
  await dialog.getByRole('checkbox', { name: 'Neumann U87 · Microphones' }).check();
  // The live price: 2 h of room (€100) + 2 h of engineer (€80) + one day of microphone (€25).
  await expect(dialog.getByTestId('session-quote')).toContainText('€205.00');
  await dialog.getByRole('button', { name: 'Book the session' }).click();
  await expect(dialog).toBeHidden();
  const bandA = page.getByRole('button', { name: /Tracking — Band A/ });
  await expect(bandA).toContainText('07:00–09:00');
  await expect(bandA).toHaveAttribute('data-status', 'confirmed');

  // A second session typed in the form opened with the N key.
  await page.keyboard.press('n');
  dialog = page.getByRole('dialog', { name: 'New session' });
  await dialog.getByLabel('Title').fill('Mix — Band B');
  await dialog.getByLabel('Start time').fill('11:00');
  await dialog.getByLabel('End time').fill('13:00');
  // A client created on the spot is picked at once.
  await dialog.getByRole('button', { name: 'New client' }).click();
  await dialog.getByLabel('Client name').fill('Hélène Ségara');
  await dialog.getByRole('button', { name: 'Add the client' }).click();
  await expect(dialog.getByTestId('picked-client')).toHaveText('Hélène Ségara');
  await dialog.getByRole('button', { name: 'Book the session' }).click();
  await expect(dialog).toBeHidden();
  const bandB = page.getByRole('button', { name: /Mix — Band B/ });
  await expect(bandB).toContainText('11:00–13:00');

  // Drag the first one an hour later: it moves at once and stays there.
  await dragBlock(page, bandA, 60);
  await expect(bandA).toContainText('08:00–10:00');
  await expect(bandA).not.toHaveAttribute('aria-busy', 'true');
  await page.reload();
  await expect(bandA).toContainText('08:00–10:00');

  // Two hours later it would overlap the mix: refused, back in place, the reason shown beside it.
  await dragBlock(page, bandA, 120);
  const conflict = page.getByTestId('calendar-conflict');
  await expect(conflict).toHaveRole('alert');
  await expect(conflict).toContainText('Live Room is taken');
  await expect(conflict).toContainText("by 'Mix — Band B'");
  await expect(bandA).toContainText('08:00–10:00');
  const alertBox = (await conflict.boundingBox())!;
  const columnBox = (await column.boundingBox())!;
  expect(alertBox.x).toBeGreaterThanOrEqual(columnBox.x - 1);
  expect(alertBox.x).toBeLessThan(columnBox.x + columnBox.width);
  await conflict.getByRole('button', { name: 'Close' }).click();
  await expect(conflict).toBeHidden();

  // Someone else moves it meanwhile (another tab, a colleague): the drag made on what this page still shows
  // is refused with a sentence saying so, and the block is reloaded where it really is.
  const listed = await studioCall<{ id: string; title: string; version: number }[]>(
    page.request,
    studioPath,
    'sessions.list',
    { from: '2030-05-15T00:00:00Z', to: '2030-05-16T00:00:00Z' },
    'query',
  );
  const seen = listed.find((s) => s.title === 'Tracking — Band A')!;
  await studioCall(page.request, studioPath, 'sessions.move', {
    id: seen.id,
    startsAt: '2030-05-15T05:00:00Z',
    endsAt: '2030-05-15T07:00:00Z',
    version: seen.version,
  });
  await expect(bandA).toContainText('08:00–10:00'); // this page has not seen it yet
  await dragBlock(page, bandA, 30);
  await expect(conflict).toContainText('Someone else changed this session meanwhile');
  await expect(bandA).toContainText('07:00–09:00');
  await conflict.getByRole('button', { name: 'Close' }).click();

  // Creating over the mix is refused too, with the server's words inside the form.
  await dragVertically(page, box.x + box.width / 2, (await yOf(page, column, 10 * 60)) + 3, (await yOf(page, column, 12 * 60)) - 3);
  dialog = page.getByRole('dialog', { name: 'New session' });
  await expect(dialog.getByLabel('Start time')).toHaveValue('10:00');
  await dialog.getByLabel('Title').fill('Overdub — Band C');
  await dialog.getByRole('button', { name: 'Book the session' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Live Room is taken');
  await expect(dialog.getByRole('alert')).toContainText("by 'Mix — Band B'");
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: /Overdub — Band C/ })).toHaveCount(0);

  // A hold: hatched, with a "Hold" tag and its expiry.
  await page.getByRole('button', { name: 'New session' }).click();
  dialog = page.getByRole('dialog', { name: 'New session' });
  await dialog.getByLabel('Title').fill('Demo — Band D');
  await dialog.getByLabel('Start time').fill('13:00');
  await dialog.getByLabel('End time').fill('14:00');
  await dialog.getByRole('radio', { name: 'Hold' }).check();
  await expect(dialog.getByLabel('Hold for (hours)')).toHaveValue('48');
  await dialog.getByRole('button', { name: 'Book the session' }).click();
  await expect(dialog).toBeHidden();
  const hold = page.getByRole('button', { name: /Demo — Band D/ });
  await expect(hold).toHaveAttribute('data-status', 'hold');
  await expect(hold.getByTestId('session-status-tag')).toHaveText(/^Hold · until /);
  await expect(hold).toHaveCSS('background-image', /repeating-linear-gradient/);
  await expect(bandB).toHaveCSS('background-image', 'none');

  // Keyboard: arrows move between blocks, Enter opens the panel.
  await bandB.focus();
  await page.keyboard.press('ArrowUp');
  await expect(bandA).toBeFocused();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('session-panel');
  await expect(panel.getByRole('heading', { name: 'Tracking — Band A' })).toBeVisible();
  await expect(panel).toContainText('Alex Engineer');
  await expect(panel).toContainText('Neumann U87');
  await expect(panel.getByTestId('session-total')).toHaveText('€205.00');
  await expect(panel.getByRole('button', { name: 'Mark as no-show' })).toBeVisible();

  // Cancel it from the panel: the block leaves the calendar.
  await panel.getByRole('button', { name: 'Cancel the session' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Cancel “Tracking — Band A”?' });
  await confirm.getByRole('button', { name: 'Cancel the session' }).click();
  await expect(panel).toBeHidden();
  await expect(bandA).toHaveCount(0);
  // …and comes back, struck through, only when cancelled sessions are asked for.
  await page.getByRole('button', { name: 'Show cancelled' }).click();
  await expect(bandA).toHaveAttribute('data-status', 'cancelled');
  await page.getByRole('button', { name: 'Show cancelled' }).click();
  await expect(bandA).toHaveCount(0);

  // The other views show the same sessions; a day of the month opens that day.
  await page.getByRole('button', { name: 'Week', exact: true }).click();
  await expect(page.getByTestId('calendar-label')).toHaveText('May 13 – 19, 2030');
  await expect(page.getByRole('button', { name: /Mix — Band B/ })).toBeVisible();
  await page.getByRole('button', { name: 'Agenda', exact: true }).click();
  await expect(page.getByTestId('calendar-agenda')).toContainText('Mix — Band B');
  await page.getByRole('button', { name: 'Month', exact: true }).click();
  await expect(page.getByTestId('calendar-month').getByRole('button', { name: /Demo — Band D/ })).toHaveAttribute('data-status', 'hold');
  await page.getByRole('button', { name: 'Open Wednesday, May 15' }).click();
  await expect(page).toHaveURL(/view=day&date=2030-05-15/);
  await expect(page.getByRole('button', { name: /Mix — Band B/ })).toContainText('11:00–13:00');
});
